/** @jest-environment jsdom */
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { MemoryStorage, ROAMING_STORAGE_KEY } from "../../../../dev/workbench/roaming";
import { harness, result } from "./helpers";

describe("Office.onReady and the namespace", () => {
  it("resolves asynchronously with Outlook on the web and only then provides Office.context", async () => {
    const host = new WorkbenchHost({ config: { latency: 1 } });
    const office = host.officeFor(window, { name: "taskpane" });
    const initialize = jest.fn();
    office.initialize = initialize;
    const callback = jest.fn();
    const ready = office.onReady(callback);
    expect(office.context).toBeUndefined();
    expect(callback).not.toHaveBeenCalled();
    await expect(ready).resolves.toEqual({ host: "Outlook", platform: "OfficeOnline" });
    expect(callback).toHaveBeenCalledWith({ host: "Outlook", platform: "OfficeOnline" });
    expect(initialize).toHaveBeenCalledTimes(1);
    expect(office.context.mailbox.item?.itemType).toBe("appointment");
    expect(office.HostType.Outlook).toBe("Outlook");
    expect(office.AsyncResultStatus.Succeeded).toBe("succeeded");
    expect(office.CoercionType.Html).toBe("html");
    expect(office.MailboxEnums.ItemNotificationMessageType.ErrorMessage).toBe("errorMessage");
    // onReady after readiness still answers (asynchronously).
    await expect(office.onReady()).resolves.toEqual({ host: "Outlook", platform: "OfficeOnline" });
  });

  it("reports the user profile, diagnostics, language, theme and requirement sets", async () => {
    const { office, host } = await harness({ config: { theme: "dark" } });
    const ctx = office.context;
    expect(ctx.mailbox.userProfile).toEqual({
      displayName: "Alex Wilber",
      emailAddress: "alexw@contoso.com",
      timeZone: "Pacific Standard Time",
      accountType: "enterprise",
    });
    expect(ctx.mailbox.diagnostics.hostName).toBe("OutlookWebApp");
    expect(ctx.displayLanguage).toBe("en-US");
    expect(ctx.officeTheme.isDarkTheme).toBe(true);
    host.setTheme("light");
    expect(ctx.officeTheme.bodyBackgroundColor).toBe("#ffffff");
    expect(ctx.requirements.isSetSupported("Mailbox", "1.14")).toBe(true);
    expect(ctx.requirements.isSetSupported("mailbox", "1.3")).toBe(true);
    expect(ctx.requirements.isSetSupported("Mailbox", "1.15")).toBe(false);
    expect(ctx.requirements.isSetSupported("NestedAppAuth", "1.1")).toBe(false);
    host.setRequirement("NestedAppAuth", "1.1");
    expect(ctx.requirements.isSetSupported("NestedAppAuth", "1.1")).toBe(true);
    host.setRequirement("Mailbox", "1.8");
    expect(ctx.requirements.isSetSupported("Mailbox", "1.10")).toBe(false);
  });
});

