/** @jest-environment jsdom */
/**
 * The add/update/remove flow through the real Office adapter, against the workbench's fake
 * Outlook (asynchronous results, injected failures, Outlook on the web's HTML rewriting).
 */
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { addMeeting, removeMeeting } from "../../../../src/addin/appointment/meetingFlow";
import { MEETING_PROPERTY, parseStoredMeeting } from "../../../../src/addin/appointment/storedMeeting";
import { JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";
import { AddinError } from "../../../../src/addin/host/errors";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import type { OutlookHost } from "../../../../src/addin/host/ports";
import type { MeetingSource, MeetingSources } from "../../../../src/addin/sources/meetingSource";
import { personalRoomSource } from "../../../../src/addin/sources/personalRoom";

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
