/** @jest-environment jsdom */
/**
 * The add/update/remove flow through the real Office adapter, against the workbench's fake
 * Outlook (asynchronous results, injected failures, Outlook on the web's HTML rewriting).
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
// As the pages and the event runtime do: adds that settle need it.
import "../../../../src/addin/appointment/raceSettling";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { addMeeting, removeMeeting } from "../../../../src/addin/appointment/meetingFlow";
import {
  CREATE_KEY_PROPERTY,
  idempotencyKeyFor,
  MEETING_PROPERTY,
  parseStoredMeeting,
} from "../../../../src/addin/appointment/storedMeeting";
import { JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";
import { AddinError } from "../../../../src/addin/host/errors";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import type { OutlookHost } from "../../../../src/addin/host/ports";
import type { MeetingSource, MeetingSources } from "../../../../src/addin/sources/meetingSource";
import { personalRoomSource } from "../../../../src/addin/sources/personalRoom";
import { readAppointmentDetails } from "../../../../src/addin/sources/appointmentDetails";

type BodyType = "html" | "text";

async function setup(body: string, bodyType: BodyType, location = "") {
  localStorage.clear();
  const wb = new WorkbenchHost({ config: { latency: 1 } });
  const api = wb.api();
  api.setState({ location });
  api.setBody(body, bodyType);
  const office = wb.officeFor(window, { name: "taskpane" });
  await office.onReady();
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  const host: OutlookHost = officeHost();
  return { api, host };
}

const room = personalRoomSource({ personalMeetingId: "123456789", attendeePasscode: "4321" }, "Ada <b>L</b>");
const only =
  (source: MeetingSource): MeetingSources =>
  (kind) =>
    kind === source.kind ? source : undefined;
const count = (text: string, part: string) => text.split(part).length - 1;

function snapshot(api: ReturnType<WorkbenchHost["api"]>) {
  const s = api.state();
  return {
    html: api.readBody("html"),
    text: api.readBody("text"),
    location: s.location,
    props: s.customProperties,
  };
}

describe("addMeeting", () => {
  test("a first insert reads in one round and writes in one round", async () => {
    const { api, host } = await setup("<p>Agenda: budget</p>", "html", "Room 4");
    api.clearCalls();
    const outcome = await addMeeting(host.item, room, only(room));
    expect(outcome.action).toBe("added");
    expect(api.rounds()).toBe(2);
    expect(api.calls().map((c) => c.method)).not.toContain("body.setAsync");
    const html = api.readBody("html");
    expect(count(html, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(html.indexOf(JOIN_BLOCK_START_MARKER)).toBeLessThan(html.indexOf("Agenda: budget"));
    expect(html).not.toContain("<b>L</b>");
    expect(api.state().location).toBe("Room 4; https://bluejeans.com/123456789/4321?src=calendarLink");
    const stored = parseStoredMeeting(api.state().customProperties[MEETING_PROPERTY]);
    expect(stored).toMatchObject({ numericMeetingId: "123456789", addedToLocation: true });
  });

  test("adding again updates in place: one block, user text kept", async () => {
    const { api, host } = await setup("<p>Agenda</p>", "html");
    await addMeeting(host.item, room, only(room));
    api.setBody(api.state().body + "<p>Added later by the organiser</p>", "html");
    const changed = personalRoomSource({ personalMeetingId: "987654321" }, "Ada");
    const outcome = await addMeeting(host.item, changed, only(changed));
    expect(outcome.action).toBe("updated");
    const text = api.readBody("text");
    expect(count(text, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(text).toContain("987654321");
    expect(text).not.toContain("123456789");
    expect(text).toContain("Added later by the organiser");
    expect(api.state().location).toBe("https://bluejeans.com/987654321?src=calendarLink");
  });

  test("a block already in the body without stored data (a copied appointment) is replaced, not doubled", async () => {
    const { api, host } = await setup("<p>Agenda</p>", "html");
    await addMeeting(host.item, room, only(room));
    api.setState({ customProperties: {} });
    await addMeeting(host.item, room, only(room));
    expect(count(api.readBody("text"), JOIN_BLOCK_START_MARKER)).toBe(1);
  });

  test.each([
    "body.getTypeAsync",
    "body.getAsync",
    "location.getAsync",
    "loadCustomPropertiesAsync",
    "body.prependAsync",
    "location.setAsync",
    "customProperties.saveAsync",
  ] as const)("when %s fails the appointment is left as it was", async (method) => {
    const { api, host } = await setup("<p>Agenda</p>", "html", "Room 4");
    const before = snapshot(api);
    api.failNext(method);
    const error = await addMeeting(host.item, room, only(room)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddinError);
    expect((error as AddinError).code).toBe(`office.${method}`);
    await api.idle();
    expect(snapshot(api)).toEqual(before);
  });

  test("text bodies keep their CRLF line ends and come back byte for byte", async () => {
    const original = "Line one\r\nLine two\r\n\r\n  indented\r\n";
    const { api, host } = await setup(original, "text");
    await addMeeting(host.item, room, only(room));
    const body = api.readBody("text");
    expect(body.endsWith(original)).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    await removeMeeting(host.item, only(room));
    expect(api.readBody("text")).toBe(original);
  });
});

describe("removeMeeting", () => {
  test("takes out the block, our part of the location and the stored data", async () => {
    const { api, host } = await setup(
      '<p>Agenda: <a href="https://example.com/?a=1&b=2">plan</a></p>',
      "html",
      "Room 4",
    );
    const before = snapshot(api);
    await addMeeting(host.item, room, only(room));
    await removeMeeting(host.item, only(room));
    expect(snapshot(api)).toEqual(before);
  });

  test("a source that cannot end the meeting leaves everything in place", async () => {
    const failing: MeetingSource = {
      ...room,
      remove: async () => {
        throw new AddinError(
          "BlueJeans could not delete the meeting.",
          "Try again later.",
          "bluejeans.delete",
        );
      },
    };
    const { api, host } = await setup("<p>Agenda</p>", "html");
    await addMeeting(host.item, failing, only(failing));
    const withMeeting = snapshot(api);
    await expect(removeMeeting(host.item, only(failing))).rejects.toMatchObject({ code: "bluejeans.delete" });
    expect(snapshot(api)).toEqual(withMeeting);
  });

  test("when writing the body fails nothing is removed", async () => {
    const { api, host } = await setup("<p>Agenda</p>", "html", "Room 4");
    await addMeeting(host.item, room, only(room));
    const withMeeting = snapshot(api);
    api.failNext("body.setAsync");
    await expect(removeMeeting(host.item, only(room))).rejects.toMatchObject({
      code: "office.body.setAsync",
    });
    await api.idle();
    expect(snapshot(api)).toEqual(withMeeting);
  });
});

describe("parseStoredMeeting", () => {
  test.each([
    ["not JSON", "{"],
    [
      "a javascript: link",
      JSON.stringify({
        v: 1,
        source: "personal-room",
        numericMeetingId: "1",
        joinUrl: "javascript:alert(1)",
      }),
    ],
    [
      "a non-numeric id",
      JSON.stringify({ v: 1, source: "personal-room", numericMeetingId: "1<b>", joinUrl: "https://x" }),
    ],
    [
      "an unknown source",
      JSON.stringify({ v: 1, source: "zoom", numericMeetingId: "1", joinUrl: "https://x" }),
    ],
    ["a number", 5],
  ])("%s counts as no meeting", (_label, raw) => {
    expect(parseStoredMeeting(raw)).toBeUndefined();
  });
});

describe("locations Outlook would refuse", () => {
  test("a location with no room for the link is left alone and the meeting is still added", async () => {
    const long = "Building 7, Floor 3, Room 301 (".padEnd(240, "x") + ")";
    const { api, host } = await setup("<p>Agenda</p>", "html", long);
    const outcome = await addMeeting(host.item, room, only(room));
    expect(outcome.stored.addedToLocation).toBe(false);
    expect(api.state().location).toBe(long);
    expect(count(api.readBody("text"), JOIN_BLOCK_START_MARKER)).toBe(1);
    await removeMeeting(host.item, only(room));
    expect(api.state().location).toBe(long);
  });
});

/** A scheduled source against nothing: records what it was asked, fails when told to. */
function fakeScheduled(options: { failRemove?: boolean } = {}) {
  const calls: string[] = [];
  let next = 555000111;
  const meetingFor = (id: number) => ({
    source: "scheduled" as const,
    numericMeetingId: String(id),
    joinUrl: `https://bluejeans.com/${id}`,
    dialIn: [],
    moreNumbersUrl: "https://bluejeans.com/numbers",
    roomSystem: { host: "bjn.vc", ip: "199.48.152.152", sipDomain: "bjn.vc" },
    testUrl: "https://bluejeans.com/111",
    meetingId: id,
  });
  const source: MeetingSource = {
    kind: "scheduled",
    create: async () => {
      calls.push("create");
      return meetingFor(next++);
    },
    update: async (stored) => {
      calls.push("update");
      return meetingFor(Number(stored.numericMeetingId));
    },
    remove: async (stored) => {
      calls.push(`remove ${stored.numericMeetingId}`);
      if (options.failRemove) throw new AddinError("BlueJeans said no.", "Try later.", "api.500");
    },
  };
  return { source, calls };
}