describe("asynchronous answers", () => {
  it("never calls back synchronously and passes asyncContext through", async () => {
    const { item } = await harness();
    let called = false;
    const done = new Promise<Office.AsyncResult<string>>((resolve) =>
      item.subject.getAsync({ asyncContext: { n: 1 } }, (r) => {
        called = true;
        resolve(r);
      }),
    );
    expect(called).toBe(false);
    const r = await done;
    expect(r.status).toBe("succeeded");
    expect(r.value).toBe("");
    expect(r.asyncContext).toEqual({ n: 1 });
  });

  it("accepts the legacy (callback, userContext) form of loadCustomPropertiesAsync", async () => {
    const { item } = await harness();
    const r = await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb, "ctx"));
    expect(r.status).toBe("succeeded");
    expect(r.asyncContext).toBe("ctx");
  });

  it("throws synchronously on bad arguments like office.js", async () => {
    const { item } = await harness();
    const body = item.body as unknown as Record<string, (...args: unknown[]) => void>;
    expect(() => body.getAsync?.("html")).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentNullException" }),
    );
    expect(() => body.getAsync?.("ooxml", () => undefined)).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentException" }),
    );
    expect(() => body.setAsync?.(42)).toThrow(expect.objectContaining({ name: "Sys.ArgumentTypeException" }));
    expect(() => body.setAsync?.("x", undefined)).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentTypeException" }),
    );
    expect(() => body.setAsync?.("x", undefined, () => undefined)).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentException" }),
    );
    expect(() => item.location.setAsync("x".repeat(256))).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentOutOfRangeException" }),
    );
  });

  it("fails an unknown coercion type on write through the callback (code 1000)", async () => {
    const { item, host } = await harness();
    const r = await result<void>((cb) => item.body.setAsync("x", { coercionType: "ooxml" }, cb));
    expect(r.status).toBe("failed");
    expect(r.error.code).toBe(1000);
    expect(host.store.snapshot().body).toBe("");
  });

  it("answers the start and end as Dates and the attendees as recipients", async () => {
    const { item, host } = await harness({
      config: {
        appointment: {
          start: "2030-01-02T10:00:00Z",
          end: "2030-01-02T10:30:00Z",
          attendees: "Ann Lee <ann@contoso.com>, bob@fabrikam.com",
        },
      },
    });
    const start = await result<Date>((cb) => item.start.getAsync(cb));
    expect(start.value).toBeInstanceOf(Date);
    expect(start.value.toISOString()).toBe("2030-01-02T10:00:00.000Z");
    const end = await result<Date>((cb) => item.end.getAsync(cb));
    expect(end.value.toISOString()).toBe("2030-01-02T10:30:00.000Z");
    const attendees = await result<Office.EmailAddressDetails[]>((cb) => item.requiredAttendees.getAsync(cb));
    expect(attendees.value.map((a) => [a.displayName, a.emailAddress])).toEqual([
      ["Ann Lee", "ann@contoso.com"],
      ["bob@fabrikam.com", "bob@fabrikam.com"],
    ]);
    host.store.update({ location: "Room 1" });
    expect((await result<string>((cb) => item.location.getAsync(cb))).value).toBe("Room 1");
  });
});

describe("failure injection", () => {
  it("failNext fails exactly one call, with an Outlook error, and the write changes nothing", async () => {
    const { item, host } = await harness({ config: { appointment: { body: "<div>Mine</div>" } } });
    const before = host.store.snapshot().body;
    host.failNext("body.prependAsync");
    const failed = await result<void>((cb) =>
      item.body.prependAsync("<div>Block</div>", { coercionType: "html" }, cb),
    );
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual(expect.objectContaining({ code: 9020, name: "GenericResponseError" }));
    expect(host.store.snapshot().body).toBe(before);
    const ok = await result<void>((cb) =>
      item.body.prependAsync("<div>Block</div>", { coercionType: "html" }, cb),
    );
    expect(ok.status).toBe("succeeded");
    expect(host.store.snapshot().body).toBe("<div>Block</div><div>Mine</div>");
  });

  it("setFailure keeps failing with the chosen error until switched off", async () => {
    const { item, host } = await harness({ config: { appointment: { location: "Old" } } });
    host.setFailure("location.setAsync", true, "NetworkError");
    for (let i = 0; i < 2; i++) {
      const r = await result<void>((cb) => item.location.setAsync("New", cb));
      expect(r.error).toEqual(expect.objectContaining({ code: 9041, name: "NetworkError" }));
    }
    expect(host.store.snapshot().location).toBe("Old");
    host.setFailure("location.setAsync", false);
    expect((await result<void>((cb) => item.location.setAsync("New", cb))).status).toBe("succeeded");
    expect(host.store.snapshot().location).toBe("New");
    const log = host.calls().filter((c) => c.method === "location.setAsync");
    expect(log.map((c) => [c.status, c.injected])).toEqual([
      ["failed", true],
      ["failed", true],
      ["succeeded", false],
    ]);
  });

  it("accepts a custom error and rejects unknown method names", async () => {
    const { item, host } = await harness();
    host.failNext("body.getAsync", { code: 9042, name: "InternalServerError", message: "boom" });
    const r = await result<string>((cb) => item.body.getAsync("html", cb));
    expect(r.error).toEqual({ code: 9042, name: "InternalServerError", message: "boom" });
    expect(() => host.failNext("body.nope" as never)).toThrow(/Unknown Office method/);
  });

  it("fails calls still in flight when the item is reset (a different item)", async () => {
    const { item, host } = await harness();
    host.setLatency(20);
    const pending = result<void>((cb) => item.subject.setAsync("Late", cb));
    host.store.reset();
    const r = await pending;
    expect(r.error).toEqual(expect.objectContaining({ code: 9030, name: "APICallFailedDueToItemChange" }));
    expect(host.store.snapshot().subject).toBe("");
  });
});

