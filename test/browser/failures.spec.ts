/**
 * Every Office call the pane makes can fail. Each failure must be explained in the pane (what
 * failed, what to do) and leave the appointment exactly as it was: writes that succeeded are
 * undone.
 */
import {
  JOIN_BLOCK_START_MARKER as START,
  countOf,
  expect,
  test,
  WITHOUT_BLUEJEANS,
  type AsyncMethodName,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const USER_HTML = "<div>Agenda: budget review &amp; hiring</div><div><br></div><div>Thanks, Grace</div>";

test.beforeEach(async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML, location: "Room 4" } });
  await wb.configureRoom();
});

const ADD_FAILURES: Array<[AsyncMethodName, string]> = [
  ["body.getTypeAsync", "Outlook could not read the appointment's body format."],
  ["body.getAsync", "Outlook could not read the appointment's body."],
  ["loadCustomPropertiesAsync", "Outlook could not read the add-in's data on this appointment."],
  ["location.getAsync", "Outlook could not read the location."],
  ["body.prependAsync", "Outlook could not add the meeting details to the body."],
  ["location.setAsync", "Outlook could not set the location."],
  ["customProperties.saveAsync", "Outlook could not save the add-in's data on this appointment."],
];

for (const [method, message] of ADD_FAILURES) {
  test(`add with ${method} failing: the pane explains, the appointment is untouched, a retry works`, async ({
    wb,
  }) => {
    const before = await wb.parts();
    await wb.failNext(method);
    await wb.addButton.click();

    await expect(wb.errorBar).toContainText(message);
    await expect(wb.errorBar).toContainText(/try again/i);
    // Back where it was, ready to try again.
    await expect(wb.addButton).toBeEnabled();
    await wb.idle();
    expect(await wb.parts()).toEqual(before);
    expect((await wb.calls()).filter((c) => c.injected).map((c) => c.method)).toEqual([method]);

    await wb.add();
    await expect(wb.errorBar).toBeHidden();
    expect(countOf(await wb.readBody("text"), START)).toBe(1);
  });
}

const REMOVE_FAILURES: Array<[AsyncMethodName, string]> = [
  ["body.setAsync", "Outlook could not write the appointment's body."],
  ["body.getAsync", "Outlook could not read the appointment's body."],
  ["location.setAsync", "Outlook could not set the location."],
  ["customProperties.saveAsync", "Outlook could not save the add-in's data on this appointment."],
];

for (const [method, message] of REMOVE_FAILURES) {
  test(`remove with ${method} failing: the pane explains and the meeting stays as it was`, async ({ wb }) => {
    await wb.add();
    const added = await wb.parts();
    await wb.failNext(method);
    await wb.removeButton.click();

    await expect(wb.errorBar).toContainText(message);
    await expect(wb.errorBar).toContainText(/try again/i);
    await expect(wb.removeButton).toBeEnabled();
    await wb.idle();
    expect(await wb.parts()).toEqual(added);

    await wb.remove();
    expect(await wb.readBody("text")).not.toContain(START);
    expect((await wb.state()).location).toBe("Room 4");
  });
}

test("update with body.setAsync failing: the old block stays, nothing else changes", async ({ wb }) => {
  await wb.add();
  const added = await wb.state();
  // Typing in the body makes the update rewrite it.
  await wb.setBody(`<div>Typed above</div>${added.body}`);
  const before = await wb.parts();
  await wb.failNext("body.setAsync");
  await wb.updateButton.click();
  await expect(wb.errorBar).toContainText("Outlook could not write the appointment's body.");
  await wb.idle();
  expect(await wb.parts()).toEqual(before);
});

test("a failed write whose undo fails too says so and tells what to check", async ({ wb }) => {
  await wb.failNext("location.setAsync");
  // Undoing the prepended block means rewriting the body: make that fail as well.
  await wb.setFailure("body.setAsync", true);
  await wb.addButton.click();
  await expect(wb.errorBar).toContainText("Outlook could not set the location.");
  await expect(wb.errorBar).toContainText("Part of the change could not be undone.");
  await expect(wb.errorBar).toContainText("remove any half-added BlueJeans details by hand");
  await wb.idle();
  const state = await wb.state();
  expect(state.location).toBe("Room 4");
  expect(state.customProperties).toEqual({});
  // What could not be undone is exactly what the message points at: the block in the body.
  expect(countOf(await wb.readBody("text"), START)).toBe(1);
});

test("reading the stored meeting fails when the pane opens: it says so and still offers to add", async ({
  wb,
}) => {
  await wb.closeTaskPane();
  await wb.failNext("loadCustomPropertiesAsync");
  expect(await wb.openTaskPane()).toBe("ready");
  await expect(wb.errorBar).toContainText("Outlook could not read the add-in's data on this appointment.");
});

test("the error is announced with role alert and titled", async ({ wb }) => {
  await wb.failNext("body.prependAsync", "NetworkError");
  await wb.addButton.click();
  const alert = wb.pane.getByRole("alert");
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText("Outlook could not add the meeting details to the body.");
  // A network error is transient: the action says to check the connection.
  await expect(alert).toContainText("Check your connection and try again.");
  await expect(alert).toContainText("NetworkError");
});
