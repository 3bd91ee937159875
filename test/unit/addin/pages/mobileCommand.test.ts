/** @jest-environment jsdom */
/**
 * Outlook mobile's online-meeting toggle runs the same function as the desktop command
 * (`addBlueJeansMeeting`), and mobile clients report plain-text bodies. The real command module
 * runs here against the workbench's fake Outlook set to a text body.
 */
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { MEETING_PROPERTY } from "../../../../src/addin/appointment/storedMeeting";
import { JOIN_BLOCK_END_MARKER, JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";
import { commandIn } from "./commandHarness";

const ROOM = { personalMeetingId: "1234567890", attendeePasscode: "4321" };
const JOIN_URL = "https://bluejeans.com/1234567890/4321?src=calendarLink";

const phoneWith = (body: string, settings: unknown = { version: 1, personalRoom: ROOM }) =>
  commandIn(
    { bodyType: "text", latency: 1, appointment: { body, location: "" } },
    settings === null ? undefined : settings,
  );

const count = (text: string, part: string) => text.split(part).length - 1;

describe("the add function on a phone's plain-text body", () => {
  test("an empty body gets the join block as plain text, the location the link", async () => {
    const { wb, api } = await phoneWith("");
    api.clearCalls();
    const run = await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(run.error).toBeNull();
    expect(run.completedCount).toBe(1);
    const s = api.state();
    expect(s.bodyType).toBe("text");
    expect(s.body.startsWith(JOIN_BLOCK_START_MARKER)).toBe(true);
    expect(s.body).toContain(JOIN_BLOCK_END_MARKER);
    expect(s.body).toContain(JOIN_URL);
    expect(s.body).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(s.location).toBe(JOIN_URL);
    expect(Object.keys(s.customProperties)).toEqual([MEETING_PROPERTY]);
    expect(s.notifications).toEqual([
      expect.objectContaining({
        type: "informationalMessage",
        message: "BlueJeans meeting 1234567890 added.",
      }),
    ]);
    // Nothing written as HTML: a phone's text body must not be converted.
    expect(api.calls().filter((c) => /coercionType[^}]*html/i.test(JSON.stringify(c.args)))).toEqual([]);
    const prepends = api.calls().filter((c) => c.method === "body.prependAsync");
    expect(prepends.map((c) => /coercionType[^}]*text/i.test(JSON.stringify(c.args)))).toEqual([true]);
  });

  test("the person's CRLF notes stay below the block, byte for byte, and a second toggle updates in place", async () => {
    const notes = "Agenda\r\n- budget\r\n- hiring\r\n";
    const { wb, api } = await phoneWith(notes);
    await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    const first = api.readBody("text");
    expect(first.endsWith(notes)).toBe(true);
    expect(first.replace(/\r\n/g, "")).not.toContain("\n");

    const again = await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(again.completedCount).toBe(1);
    const second = api.readBody("text");
    expect(count(second, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(second.endsWith(notes)).toBe(true);
    expect(api.state().location).toBe(JOIN_URL);
    expect(api.notifications().at(-1)?.message).toBe("BlueJeans meeting 1234567890 updated.");
  });

  /** Runs the function once and checks it completed with an error notice and the appointment untouched. */
  async function expectRefused(wb: WorkbenchHost, notes: string): Promise<void> {
    const api = wb.api();
    const run = await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(run.completedCount).toBe(1);
    const s = api.state();
    expect(s.body).toBe(notes);
    expect(s.location).toBe("");
    expect(s.customProperties).toEqual({});
    expect(s.notifications).toEqual([expect.objectContaining({ type: "errorMessage" })]);
  }

  test("not set up yet: an error notification, the body and location untouched, the function completes", async () => {
    const { wb } = await phoneWith("Call notes", null);
    await expectRefused(wb, "Call notes");
  });

  test("a failing body write leaves the text body as it was", async () => {
    const notes = "Line one\r\nLine two";
    const { wb, api } = await phoneWith(notes);
    api.failNext("body.prependAsync");
    await expectRefused(wb, notes);
  });
});
