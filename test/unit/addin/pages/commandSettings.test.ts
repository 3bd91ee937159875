/** @jest-environment jsdom */
/**
 * The one-click command's read path never writes settings: damaged ones and ones a newer version
 * wrote are reported and left exactly as stored. On a phone (no task pane) what to do says where
 * the pane is. The real command module runs against the workbench's fake Outlook.
 */
import { commandIn } from "./commandHarness";

const commandWith = (settings: unknown, formFactor: "desktop" | "phone" = "desktop") =>
  commandIn({ latency: 1, formFactor, appointment: { body: "Agenda", location: "" } }, settings);

const stored = () => localStorage.getItem(Object.keys(localStorage)[0] ?? "") ?? "";

describe("the command and stored settings", () => {
  test.each([
    ["damaged", { version: 1, personalRoom: 42 }, "could not be read"],
    ["from a newer version", { version: 2, personalRoom: { id: "x" }, future: true }, "newer version"],
  ])("%s settings are reported and left as they are", async (_label, settings, words) => {
    const { wb, api } = await commandWith(settings);
    const before = stored();
    const run = await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(run.completedCount).toBe(1);
    expect(api.calls().map((c) => c.method)).not.toContain("roamingSettings.saveAsync");
    expect(stored()).toBe(before);
    expect(stored()).toContain(JSON.stringify(settings).slice(1, 12));
    const notes = api.state().notifications;
    expect(notes).toEqual([expect.objectContaining({ type: "errorMessage" })]);
    expect(notes[0]?.message).toContain(words);
    expect(notes[0]?.message).not.toMatch(/reset/);
    expect(api.state().body).toBe("Agenda");
  });
});

describe("the not-set-up message", () => {
  test("on the desktop it says to open the pane", async () => {
    const { wb, api } = await commandWith(undefined, "desktop");
    await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    expect(api.state().notifications[0]?.message).toMatch(
      /^Your personal meeting ID is not set up yet\. Open the/,
    );
  });

  test("on a phone, which has no pane, it says where the pane is", async () => {
    const { wb, api } = await commandWith(undefined, "phone");
    await wb.runCommand("addBlueJeansMeeting");
    await api.idle();
    const message = api.state().notifications[0]?.message ?? "";
    expect(message).toContain("not set up yet");
    expect(message).not.toContain("Open the BlueJeans pane");
    expect(message).toContain("in Outlook on the web or on a computer");
    expect(message.length).toBeLessThanOrEqual(150);
  });
});