describe("custom properties", () => {
  it("only change the item when saveAsync succeeds", async () => {
    const { item, host } = await harness();
    const props = (await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb))).value;
    props.set("meetingId", "123");
    expect(props.get("meetingId")).toBe("123");
    expect(host.store.customProperties()).toEqual({});
    const other = (await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb))).value;
    expect(other.get("meetingId")).toBeUndefined();

    host.failNext("customProperties.saveAsync");
    expect((await result<void>((cb) => props.saveAsync(cb))).status).toBe("failed");
    expect(host.store.customProperties()).toEqual({});

    expect((await result<void>((cb) => props.saveAsync(cb))).status).toBe("succeeded");
    expect(host.store.customProperties()).toEqual({ meetingId: "123" });
    const reloaded = (await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb)))
      .value;
    expect(reloaded.get("meetingId")).toBe("123");
    expect(reloaded.getAll()).toEqual({ meetingId: "123" });

    reloaded.remove("meetingId");
    expect(host.store.customProperties()).toEqual({ meetingId: "123" });
    await result<void>((cb) => reloaded.saveAsync(cb));
    expect(host.store.customProperties()).toEqual({});
  });

  it("stores Dates like Outlook and refuses more than 2,500 characters", async () => {
    const { item, host } = await harness();
    const props = (await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb))).value;
    const when = new Date("2030-05-06T07:08:09Z");
    props.set("when", when as unknown as string);
    await result<void>((cb) => props.saveAsync(cb));
    expect(host.store.customProperties()).toEqual({ when: `Date(${when.getTime()})` });
    const again = (await result<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb))).value;
    expect(again.get("when")).toEqual(when);

    again.set("big", "x".repeat(2600));
    expect(() => again.saveAsync(() => undefined)).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentOutOfRangeException" }),
    );
  });
});

describe("roaming settings", () => {
  it("persist across a new host on the same storage only after saveAsync", async () => {
    const storage = new MemoryStorage();
    const first = await harness({ storage });
    const settings = first.office.context.roamingSettings;
    settings.set("unsaved", 1);
    const second = await harness({ storage });
    expect(second.office.context.roamingSettings.get("unsaved")).toBeUndefined();

    settings.set("defaultMode", { kind: "personal-room", n: 2 });
    expect((await result<void>((cb) => settings.saveAsync(cb))).status).toBe("succeeded");
    const third = await harness({ storage });
    expect(third.office.context.roamingSettings.get("defaultMode")).toEqual({ kind: "personal-room", n: 2 });
    expect(third.office.context.roamingSettings.get("unsaved")).toBe(1);
    expect(JSON.parse(storage.getItem(ROAMING_STORAGE_KEY) ?? "{}")).toEqual({
      unsaved: 1,
      defaultMode: { kind: "personal-room", n: 2 },
    });
  });

  it("gives each frame its own copy loaded at start", async () => {
    const storage = new MemoryStorage();
    const { host, office } = await harness({ storage });
    const later = host.officeFor(window, { name: "commands" });
    await later.onReady();
    office.context.roamingSettings.set("a", 1);
    await result<void>((cb) => office.context.roamingSettings.saveAsync(cb));
    expect(later.context.roamingSettings.get("a")).toBeUndefined();
    expect(host.roaming.load()).toEqual({ a: 1 });
  });

  it("refuse to save more than 32 KB and keep what was stored", async () => {
    const storage = new MemoryStorage();
    const { office, host } = await harness({ storage });
    const settings = office.context.roamingSettings;
    settings.set("small", "ok");
    await result<void>((cb) => settings.saveAsync(cb));
    settings.set("huge", "x".repeat(33 * 1024));
    const r = await result<void>((cb) => settings.saveAsync(cb));
    expect(r.status).toBe("failed");
    expect(r.error).toEqual(expect.objectContaining({ code: 9057, name: "SizeLimitExceeded" }));
    expect(host.roaming.load()).toEqual({ small: "ok" });
  });

  it("clears stored settings when started fresh", async () => {
    const storage = new MemoryStorage();
    storage.setItem(ROAMING_STORAGE_KEY, JSON.stringify({ old: true }));
    const { office } = await harness({ storage, config: { fresh: true } });
    expect(office.context.roamingSettings.get("old")).toBeUndefined();
  });
});

