/**
 * Outlook on a phone (the workbench's phone mode): no ribbon and no task pane; the event form's
 * online-meeting toggle runs the add-in's function on the plain-text body a phone reports.
 */
import {
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  ROOM_SETTINGS,
  countOf,
  expect,
  joinUrl,
  test,
  type OpenOptions,
  type Workbench,
} from "./workbench";

const NOTES = "Agenda\r\n- budget\r\n- hiring";
const URL = joinUrl(ROOM.id, ROOM.passcode);

test.use({ viewport: { width: 412, height: 915 } });

async function openPhone(wb: Workbench, roaming: OpenOptions["roaming"] = ROOM_SETTINGS): Promise<void> {
  await wb.open({
    appointment: { body: NOTES, location: "" },
    config: { formFactor: "phone" },
    roaming,
    pane: false,
  });
}

function toggleOf(wb: Workbench) {
  return wb.page.getByRole("switch", { name: "BlueJeans meeting" });
}

test("the toggle adds the meeting to the plain-text body; no ribbon, no task pane", async ({ wb }) => {
  await openPhone(wb);
  const { page } = wb;
  await expect(page.getByTestId("ribbon")).toBeHidden();
  await expect(page.getByTestId("taskpane")).toBeHidden();
  await expect(page.getByTestId("body-format")).toHaveText("Body format: plain text");
  // A narrow window, and nothing wider than it.
  const widths = await page.evaluate(() => ({
    body: document.body.getBoundingClientRect().width,
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.body).toBeLessThanOrEqual(412);
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  // The function runs in a phone's Outlook.
  const commands = page.frames().find((f) => f.url().includes("commands.html"));
  expect(await commands?.evaluate(() => Office.context.platform)).toBe("Android");

  const toggle = toggleOf(wb);
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(page.getByTestId("phone-online-meeting-status")).toHaveText("BlueJeans meeting added.");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(toggle).toHaveAttribute("aria-busy", "false");
  await wb.idle();

  const runs = await wb.commandRuns();
  expect(runs.map((r) => [r.actionId, r.completedCount, r.error])).toEqual([
    ["addBlueJeansMeeting", 1, null],
  ]);
  const state = await wb.state();
  expect(state.bodyType).toBe("text");
  expect(state.body.startsWith(START)).toBe(true);
  expect(countOf(state.body, START)).toBe(1);
  expect(state.body.endsWith(NOTES)).toBe(true);
  expect(state.body).not.toMatch(/<\/?[a-z][^>]*>/i);
  expect(state.location).toBe(URL);
  expect(state.notifications).toEqual([
    expect.objectContaining({ type: "informationalMessage", message: `BlueJeans meeting ${ROOM.id} added.` }),
  ]);
  await expect(page.getByTestId("body-editor-text")).toHaveValue(/BlueJeans meeting/);

  // Turning it off is not the add-in's to do: it says where, and changes nothing.
  const before = await wb.parts();
  await toggle.click();
  await expect(page.getByTestId("phone-online-meeting-status")).toContainText("Outlook on the web");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  expect(await wb.parts()).toEqual(before);
  expect(await wb.commandRuns()).toHaveLength(1);

  // Phones have no task pane: opening one does nothing.
  await wb.page.evaluate(() => __workbenchApi().openTaskPane());
  await expect(page.getByTestId("taskpane")).toBeHidden();
});

test("not set up: the toggle falls back off, an error says why, and the body is untouched", async ({
  wb,
}) => {
  await openPhone(wb, {});
  const toggle = toggleOf(wb);
  // Worked from the keyboard this time.
  await toggle.focus();
  await wb.page.keyboard.press("Space");
  await expect(wb.page.getByTestId("phone-online-meeting-status")).toContainText("No meeting was added");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await wb.idle();
  const state = await wb.state();
  expect(state.body).toBe(NOTES);
  expect(state.location).toBe("");
  expect(state.customProperties).toEqual({});
  expect(state.notifications).toEqual([expect.objectContaining({ type: "errorMessage" })]);
  expect((await wb.commandRuns()).map((r) => r.completedCount)).toEqual([1]);
});
