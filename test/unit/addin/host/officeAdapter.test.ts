import { OfficeMockObject } from "office-addin-mock";
import { AddinError } from "../../../../src/addin/host/errors";
import { officeHost } from "../../../../src/addin/host/officeAdapter";

type Result = { status: string; value?: unknown; error?: { name: string; message: string; code: number } };
type Callback = (result: Result) => void;

/** Answers later, like Outlook, never inside the call. */
const later = (cb: Callback, result: Result) => setTimeout(() => cb(result), 0);
const ok = (cb: Callback, value?: unknown) => later(cb, { status: "succeeded", value });
const failed = (cb: Callback, code = 9002) =>
  later(cb, { status: "failed", error: { name: "GenericResponseError", message: "Server said no.", code } });

function installOffice(overrides: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const state = {
    body: "<p>hello</p>",
    location: "Room 1",
    type: "html",
    props: {} as Record<string, string>,
  };
  const body = {
    getTypeAsync: (cb: Callback) => ok(cb, state.type),
    getAsync: (type: string, cb: Callback) => {
      calls.push(`getAsync:${type}`);
      ok(cb, state.body);
    },
    setAsync: (data: string, options: { coercionType: string }, cb: Callback) => {
      calls.push(`setAsync:${options.coercionType}`);
      state.body = data;
      ok(cb);
    },
    prependAsync: (data: string, options: { coercionType: string }, cb: Callback) => {
      calls.push(`prependAsync:${options.coercionType}`);
      state.body = data + state.body;
      ok(cb);
    },
    ...(overrides.body as object),
  };
  const mock = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    MailboxEnums: {
      ItemNotificationMessageType: {
        ProgressIndicator: "progressIndicator",
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
      },
    },
    context: {
      officeTheme: { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#ffffff" },
      requirements: { isSetSupported: (name: string, v: string) => name === "Mailbox" && Number(v) <= 1.3 },
      roamingSettings: { get: () => undefined, set: () => undefined, remove: () => undefined, saveAsync: ok },
      mailbox: {
        userProfile: {
          displayName: "Ada Lovelace",
          emailAddress: "ada@example.com",
          timeZone: "Europe/London",
        },
        item: {
          body,
          location: {
            getAsync: (cb: Callback) => ok(cb, state.location),
            setAsync: (v: string, cb: Callback) => {
              state.location = v;
              ok(cb);
            },
          },
          subject: { getAsync: (cb: Callback) => ok(cb, "Plan") },
          start: { getAsync: (cb: Callback) => ok(cb, new Date(0)) },
          end: { getAsync: (cb: Callback) => ok(cb, new Date(3600_000)) },
          requiredAttendees: {
            getAsync: (cb: Callback) =>
              ok(cb, [{ emailAddress: "b@example.com", displayName: "B", recipientType: "user" }]),
          },
          loadCustomPropertiesAsync: (cb: Callback) =>
            ok(cb, {
              get: (n: string) => state.props[n],
              set: (n: string, v: string) => (state.props[n] = v),
              remove: (n: string) => delete state.props[n],
              saveAsync: (done: Callback) => ok(done),
            }),
          notificationMessages: {
            replaceAsync: (key: string, details: { message: string }, cb: Callback) => {
              calls.push(`notify:${key}:${details.message}`);
              ok(cb);
            },
            removeAsync: (_key: string, cb: Callback) => failed(cb, 9040),
          },
        },
      },
    },
    ...(overrides.root as object),
  });
  (globalThis as unknown as { Office: unknown }).Office = mock;
  return { calls, state };
}

describe("officeHost", () => {
  test("wraps body calls as promises with the right coercion type", async () => {
    const { calls, state } = installOffice();
    const { item } = officeHost();
    await expect(item.getBodyType()).resolves.toBe("html");
    await item.prependToBody("<b>x</b>", "html");
    await item.setBody("plain", "text");
    await expect(item.getBody("text")).resolves.toBe("plain");
    expect(calls).toEqual(["prependAsync:html", "setAsync:text", "getAsync:text"]);
    expect(state.body).toBe("plain");
  });

  test("a failed call rejects with an AddinError that names the operation and keeps Office's detail", async () => {
    installOffice({ body: { prependAsync: (_d: string, _o: unknown, cb: Callback) => failed(cb, 9041) } });
    const error = await officeHost()
      .item.prependToBody("x", "html")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddinError);
    const problem = error as AddinError;
    expect(problem.code).toBe("office.body.prependAsync");
    expect(problem.message).toBe("Outlook could not add the meeting details to the body.");
    expect(problem.action).toMatch(/connection/);
    expect(problem.detail).toBe("GenericResponseError: Server said no. (code 9041)");
  });

  test("a call that throws synchronously rejects instead of escaping", async () => {
    installOffice({
      body: {
        getAsync: () => {
          throw new Error("Item was closed");
        },
      },
    });
    await expect(officeHost().item.getBody("html")).rejects.toMatchObject({
      code: "office.body.getAsync",
      detail: "Item was closed",
    });
  });

  test("location, times, attendees and custom properties", async () => {
    const { state } = installOffice();
    const { item } = officeHost();
    await item.setLocation("Room 2");
    await expect(item.getLocation()).resolves.toBe("Room 2");
    await expect(item.getEnd()).resolves.toEqual(new Date(3600_000));
    await expect(item.getRequiredAttendees()).resolves.toEqual([
      { emailAddress: "b@example.com", displayName: "B" },
    ]);
    const props = await item.loadCustomProperties();
    props.set("k", "v");
    await props.save();
    expect(state.props).toEqual({ k: "v" });
  });

  test("notifications are cut to Outlook's 150 characters and clearing a missing one is not an error", async () => {
    const { calls } = installOffice();
    const { notifier } = officeHost();
    await notifier.show("error", "x".repeat(200));
    const shown = calls.find((c) => c.startsWith("notify:"))!.split(":")[2]!;
    expect(shown).toHaveLength(150);
    expect(shown.endsWith("…")).toBe(true);
    await expect(notifier.clear()).resolves.toBeUndefined();
  });

  test("reports the user, theme and requirement sets", () => {
    installOffice();
    const host = officeHost();
    expect(host.user.displayName).toBe("Ada Lovelace");
    expect(host.theme?.bodyBackgroundColor).toBe("#1f1f1f");
    expect(host.isSetSupported("Mailbox", "1.3")).toBe(true);
    expect(host.isSetSupported("Mailbox", "1.8")).toBe(false);
  });
});