describe("body", () => {
  it("rewrites written HTML like OWA and answers the same document on every read", async () => {
    const { item, host } = await harness();
    await result<void>((cb) =>
      item.body.setAsync(
        '<div id="bj" class="block"><a href="https://x/j?a=1&b=2">Join</a></div>',
        { coercionType: "html" },
        cb,
      ),
    );
    const first = (await result<string>((cb) => item.body.getAsync("html", cb))).value;
    expect(first).toContain('id="x_bj" class="x_block"');
    expect(first).toContain('href="https://x/j?a=1&amp;b=2"');
    expect(first.startsWith("<html>")).toBe(true);
    expect((await result<string>((cb) => item.body.getAsync("html", cb))).value).toBe(first);
    for (let i = 0; i < 3; i++) {
      await result<void>((cb) => item.body.setAsync(first, { coercionType: "html" }, cb));
      expect((await result<string>((cb) => item.body.getAsync("html", cb))).value).toBe(first);
    }
    expect((await result<string>((cb) => item.body.getAsync("text", cb))).value).toBe("Join");
    expect(host.store.snapshot().bodyType).toBe("html");
  });

  it("writes text (escaped) when no coercionType is given, as office.js defaults to text", async () => {
    const { item, host } = await harness();
    await result<void>((cb) => item.body.setAsync("<b>1 & 2</b>", cb));
    expect(host.store.snapshot().body).toBe("<div>&lt;b&gt;1 &amp; 2&lt;/b&gt;</div>");
    await result<void>((cb) => item.body.prependAsync("a\nb", { coercionType: "text" }, cb));
    expect((await result<string>((cb) => item.body.getAsync("text", cb))).value).toBe("a\nb\n<b>1 & 2</b>");
  });

  it("handles a plain-text body like Outlook", async () => {
    const { item, host } = await harness({
      config: { bodyType: "text", appointment: { body: "Line 1\r\nLine 2" } },
    });
    expect((await result<Office.CoercionType>((cb) => item.body.getTypeAsync(cb))).value).toBe("text");
    expect((await result<string>((cb) => item.body.getAsync("text", cb))).value).toBe("Line 1\r\nLine 2");
    await result<void>((cb) =>
      item.body.prependAsync(
        "<div>Join: <b>https://bluejeans.com/1</b></div><div>ID 1</div>",
        { coercionType: "html" },
        cb,
      ),
    );
    expect(host.store.snapshot().body).toBe("Join: https://bluejeans.com/1\nID 1Line 1\r\nLine 2");
    const r = await result<void>((cb) => item.body.setAsync("<p>x</p>", { coercionType: "html" }, cb));
    expect(r.error).toEqual(expect.objectContaining({ name: "InvalidFormatError" }));
    expect(host.store.snapshot().body).toBe("Join: https://bluejeans.com/1\nID 1Line 1\r\nLine 2");
    await result<void>((cb) => item.body.setAsync("A\r\nB", { coercionType: "text" }, cb));
    expect(host.store.snapshot().body).toBe("A\r\nB");
  });

  it("converts when the user switches the body format", async () => {
    const { host } = await harness({ config: { appointment: { body: "<div>a &amp; b</div><div>c</div>" } } });
    host.store.setBodyType("text");
    expect(host.store.snapshot().body).toBe("a & b\nc");
    host.store.setBodyType("html");
    expect(host.store.snapshot().body).toBe("<div>a &amp; b</div><div>c</div>");
  });
});

