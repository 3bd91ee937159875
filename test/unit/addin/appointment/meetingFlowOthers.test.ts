/** @jest-environment jsdom */
/**
 * addMeeting beside another provider's join details, as the task pane drives it: refusing says
 * whose they are and writes nothing, replacing takes out only that provider's block and location
 * item, a failed write puts everything back. Against the workbench's fake Outlook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import {
  addMeeting,
  OtherMeetingsError,
  refuseOtherMeetings,
} from "../../../../src/addin/appointment/meetingFlow";
import { replaceOtherMeetings } from "../../../../src/addin/appointment/replaceOthers";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import type { MeetingSources } from "../../../../src/addin/sources/meetingSource";
import { personalRoomSource } from "../../../../src/addin/sources/personalRoom";
import { JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";

const FIXTURES = join(__dirname, "..", "..", "..", "fixtures", "other-providers");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const room = personalRoomSource({ personalMeetingId: "123456789", attendeePasscode: "4321" }, "Ada");
const sources: MeetingSources = (kind) => (kind === room.kind ? room : undefined);

async function setup(body: string, bodyType: "html" | "text", location: string) {
  localStorage.clear();
  const wb = new WorkbenchHost({ config: { latency: 1 } });
  const api = wb.api();
  api.setState({ location });
  api.setBody(body, bodyType);
  const office = wb.officeFor(window, { name: "taskpane" });
  await office.onReady();
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  return { api, item: officeHost().item };
}

// The text a reader sees: an undo through setBody gets Outlook on the web's markup rewriting (x_ ids).
const snapshot = (api: Awaited<ReturnType<typeof setup>>["api"]) => ({
  text: api.readBody("text"),
  location: api.state().location,
  props: api.state().customProperties,
});

test("refuse: the error names the provider and nothing is written", async () => {
  const { api, item } = await setup(fixture("teams-windows.html"), "html", "Microsoft Teams Meeting");
  const before = { ...snapshot(api), html: api.readBody("html") };
  const refused = addMeeting(item, room, sources, { otherMeetings: refuseOtherMeetings });
  await expect(refused).rejects.toBeInstanceOf(OtherMeetingsError);
  await expect(refused).rejects.toMatchObject({ names: ["Microsoft Teams"], code: "meeting.otherProvider" });
  expect({ ...snapshot(api), html: api.readBody("html") }).toEqual(before);
});

test("refuse with no other provider: a first insert still takes two Office rounds", async () => {
  const { api, item } = await setup("<p>Agenda</p>", "html", "Room 4");
  api.clearCalls();
  await addMeeting(item, room, sources, { otherMeetings: refuseOtherMeetings });
  expect(api.rounds()).toBe(2);
});

test("replace in a text body: the Webex block goes, the person's text and room stay", async () => {
  const webex = fixture("webex-text.txt");
  const { api, item } = await setup(webex, "text", "Room 4");
  const outcome = await addMeeting(item, room, sources, { otherMeetings: replaceOtherMeetings });
  expect(outcome.action).toBe("added");
  const text = api.readBody("text");
  expect(text.split(JOIN_BLOCK_START_MARKER)).toHaveLength(2);
  expect(text).not.toMatch(/webex\.com/i);
  expect(api.state().location).toBe("Room 4; https://bluejeans.com/123456789/4321?src=calendarLink");
});

test("replace whose body write fails leaves the appointment as it was", async () => {
  const { api, item } = await setup(fixture("teams-owa.html"), "html", "Microsoft Teams Meeting");
  const before = snapshot(api);
  api.failNext("body.prependAsync");
  await expect(addMeeting(item, room, sources, { otherMeetings: replaceOtherMeetings })).rejects.toThrow();
  expect(snapshot(api)).toEqual(before);
});
