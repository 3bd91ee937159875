/**
 * The settings form: first run, validation, saving to roaming settings, persistence, damaged
 * stored settings and a failing save.
 */
import {
  ROOM,
  SETTINGS_KEY,
  expect,
  test,
  WITHOUT_BLUEJEANS,
  type JsonValue,
  type Workbench,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const SAVED_ROOM = {
  version: 1,
  personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
};

test("not configured: the pane opens on the settings form and nothing is stored", async ({ wb }) => {
  await wb.open();
  expect(await wb.settled()).toBe("settings");
  await expect(wb.meetingIdInput).toBeVisible();
  await expect(wb.passcodeInput).toBeVisible();
  await expect(wb.addButton).toBeHidden();
  // Nowhere to go back to yet: no Cancel.
  await expect(wb.pane.getByRole("button", { name: "Cancel" })).toBeHidden();
  expect(await wb.roamingSettings()).toEqual({});
});

test("an invalid meeting ID shows the field's message and saves nothing", async ({ wb }) => {
  await wb.open();
  await wb.meetingIdInput.fill("12ab");
  await wb.saveButton.click();
  await expect(wb.settingsForm.getByRole("alert")).toHaveText(
    "Use digits only (0-9), as shown in BlueJeans.",
  );
  await expect(wb.meetingIdInput).toHaveAttribute("aria-invalid", "true");

  await wb.meetingIdInput.fill("12345");
  await wb.passcodeInput.fill("12");
  await wb.saveButton.click();
  await expect(wb.settingsForm.getByText("A meeting ID has 6 to 15 digits.")).toBeVisible();
  await expect(wb.settingsForm.getByText("A passcode has 4 to 12 digits.")).toBeVisible();

  await wb.idle();
  expect(await wb.roamingSettings()).toEqual({});
  expect((await wb.calls()).filter((c) => c.method === "roamingSettings.saveAsync")).toEqual([]);
  await expect(wb.settingsForm).toBeVisible();
});

test("a valid ID and passcode are saved, and the pane stays configured when reopened and reloaded", async ({
  wb,
}) => {
  await wb.open();
  // Spaces and dashes, as people copy them from BlueJeans, are dropped.
  await wb.meetingIdInput.fill("123-456 7890");
  await wb.passcodeInput.fill(ROOM.passcode);
  await wb.saveButton.click();

  await expect(wb.status("Settings saved")).toBeVisible();
  await expect(wb.addButton).toBeVisible();
  await expect(wb.pane.getByText(`Adds your personal room (${ROOM.id})`)).toBeVisible();
  await expect(wb.settingsForm).toBeHidden();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM });

  await wb.closeTaskPane();
  await expect(wb.page.getByTestId("taskpane-frame")).toHaveCount(0);
  expect(await wb.openTaskPane()).toBe("ready");
  await expect(wb.status("Settings saved")).toBeHidden();

  expect(await wb.reload()).toBe("ready");
  await expect(wb.pane.getByText(`Adds your personal room (${ROOM.id})`)).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM });
});

test("the saved values come back in the form, and Cancel leaves them as they were", async ({ wb }) => {
  await wb.open();
  await wb.configureRoom();
  await wb.settingsButton.click();
  await expect(wb.meetingIdInput).toHaveValue(ROOM.id);
  await expect(wb.passcodeInput).toHaveValue(ROOM.passcode);
  await wb.passcodeInput.fill("9999");
  await wb.pane.getByRole("button", { name: "Cancel" }).click();
  await expect(wb.addButton).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM });
});

const DAMAGED: Array<[string, JsonValue]> = [
  ["not an object", "garbage"],
  ["an array", [1, 2, 3]],
  ["a room of the wrong type", { version: 1, personalRoom: "1234567890" }],
  ["invalid values", { version: 1, personalRoom: { personalMeetingId: "12ab", attendeePasscode: 4321 } }],
];

/** Waits until sign-in has settled, the last thing the pane does by itself after opening. */
async function signedIn(wb: Workbench): Promise<void> {
  await expect(wb.pane.getByTestId("consent-status")).toContainText("can use Microsoft 365");
  await wb.idle();
}

for (const [what, stored] of DAMAGED) {
  test(`damaged stored settings (${what}): said, and nothing written until the person starts over`, async ({
    wb,
  }) => {
    const roaming = { [SETTINGS_KEY]: stored, "other.addin.key": "kept" };
    await wb.open({ roaming });
    expect(await wb.settled()).toBe("damaged");
    const warning = wb.status("Your saved settings could not be read");
    await expect(warning).toContainText("could not be read");
    await expect(wb.pane.getByText("Nothing has been changed.")).toBeVisible();
    await expect(wb.settingsForm).toBeHidden();
    await signedIn(wb);
    expect(await wb.roamingSettings()).toEqual(roaming);
    expect((await wb.calls()).filter((c) => c.method === "roamingSettings.saveAsync")).toEqual([]);
    // Opening again (a new pane, a reload) still writes nothing.
    expect(await wb.reload()).toBe("damaged");
    expect(await wb.roamingSettings()).toEqual(roaming);

    await wb.startOverButton.click();
    await expect(wb.status("Saved settings removed")).toBeVisible();
    await expect(wb.settingsForm).toBeVisible();
    // Only this add-in's value goes; the others stay.
    expect(await wb.roamingSettings()).toEqual({ "other.addin.key": "kept" });

    await wb.configureRoom();
    await expect(wb.addButton).toBeVisible();
    expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM, "other.addin.key": "kept" });
  });
}

