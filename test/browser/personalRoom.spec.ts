/**
 * The personal room nobody types (issue 11, part 3): after sign-in, the settings form shows what
 * BlueJeans holds (through the add-in's server, GET /api/personal-meeting, from the emulator) and
 * offers to use it; typing stays possible beside it.
 */
import { SETTINGS_KEY, expect, test } from "./workbench";

// The local identity provider's person has this personal meeting in the emulator (dev/devServer.ts).
const BLUEJEANS_ROOM = { id: "4155550110", passcode: "2468" };

test.beforeEach(async ({ page }) => {
  await page.request.post("/__dev/idp/scenario", { data: { name: "granted" } });
});

test("a first run offers the personal meeting BlueJeans holds, and one click makes it the room", async ({
  wb,
}) => {
  await wb.open({ appointment: { body: "<div>Agenda</div>" } });
  expect(await wb.settled()).toBe("settings");
  const offer = wb.status("BlueJeans has your personal meeting");
  await expect(offer).toContainText("Meeting ID 415 555 0110, passcode 2468.");
  await offer.getByRole("button", { name: "Use it" }).click();

  await expect(wb.status("Settings saved")).toBeVisible();
  await expect(wb.addButton).toBeEnabled();
  expect(await wb.roamingSettings()).toMatchObject({
    [SETTINGS_KEY]: {
      personalRoom: { personalMeetingId: BLUEJEANS_ROOM.id, attendeePasscode: BLUEJEANS_ROOM.passcode },
    },
  });
  await wb.add();
  expect((await wb.state()).body).toContain(`Meeting ID: ${BLUEJEANS_ROOM.id}`);
});

test("the offer shows beside the typed room in Settings, and typing still wins when saved", async ({
  wb,
}) => {
  await wb.open();
  await expect(wb.status("BlueJeans has your personal meeting")).toBeVisible();
  await wb.configureRoom("1234567890", "4321");
  await wb.settingsButton.click();
  await expect(wb.meetingIdInput).toHaveValue("1234567890");
  await expect(wb.status("BlueJeans has your personal meeting")).toContainText("415 555 0110");
});