describe("notification messages", () => {
  const info = (message: string) => ({
    type: "informationalMessage",
    message,
    icon: "icon-16",
    persistent: false,
  });

  it("adds, replaces, removes and lists messages; errors like Outlook", async () => {
    const { item, host } = await harness();
    const nm = item.notificationMessages;
    expect((await result<void>((cb) => nm.addAsync("a", info("One"), cb))).status).toBe("succeeded");
    const dup = await result<void>((cb) => nm.addAsync("a", info("Again"), cb));
    expect(dup.error).toEqual(expect.objectContaining({ code: 9023, name: "DuplicateNotificationKey" }));
    await result<void>((cb) => nm.replaceAsync("a", { type: "errorMessage", message: "Failed" }, cb));
    await result<void>((cb) => nm.replaceAsync("b", { type: "progressIndicator", message: "Working" }, cb));
    const all = await result<Office.NotificationMessageDetails[]>((cb) => nm.getAllAsync(cb));
    expect(all.value).toEqual([
      { key: "a", type: "errorMessage", message: "Failed" },
      { key: "b", type: "progressIndicator", message: "Working" },
    ]);
    const missing = await result<void>((cb) => nm.removeAsync("zzz", cb));
    expect(missing.error).toEqual(expect.objectContaining({ code: 9024, name: "NotificationKeyNotFound" }));
    await result<void>((cb) => nm.removeAsync("b", cb));
    expect(host.store.notifications().map((n) => n.key)).toEqual(["a"]);
  });

  it("allows at most five messages", async () => {
    const { item, host } = await harness();
    for (let i = 0; i < 5; i++) {
      expect(
        (await result<void>((cb) => item.notificationMessages.addAsync(`k${i}`, info(`m${i}`), cb))).status,
      ).toBe("succeeded");
    }
    const sixth = await result<void>((cb) => item.notificationMessages.addAsync("k5", info("m5"), cb));
    expect(sixth.error).toEqual(
      expect.objectContaining({ code: 9025, name: "NumberOfNotificationsExceeded" }),
    );
    const replaceNew = await result<void>((cb) =>
      item.notificationMessages.replaceAsync("k6", info("m6"), cb),
    );
    expect(replaceNew.status).toBe("failed");
    expect(host.store.notifications()).toHaveLength(5);
  });

  it("checks the message details synchronously", async () => {
    const { item } = await harness();
    const nm = item.notificationMessages;
    expect(() => nm.addAsync("k", info("x".repeat(151)))).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentOutOfRangeException" }),
    );
    expect(() => nm.addAsync("k".repeat(33), info("x"))).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentOutOfRangeException" }),
    );
    expect(() =>
      nm.addAsync("k", { type: "informationalMessage", message: "no icon", persistent: false }),
    ).toThrow(expect.objectContaining({ name: "Sys.ArgumentNullException" }));
    expect(() => nm.addAsync("k", { type: "errorMessage", message: "m", icon: "icon-16" })).toThrow(
      expect.objectContaining({ name: "Sys.ArgumentException" }),
    );
    expect(() => nm.addAsync("k", { type: "progressIndicator", message: "x".repeat(150) })).not.toThrow();
  });

  it("fails an injected addAsync without adding the message", async () => {
    const { item, host } = await harness();
    host.failNext("notificationMessages.addAsync", "NetworkError");
    const r = await result<void>((cb) => item.notificationMessages.addAsync("a", info("One"), cb));
    expect(r.error?.code).toBe(9041);
    expect(host.store.notifications()).toEqual([]);
  });
});