test("damaged stored settings: Not now leaves them, and starting over that fails to save keeps them", async ({
  wb,
}) => {
  const roaming = { [SETTINGS_KEY]: "garbage", "other.addin.key": "kept" };
  await wb.open({ roaming });
  await wb.pane.getByRole("button", { name: "Not now" }).click();
  expect(await wb.settled()).toBe("ready");
  await wb.settingsButton.click();
  expect(await wb.settled()).toBe("damaged");

  await wb.failNext("roamingSettings.saveAsync");
  await wb.startOverButton.click();
  await expect(wb.errorBar).toContainText("Outlook could not save your settings.");
  await expect(wb.startOverButton).toBeVisible();
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual(roaming);

  await wb.startOverButton.click();
  await expect(wb.settingsForm).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({ "other.addin.key": "kept" });
});

test("settings a newer version wrote: reported, left as they are until the person saves", async ({ wb }) => {
  const newer = { version: 99, personalRoom: { personalMeetingId: ROOM.id } };
  await wb.open({ roaming: { [SETTINGS_KEY]: newer, "other.addin.key": "kept" } });
  expect(await wb.settled()).toBe("settings");
  await expect(wb.pane.getByText("saved by a newer version of the add-in")).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: newer, "other.addin.key": "kept" });

  await wb.configureRoom();
  await expect(wb.addButton).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM, "other.addin.key": "kept" });
});

test("saving fails (roamingSettings.saveAsync): the form says so and the previous settings stay", async ({
  wb,
}) => {
  await wb.open();
  await wb.configureRoom();
  await wb.settingsButton.click();
  await wb.passcodeInput.fill("9999");
  await wb.failNext("roamingSettings.saveAsync");
  await wb.saveButton.click();

  const message = wb.settingsForm.getByRole("alert");
  await expect(message).toContainText("Outlook could not save your settings.");
  await expect(message).toContainText(/try again/i);
  await expect(wb.saveButton).toBeEnabled();
  await expect(wb.settingsForm).toBeVisible();
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: SAVED_ROOM });

  // Going back shows the room that is really saved.
  await wb.pane.getByRole("button", { name: "Cancel" }).click();
  await expect(wb.pane.getByText(`Adds your personal room (${ROOM.id})`)).toBeVisible();

  // A retry that works saves the new value.
  await wb.configureRoom(ROOM.id, "9999");
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: { version: 1, personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: "9999" } },
  });
});

test("the first save fails: nothing is stored and the form stays", async ({ wb }) => {
  await wb.open();
  await wb.setFailure("roamingSettings.saveAsync", true);
  await wb.meetingIdInput.fill(ROOM.id);
  await wb.saveButton.click();
  await expect(wb.settingsForm.getByRole("alert")).toContainText("Outlook could not save your settings.");
  await wb.idle();
  expect(await wb.roamingSettings()).toEqual({});
  await expect(wb.addButton).toBeHidden();

  await wb.clearFailures();
  await wb.saveButton.click();
  await expect(wb.addButton).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: { version: 1, personalRoom: { personalMeetingId: ROOM.id } },
  });
});

/** An appointment that carries a meeting added with the room, and the pane about to open on it with nothing saved. */
async function meetingWithoutSettings(wb: Workbench, latency: number): Promise<void> {
  await wb.open({ roaming: { [SETTINGS_KEY]: SAVED_ROOM } });
  await wb.add();
  const { body, bodyType, location, customProperties } = await wb.state();
  await wb.open({
    roaming: {},
    appointment: { body, bodyType, location, customProperties },
    // Outlook slow to answer: the form is drawn well before the appointment has been read.
    config: { latency },
    pane: false,
  });
  await wb.page.evaluate(() => window.__workbench!.openTaskPane());
}

test("first run on an appointment that has a meeting: the form comes first, then the meeting", async ({
  wb,
}) => {
  await meetingWithoutSettings(wb, 400);
  await expect(wb.settingsForm).toBeVisible();
  await expect(wb.updateButton).toBeVisible();
  await expect(wb.settingsForm).toBeHidden();
  await expect(wb.pane.getByTestId("meeting-id")).toHaveText(ROOM.id);
  expect(await wb.roamingSettings()).toEqual({});
});

test("first run: what the person types before the appointment has been read stays", async ({ wb }) => {
  await meetingWithoutSettings(wb, 800);
  await wb.meetingIdInput.fill("987654321");
  await wb.idle();
  await expect(wb.settingsForm).toBeVisible();
  await expect(wb.meetingIdInput).toHaveValue("987654321");
  await expect(wb.updateButton).toBeHidden();
  // Saving it goes on to the appointment's meeting.
  await wb.saveButton.click();
  await expect(wb.updateButton).toBeVisible();
  expect(await wb.roamingSettings()).toEqual({
    [SETTINGS_KEY]: { version: 1, personalRoom: { personalMeetingId: "987654321" } },
  });
});
