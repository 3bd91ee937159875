/**
 * The personal room nobody types (issue 11, part 3): after sign-in, the pane asks BlueJeans for
 * the person's personal meeting (through the add-in's server, GET /api/personal-meeting, from the
 * emulator). A first run whose form nobody touched saves it and goes straight to "Add BlueJeans
 * meeting"; otherwise the settings form offers it, and typing stays possible beside it.
 */
import type { Page, Route } from "@playwright/test";
import { PERSONAL_MEETING_PATH } from "../../src/shared/api/personalMeeting";
import {
  ROOM,
  ROOM_SETTINGS,
  SAM,
  SETTINGS_KEY,
  WITHOUT_BLUEJEANS,
  expect,
  test,
  idpScenario,
} from "./workbench";

// The local identity provider's own person has this personal meeting in the emulator (dev/devServer.ts).
const BLUEJEANS_ROOM = { id: "4155550110", passcode: "2468" };
const LOOKUP = "**/api/personal-meeting";

/**
 * Holds the pane's real lookup in the browser until `release()`, so a test can act while BlueJeans'
 * answer is on its way; `asked` resolves when the pane has asked.
 */
function holdLookup(page: Page): { asked: Promise<void>; release(): Promise<void> } {
  let held: Route | undefined;
  const asked = new Promise<void>((resolve) => {
    void page.route(LOOKUP, (route) => {
      held = route;
      resolve();
    });
  });
  return {
    asked,
    release: async () => {
      if (!held) throw new Error("the lookup was not held");
      await held.continue();
    },
  };
}

test.beforeEach(async ({ page }) => {
  await idpScenario(page, "granted");
});

test("a first run goes straight to the ready view with the room BlueJeans holds, and Add uses it", async ({
  wb,
  page,
}) => {
  const lookup = holdLookup(page);
  await wb.open({ appointment: { body: "<div>Agenda</div>" } });
  // The form is the first view, usable while BlueJeans is asked: the lookup waits for sign-in.
  expect(await wb.settled()).toBe("settings");
  await lookup.asked;
  await expect(wb.meetingIdInput).toBeEditable();
  await lookup.release();

  const setUp = wb.status("Your personal meeting is set up");
  await expect(setUp).toContainText(BLUEJEANS_ROOM.id);
  await expect(wb.addButton).toBeEnabled();
  await expect(wb.settingsForm).toBeHidden();
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: {
      version: 1,
      personalRoom: { personalMeetingId: BLUEJEANS_ROOM.id, attendeePasscode: BLUEJEANS_ROOM.passcode },
    },
  });

  await wb.add();
  await expect(wb.pane.getByTestId("meeting-id")).toHaveText(BLUEJEANS_ROOM.id);
  const { body, location } = await wb.state();
  expect(body).toContain(`Meeting ID: ${BLUEJEANS_ROOM.id}`);
  expect(body).toContain(`https://bluejeans.com/${BLUEJEANS_ROOM.id}`);
  expect(body).toContain("Agenda");
  expect(location).toContain(BLUEJEANS_ROOM.id);
  // The next opening starts ready: the room is saved.
  expect(await wb.reload()).toBe("ready");
});

test("the person typed before BlueJeans answered: nothing they typed is replaced, the offer waits", async ({
  wb,
  page,
}) => {
  const lookup = holdLookup(page);
  await wb.open();
  expect(await wb.settled()).toBe("settings");
  await lookup.asked;
  await wb.meetingIdInput.fill("98765432");
  await lookup.release();

  const offer = wb.status("BlueJeans has your personal meeting");
  await expect(offer).toContainText("Meeting ID 415 555 0110, passcode 2468.");
  await expect(wb.meetingIdInput).toHaveValue("98765432");
  await expect(wb.settingsForm).toBeVisible();
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual({});

  // What they typed is what Save keeps.
  await wb.saveButton.click();
  await expect(wb.status("Settings saved")).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: { version: 1, personalRoom: { personalMeetingId: "98765432" } },
  });
});

test("saving the room BlueJeans named fails: the form with Outlook's message, and Use it still there", async ({
  wb,
  page,
}) => {
  const lookup = holdLookup(page);
  await wb.open();
  await lookup.asked;
  await wb.failNext("roamingSettings.saveAsync");
  await lookup.release();

  await expect(wb.errorBar).toContainText("Outlook could not save your settings.");
  await expect(wb.settingsForm).toBeVisible();
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual({});
  // The person decides now; it is not tried again by itself.
  const offer = wb.status("BlueJeans has your personal meeting");
  await offer.getByRole("button", { name: "Use it" }).click();
  await expect(wb.status("Settings saved")).toBeVisible();
  await expect(wb.addButton).toBeEnabled();
  expect(await wb.roamingSettings()).toMatchObject({
    [SETTINGS_KEY]: { personalRoom: { personalMeetingId: BLUEJEANS_ROOM.id } },
  });
});

test("already set up: Settings offers what BlueJeans holds beside the saved room, and Use it takes it", async ({
  wb,
}) => {
  await wb.open({ roaming: ROOM_SETTINGS });
  await wb.settingsButton.click();
  await expect(wb.meetingIdInput).toHaveValue(ROOM.id);
  const offer = wb.status("BlueJeans has your personal meeting");
  await expect(offer).toContainText("415 555 0110");
  // Only an offer: the saved room stays until the person chooses.
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual(ROOM_SETTINGS);

  await offer.getByRole("button", { name: "Use it" }).click();
  await expect(wb.status("Settings saved")).toBeVisible();
  expect(await wb.roamingSettings()).toMatchObject({
    [SETTINGS_KEY]: {
      personalRoom: { personalMeetingId: BLUEJEANS_ROOM.id, attendeePasscode: BLUEJEANS_ROOM.passcode },
    },
  });
});

test.describe("someone without a BlueJeans account", () => {
  test.use({ mailboxUser: WITHOUT_BLUEJEANS });

  test("the lookup finds nothing: the form stays, with the server's words", async ({ wb }) => {
    await wb.open();
    const message = wb.status("Type your personal meeting ID below");
    await expect(message).toContainText(
      `No BlueJeans account in your company uses ${WITHOUT_BLUEJEANS.emailAddress ?? ""}.`,
    );
    await expect(wb.settingsForm).toBeVisible();
    await expect(wb.addButton).toBeHidden();
    await wb.idle();
    expect(await wb.roamingSettings()).toEqual({});
  });
});

test.describe("BlueJeans cannot answer the lookup", () => {
  test.use({ mailboxUser: SAM });

  test("the lookup fails: the form stays with a short message, and typing works", async ({ wb, page }) => {
    // Only Sam's personal meeting fails, once: the emulated BlueJeans answers something unreadable.
    const fault = await page.request.post("/__dev/emulator/faults", {
      data: { path: `/v1/user/${SAM.bluejeansUserId}/personal_meeting`, fault: "malformed=html", times: 1 },
    });
    expect(fault.ok()).toBe(true);
    wb.expectFailedLoad(PERSONAL_MEETING_PATH, 502);
    await wb.open();
    const message = wb.status("Type your personal meeting ID below");
    await expect(message).toContainText("BlueJeans sent an answer the add-in could not read");
    await expect(wb.settingsForm).toBeVisible();
    await wb.idle();
    expect(await wb.roamingSettings()).toEqual({});

    await wb.configureRoom();
    await expect(wb.addButton).toBeEnabled();
  });
});