describe("a stored meeting's source", () => {
  test("when it is not available, adding refuses and changes nothing (no personal room in its place)", async () => {
    const { source } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html", "Room 4");
    await addMeeting(host.item, source, only(source));
    const withMeeting = snapshot(api);
    const error = await addMeeting(host.item, room, only(room)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddinError);
    expect(error).toMatchObject({ code: "meeting.sourceUnavailable" });
    expect(`${(error as AddinError).message} ${(error as AddinError).action}`).toBe(
      "This appointment has a new BlueJeans meeting; open the BlueJeans pane to update or change it.",
    );
    await api.idle();
    expect(snapshot(api)).toEqual(withMeeting);
  });

  test("when it is not available, removing refuses instead of skipping the BlueJeans delete", async () => {
    const { source, calls } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html");
    await addMeeting(host.item, source, only(source));
    const withMeeting = snapshot(api);
    await expect(removeMeeting(host.item, only(room))).rejects.toMatchObject({
      code: "meeting.sourceUnavailable",
    });
    expect(calls).toEqual(["create"]);
    expect(snapshot(api)).toEqual(withMeeting);
  });
});

describe("a fresh create whose Office writes fail", () => {
  test("the new meeting is deleted at its source as part of the undo", async () => {
    const { source, calls } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html", "Room 4");
    const before = snapshot(api);
    api.failNext("customProperties.saveAsync");
    await expect(addMeeting(host.item, source, only(source))).rejects.toMatchObject({
      code: "office.customProperties.saveAsync",
    });
    expect(calls).toEqual(["create", "remove 555000111"]);
    await api.idle();
    expect(snapshot(api)).toEqual(before);
  });

  test("a failed delete is reported beside the original error, never instead of it", async () => {
    const { source, calls } = fakeScheduled({ failRemove: true });
    const { host, api } = await setup("<p>Agenda</p>", "html");
    api.failNext("customProperties.saveAsync");
    const error = (await addMeeting(host.item, source, only(source)).catch((e: unknown) => e)) as AddinError;
    expect(error.code).toBe("office.customProperties.saveAsync");
    expect(error.message).toContain("555000111 could not be deleted");
    expect(calls).toEqual(["create", "remove 555000111"]);
  });
});

