/**
 * Keyboard only: the settings form and the pane's primary buttons are reached with Tab and
 * used with Enter.
 */
import type { Locator, Page } from "@playwright/test";
import {
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  SETTINGS_KEY,
  countOf,
  expect,
  test,
  WITHOUT_BLUEJEANS,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

/** Presses Tab until `target` has focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 12): Promise<number> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement && el.ownerDocument.hasFocus())) {
      return presses;
    }
    await page.keyboard.press("Tab");
  }
  await expect(target, `not reached with ${max} presses of Tab`).toBeFocused();
  return max;
}

test("set up the room, add and remove the meeting with Tab and Enter only", async ({ wb, page }) => {
  await wb.open({ appointment: { body: "<div>Agenda</div>", location: "Room 4" } });
  // Start where a keyboard user arrives at the pane: its close button, just before its frame.
  await page.getByTestId("taskpane-close").focus();

  // The first stop inside the pane is the meeting ID.
  expect(await tabTo(page, wb.meetingIdInput)).toBe(1);
  await page.keyboard.type("12ab");
  await page.keyboard.press("Enter");
  await expect(wb.settingsForm.getByRole("alert")).toHaveText(
    "Use digits only (0-9), as shown in BlueJeans.",
  );
  await expect(wb.meetingIdInput).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(ROOM.id);

  await page.keyboard.press("Tab");
  await expect(wb.passcodeInput).toBeFocused();
  await page.keyboard.type(ROOM.passcode);
  // Then the auto-add switch (left off), then Save.
  await page.keyboard.press("Tab");
  await expect(
    wb.pane.getByRole("checkbox", { name: /Add a BlueJeans meeting to every meeting/ }),
  ).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(wb.saveButton).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(wb.status("Settings saved")).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: {
      version: 1,
      personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
    },
  });

  await tabTo(page, wb.addButton);
  await page.keyboard.press("Enter");
  await expect(wb.status("Meeting details added")).toBeVisible();
  await wb.idle();
  expect(countOf(await wb.readBody("text"), START)).toBe(1);

  await tabTo(page, wb.updateButton);
  await page.keyboard.press("Enter");
  await expect(wb.status("Meeting details updated")).toBeVisible();

  await tabTo(page, wb.removeButton);
  await page.keyboard.press("Enter");
  await expect(wb.status("Meeting removed")).toBeVisible();
  await wb.idle();
  expect(await wb.readBody("text")).toBe("Agenda");
  expect((await wb.state()).location).toBe("Room 4");
});

test("Space works on the buttons too, and Settings opens from the keyboard", async ({ wb, page }) => {
  await wb.open();
  await wb.configureRoom();
  await page.getByTestId("taskpane-close").focus();
  await tabTo(page, wb.settingsButton);
  await page.keyboard.press("Space");
  await expect(wb.settingsForm).toBeVisible();
  await tabTo(page, wb.pane.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Space");
  await expect(wb.addButton).toBeVisible();
});
