/** @jest-environment jsdom */
/**
 * The one-click command and another provider's join details: it does not add a BlueJeans meeting
 * beside a Teams, Zoom, Webex or Google Meet one, says why in the notification bar, and changes
 * nothing. The real command module runs against the workbench's fake Outlook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import type { BodyType } from "../../../../dev/workbench/types";
import { addMeeting } from "../../../../src/addin/appointment/meetingFlow";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import { SETTINGS_KEY } from "../../../../src/addin/settings/settings";
import { personalRoomSource } from "../../../../src/addin/sources/personalRoom";
import { JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";

const ROOM = { personalMeetingId: "1234567890", attendeePasscode: "4321" };
const FIXTURES = join(__dirname, "..", "..", "..", "fixtures", "other-providers");
const TEAMS_OWA = readFileSync(join(FIXTURES, "teams-owa.html"), "utf8");
const TEAMS_WINDOWS = readFileSync(join(FIXTURES, "teams-windows.html"), "utf8");
const ZOOM_OWA = readFileSync(join(FIXTURES, "zoom-owa.html"), "utf8");
const WEBEX_TEXT = readFileSync(join(FIXTURES, "webex-text.txt"), "utf8");

async function outlookWith(body: string, bodyType: BodyType, location: string) {
  localStorage.clear();
  const seed = new WorkbenchHost({ storage: localStorage });
  seed.roaming.save(JSON.stringify({ [SETTINGS_KEY]: { version: 1, personalRoom: ROOM } }));
  const wb = new WorkbenchHost({
    config: { bodyType, latency: 1, appointment: { body, location } },
    storage: localStorage,
  });
  const office = wb.officeFor(window, { name: "commands" });
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  await jest.isolateModulesAsync(async () => {
    await import("../../../../src/addin/pages/commands/commands");
  });
  await office.onReady();
  return { wb, api: wb.api() };
}

function partsOf(api: ReturnType<WorkbenchHost["api"]>) {
  const s = api.state();
  return { body: s.body, bodyType: s.bodyType, location: s.location, props: s.customProperties };
}

describe("the command beside another provider's details", () => {
  test.each([
    ["Teams from Outlook on the web", TEAMS_OWA, "html", "Microsoft Teams Meeting", "Microsoft Teams"],
    ["Teams from Outlook for Windows", TEAMS_WINDOWS, "html", "Microsoft Teams Meeting", "Microsoft Teams"],
    [
      "Teams in the location only",
      "<div>Weekly sync</div>",
      "html",
      "Microsoft Teams Meeting",
      "Microsoft Teams",
    ],
    ["Zoom", ZOOM_OWA, "html", "", "Zoom"],
    ["Webex in a text body", WEBEX_TEXT, "text", "Room 4", "Webex"],
  ] as const)(
    "%s: nothing is added, and the notification says why",
    async (_name, body, type, location, who) => {
      const { wb, api } = await outlookWith(body, type, location);
      const before = partsOf(api);
      api.clearCalls();
      const run = await wb.runCommand("addBlueJeansMeeting");
      await api.idle();
      expect(run.error).toBeNull();
      expect(run.completedCount).toBe(1);
      expect(partsOf(api)).toEqual(before);
      expect(api.calls().map((c) => c.method)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(body\.(set|prepend)Async|location\.setAsync)$/)]),
      );
      expect(api.state().notifications).toEqual([
        expect.objectContaining({
          type: "errorMessage",
          message: expect.stringContaining(`already has ${who} meeting details`),
        }),
      ]);
      // Whole, within Outlook's 150 characters: what happened and what to do.
      expect(api.state().notifications[0]!.message).toMatch(
        /^Not added: this appointment already has .+ meeting details\. Open the BlueJeans pane to replace them with a BlueJeans meeting\.$/,
      );
    },
  );

  test("an appointment that already has our meeting beside Teams is updated in place", async () => {
    const { wb, api } = await outlookWith("<div>Weekly sync</div>", "html", "");
    // Added beside Teams earlier (as the pane may, when the person chooses so).
    const source = personalRoomSource(ROOM, "Ada");
    await addMeeting(officeHost().item, source, () => source);
    api.setState({ location: `${api.state().location}; Microsoft Teams Meeting` });
    const run = await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(run.completedCount).toBe(1);
    expect(api.state().notifications).toEqual([
      expect.objectContaining({
        type: "informationalMessage",
        message: "BlueJeans meeting 1234567890 updated.",
      }),
    ]);
    expect(api.readBody("text").split(JOIN_BLOCK_START_MARKER)).toHaveLength(2);
  });
});

describe("the flow adds beside them unless told not to", () => {
  test("without the option (the pane's choice to add beside), the meeting goes in above Teams' block", async () => {
    const { api } = await outlookWith(TEAMS_OWA, "html", "Microsoft Teams Meeting");
    const source = personalRoomSource(ROOM, "Ada");
    const outcome = await addMeeting(officeHost().item, source, () => source);
    expect(outcome.action).toBe("added");
    const text = api.readBody("text");
    expect(text.indexOf(JOIN_BLOCK_START_MARKER)).toBeLessThan(text.indexOf("Microsoft Teams meeting"));
    expect(api.state().location).toBe(
      "Microsoft Teams Meeting; https://bluejeans.com/1234567890/4321?src=calendarLink",
    );
  });
});