describe("an update over the network", () => {
  test.each(["text", "html"] as const)(
    "text typed into a %s body while BlueJeans answers is kept",
    async (bodyType) => {
      const { source } = fakeScheduled();
      const { api, host } = await setup(bodyType === "html" ? "<p>Agenda</p>" : "Agenda", bodyType);
      await addMeeting(host.item, source, only(source));
      const slow: MeetingSource = {
        ...source,
        update: async (stored, details) => {
          // The person types while the request is out.
          api.setBody(
            api.state().body + (bodyType === "html" ? "<p>Typed meanwhile</p>" : "\nTyped meanwhile"),
            bodyType,
          );
          // BlueJeans answers with new details, so the block must be rewritten.
          return { ...(await source.update(stored, details)), attendeePasscode: "9876" };
        },
      };
      await addMeeting(host.item, slow, only(slow));
      expect(api.readBody("text")).toContain("Typed meanwhile");
      expect(api.readBody("text")).toContain("9876");
      expect(count(api.readBody("text"), JOIN_BLOCK_START_MARKER)).toBe(1);
    },
  );
});

describe("one create key per appointment", () => {
  test("every create of one appointment sends the key stored on it; removing clears it", async () => {
    const { source } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html");
    const keys: string[] = [];
    const keyed: MeetingSource = {
      ...source,
      readDetails: readAppointmentDetails,
      create: async (details) => {
        keys.push(await idempotencyKeyFor(host.item));
        return source.create(details);
      },
    };
    // The pane and an event handler both ask before either has written the meeting.
    const [first, second] = await Promise.all([idempotencyKeyFor(host.item), idempotencyKeyFor(host.item)]);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    await addMeeting(host.item, keyed, only(keyed));
    expect(api.state().customProperties[CREATE_KEY_PROPERTY]).toBe(keys[0]);
    expect(keys[0]).toBe(api.state().customProperties[CREATE_KEY_PROPERTY]);
    expect([first, second]).toContain(keys[0]);
    expect(parseStoredMeeting(api.state().customProperties[MEETING_PROPERTY])).toBeDefined();

    await removeMeeting(host.item, only(keyed));
    expect(api.state().customProperties).toEqual({});
    await addMeeting(host.item, keyed, only(keyed));
    expect(keys[1]).not.toBe(keys[0]);
  });

  test("a fresh create undone after failed Office writes leaves no key behind", async () => {
    const { source } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html");
    const keyed: MeetingSource = {
      ...source,
      readDetails: readAppointmentDetails,
      create: async (details) => {
        await idempotencyKeyFor(host.item);
        return source.create(details);
      },
    };
    api.failNext("body.prependAsync");
    await expect(addMeeting(host.item, keyed, only(keyed))).rejects.toBeInstanceOf(AddinError);
    await api.idle();
    expect(api.state().customProperties).toEqual({});
  });
});

describe("race settling not loaded", () => {
  test("an add that would settle fails before BlueJeans is asked, and writes nothing", async () => {
    const { source, calls } = fakeScheduled();
    const { api, host } = await setup("<p>Agenda</p>", "html");
    const before = snapshot(api);
    // A fresh copy of the flow, as on a page that never loaded raceSettling.ts.
    let flow: typeof import("../../../../src/addin/appointment/meetingFlow") | undefined;
    jest.isolateModules(() => {
      flow = jest.requireActual<typeof import("../../../../src/addin/appointment/meetingFlow")>(
        "../../../../src/addin/appointment/meetingFlow",
      );
    });
    const scheduled: MeetingSource = { ...source, readDetails: readAppointmentDetails };
    await expect(flow!.addMeeting(host.item, scheduled, only(scheduled))).rejects.toThrow(TypeError);
    await expect(flow!.addMeeting(host.item, room, only(room), { settle: true })).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
    await api.idle();
    expect(snapshot(api)).toEqual(before);
    // The personal room without settling needs none of it.
    await expect(flow!.addMeeting(host.item, room, only(room))).resolves.toMatchObject({ action: "added" });
  });
});