describe("call log", () => {
  it("records start and end of every call and counts sequential rounds", async () => {
    const { item, host } = await harness();
    host.clearCalls();
    await Promise.all([
      result<string>((cb) => item.subject.getAsync(cb)),
      result<string>((cb) => item.location.getAsync(cb)),
      result<Office.CoercionType>((cb) => item.body.getTypeAsync(cb)),
    ]);
    expect(host.rounds()).toBe(1);
    await result<string>((cb) => item.body.getAsync("html", cb));
    await result<void>((cb) => item.body.prependAsync("x", { coercionType: "text" }, cb));
    const calls = host.calls();
    expect(calls.map((c) => c.method)).toEqual([
      "subject.getAsync",
      "location.getAsync",
      "body.getTypeAsync",
      "body.getAsync",
      "body.prependAsync",
    ]);
    expect(calls.every((c) => c.end !== null && c.end >= c.start && c.frame === "taskpane")).toBe(true);
    expect(host.rounds()).toBe(3);
    host.clearCalls();
    expect(host.calls()).toEqual([]);
  });

  it("uses the latency set per method", async () => {
    const { item, host } = await harness();
    host.setLatency(30, "body.getAsync");
    expect(host.latency("body.getAsync")).toBe(30);
    expect(host.latency()).toBe(1);
    const order: string[] = [];
    await Promise.all([
      result<string>((cb) => item.body.getAsync("text", cb)).then(() => order.push("body")),
      result<string>((cb) => item.subject.getAsync(cb)).then(() => order.push("subject")),
    ]);
    expect(order).toEqual(["subject", "body"]);
  });

  it("records exceptions thrown by add-in callbacks", async () => {
    const { item, host } = await harness();
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    item.subject.getAsync(() => {
      throw new Error("bug in add-in");
    });
    await host.idle();
    expect(host.callbackErrors()).toEqual([
      expect.objectContaining({
        frame: "taskpane",
        source: "subject.getAsync callback",
        message: "bug in add-in",
      }),
    ]);
    spy.mockRestore();
  });
});

describe("add-in command", () => {
  it("calls the associated function with an event and records completed()", async () => {
    const host = new WorkbenchHost({ config: { latency: 1 } });
    const office = host.officeFor(window, { name: "commands" });
    const seen: Office.AddinCommands.Event[] = [];
    let calledTwice: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => (calledTwice = resolve));
    office.actions.associate("addBlueJeansMeeting", (event: Office.AddinCommands.Event) => {
      seen.push(event);
      setTimeout(() => {
        event.completed();
        event.completed();
        calledTwice();
      }, 0);
    });
    expect(host.actions()).toEqual(["addBlueJeansMeeting"]);
    const run = await host.runCommand();
    expect(seen[0]?.source.id).toBe("addBlueJeansMeeting");
    expect(run.completedAt).not.toBeNull();
    await twice;
    expect(host.commandRuns()[0]).toEqual(expect.objectContaining({ completedCount: 2, error: null }));
    expect(host.isCommandRunning()).toBe(false);
  });

  it("shows the run as running until completed() is called", async () => {
    const host = new WorkbenchHost({ config: { latency: 1 } });
    const office = host.officeFor(window, { name: "commands" });
    let finish: (() => void) | undefined;
    let started: () => void = () => undefined;
    const handlerRan = new Promise<void>((resolve) => (started = resolve));
    office.actions.associate("addBlueJeansMeeting", (event: Office.AddinCommands.Event) => {
      finish = () => event.completed({ allowEvent: true });
      started();
    });
    const running = host.runCommand();
    await handlerRan;
    expect(host.isCommandRunning()).toBe(true);
    finish?.();
    const run = await running;
    expect(run.completedOptions).toEqual({ allowEvent: true });
    expect(host.isCommandRunning()).toBe(false);
  });
});
