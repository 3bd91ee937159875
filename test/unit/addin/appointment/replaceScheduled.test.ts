/**
 * Replacing another provider's details with a new scheduled meeting, through the real Office
 * adapter against the workbench's fake Outlook, the real server and the BlueJeans emulator: when
 * Outlook refuses the write, the meeting just created is ended at BlueJeans, so none is orphaned.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { addMeeting } from "../../../../src/addin/appointment/meetingFlow";
import { replaceOtherMeetings } from "../../../../src/addin/appointment/replaceOthers";
import { CREATE_KEY_PROPERTY, idempotencyKeyFor } from "../../../../src/addin/appointment/storedMeeting";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import { scheduledMeetingSource } from "../../../../src/addin/sources/scheduledMeeting";
import { useListeningStack } from "../sources/listeningStack";

(globalThis as unknown as { DOMParser: unknown }).DOMParser = new JSDOM("").window.DOMParser;

const live = useListeningStack();
const TEAMS_OWA = readFileSync(
  join(__dirname, "..", "..", "..", "fixtures", "other-providers", "teams-owa.html"),
  "utf8",
);

async function setup() {
  const wb = new WorkbenchHost({
    config: {
      latency: 1,
      appointment: {
        subject: "Design review",
        start: "2026-12-02T15:00:00Z",
        end: "2026-12-02T16:00:00Z",
        body: TEAMS_OWA,
        bodyType: "html",
        location: "Microsoft Teams Meeting",
      },
    },
  });
  const office = wb.officeFor(globalThis as unknown as Window, { name: "taskpane" });
  await office.onReady();
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  const item = officeHost().item;
  const scheduled = scheduledMeetingSource({
    apiBase: live.base,
    getToken: () => live.stack.tokenFor(),
    idempotencyKey: () => idempotencyKeyFor(item),
    options: { attendeePasscode: true, moderatorLess: false, muteOnEntry: false, autoRecord: false },
    timeZone: "Europe/Berlin",
    fetch: (input, init) => fetch(input, init),
  });
  return { api: wb.api(), item, scheduled };
}

async function meetingsAtBlueJeans(): Promise<unknown[]> {
  return (await (await fetch(`${live.stack.emulatorUrl}/__emulator/meetings`)).json()) as unknown[];
}

test("the write fails: the new meeting is ended at BlueJeans and the appointment is as it was", async () => {
  const { api, item, scheduled } = await setup();
  const before = { text: api.readBody("text"), location: api.state().location };
  api.failNext("body.prependAsync");
  await expect(
    addMeeting(item, scheduled, (kind) => (kind === scheduled.kind ? scheduled : undefined), {
      otherMeetings: replaceOtherMeetings,
    }),
  ).rejects.toThrow("Outlook could not add the meeting details to the body.");
  expect(await meetingsAtBlueJeans()).toEqual([]);
  expect({ text: api.readBody("text"), location: api.state().location }).toEqual(before);
});

test("the write works: one meeting at BlueJeans, the Teams details gone", async () => {
  const { api, item, scheduled } = await setup();
  const outcome = await addMeeting(
    item,
    scheduled,
    (kind) => (kind === scheduled.kind ? scheduled : undefined),
    {
      otherMeetings: replaceOtherMeetings,
    },
  );
  expect(await meetingsAtBlueJeans()).toHaveLength(1);
  expect(api.readBody("text")).toContain(`Meeting ID: ${outcome.meeting.numericMeetingId}`);
  expect(api.readBody("text")).not.toMatch(/teams\.microsoft\.com/);
  // The create key the source stored stays with the meeting: a repeat returns this one.
  expect(api.customProperties()[CREATE_KEY_PROPERTY]).toMatch(/^[0-9a-f]{32}$/);
});
