/**
 * Add, update and remove through the task pane on an HTML body: the block, the location, the
 * meeting stored on the item, and the person's own text around it.
 */
import {
  JOIN_BLOCK_END_MARKER as END,
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  countOf,
  expect,
  joinUrl,
  test,
  WITHOUT_BLUEJEANS,
  type Workbench,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const USER_HTML = "<div>Agenda: budget review &amp; hiring</div><div><br></div><div>Thanks, Grace</div>";
const USER_TEXT = "Agenda: budget review & hiring\n\nThanks, Grace";
const URL = joinUrl(ROOM.id, ROOM.passcode);

test.beforeEach(async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML, location: "Room 4" } });
  await wb.configureRoom();
});

async function storedMeeting(wb: Workbench): Promise<unknown> {
  const raw = (await wb.customProperties()).bluejeansMeeting;
  return typeof raw === "string" ? JSON.parse(raw) : raw;
}

async function expectOneBlock(wb: Workbench): Promise<string> {
  const text = await wb.readBody("text");
  expect(countOf(text, START), "START markers").toBe(1);
  expect(countOf(text, END), "END markers").toBe(1);
  expect(countOf((await wb.state()).body, START), "START markers in the stored HTML").toBe(1);
  return text;
}

test("add: the block goes on top of the HTML body, the join URL into the location, the meeting onto the item", async ({
  wb,
}) => {
  const before = await wb.readBody("text");
  expect(before).toBe(USER_TEXT);
  await wb.add();

  const text = await expectOneBlock(wb);
  expect(text.startsWith(START)).toBe(true);
  expect(countOf(text, "Agenda: budget review & hiring")).toBe(1);
  expect(text.endsWith(`${END}\n${USER_TEXT}`)).toBe(true);
  expect(text).toContain(`Meeting ID: ${ROOM.id}`);
  expect(text).toContain(`Participant passcode: ${ROOM.passcode}`);
  const state = await wb.state();
  expect(state.body.endsWith(USER_HTML)).toBe(true);
  expect(state.body).toMatch(/^<div id="[^"]*bluejeans-join-block"/);

  expect(state.location).toBe(`Room 4; ${URL}`);
  await expect(wb.page.getByTestId("field-location")).toHaveValue(`Room 4; ${URL}`);
  expect(await storedMeeting(wb)).toEqual({
    v: 1,
    source: "personal-room",
    numericMeetingId: ROOM.id,
    joinUrl: URL,
    addedToLocation: true,
  });

  await expect(wb.pane.getByTestId("meeting-id")).toHaveText(ROOM.id);
  const link = wb.pane.getByRole("link", { name: URL });
  await expect(link).toHaveAttribute("href", URL);
  await expect(wb.removeButton).toBeVisible();

  // The body editor shows it too.
  await expect(wb.page.getByTestId("body-editor-html")).toContainText(START);
});

test("add with an empty location: the location becomes the join URL", async ({ wb }) => {
  await wb.setState({ location: "" });
  await wb.add();
  expect((await wb.state()).location).toBe(URL);
  await wb.remove();
  expect((await wb.state()).location).toBe("");
});

test("the pane remembers the meeting: reopened, it shows the added view", async ({ wb }) => {
  await wb.add();
  await wb.closeTaskPane();
  expect(await wb.openTaskPane()).toBe("added");
  await expect(wb.pane.getByTestId("meeting-id")).toHaveText(ROOM.id);
});

test("update: still one block, and the person's edits above and below it stay", async ({ wb }) => {
  await wb.add();
  const added = await wb.state();
  await wb.setBody(`<div>Note above the block</div>${added.body}<div>Note below</div>`);

  await wb.update();
  const text = await expectOneBlock(wb);
  expect(countOf(text, "Note above the block")).toBe(1);
  expect(countOf(text, "Note below")).toBe(1);
  expect(countOf(text, "Agenda: budget review & hiring")).toBe(1);
  expect(text.startsWith(`Note above the block\n${START}`)).toBe(true);
  expect(text.endsWith(`${END}\n${USER_TEXT}\nNote below`)).toBe(true);
  const state = await wb.state();
  expect(state.location).toBe(`Room 4; ${URL}`);
  expect(state.customProperties).toEqual(added.customProperties);

  // Nothing changed since: a second update leaves the body exactly as it is.
  await wb.update();
  expect((await wb.state()).body).toBe(state.body);
  await expectOneBlock(wb);
});

test("update after changing the passcode: the block and the location carry the new one, once", async ({
  wb,
}) => {
  await wb.add();
  await wb.configureRoom(ROOM.id, "8765");
  const newUrl = joinUrl(ROOM.id, "8765");
  // Saving leaves the pane on the "ready" view (see the known-bug test below); reopened, it
  // reads the meeting from the item and offers the update.
  await wb.closeTaskPane();
  expect(await wb.openTaskPane()).toBe("added");
  await wb.update();

  const text = await expectOneBlock(wb);
  expect(text).toContain("Participant passcode: 8765");
  expect(text).toContain("3) Enter Passcode: 8765 followed by #");
  expect(text).not.toContain(ROOM.passcode);
  expect(text).toContain(newUrl);
  expect(text.endsWith(`${END}\n${USER_TEXT}`)).toBe(true);
  const state = await wb.state();
  expect(state.location).toBe(`Room 4; ${newUrl}`);
  expect(countOf(state.location, "bluejeans.com")).toBe(1);
  expect(await storedMeeting(wb)).toMatchObject({ joinUrl: newUrl, addedToLocation: true });
  await expect(wb.pane.getByRole("link", { name: newUrl })).toBeVisible();

  await wb.remove();
  expect(await wb.readBody("text")).toBe(USER_TEXT);
  expect((await wb.state()).location).toBe("Room 4");
});

test("remove: the body, location and item are back to what they were before the add", async ({ wb }) => {
  const beforeHtml = await wb.readBody("html");
  const before = await wb.state();
  await wb.add();
  await wb.update();
  await wb.remove();

  expect(await wb.readBody("html")).toBe(beforeHtml);
  const after = await wb.state();
  expect(after.body).toBe(before.body);
  expect(after.body).not.toContain("bluejeans-join-block");
  expect(await wb.readBody("text")).not.toContain(START);
  expect(after.location).toBe("Room 4");
  expect(after.customProperties).toEqual({});
  await expect(wb.addButton).toBeVisible();
  await expect(wb.pane.getByTestId("meeting-id")).toBeHidden();
});

test("remove keeps what the person typed around the block", async ({ wb }) => {
  await wb.add();
  const added = await wb.state();
  await wb.setBody(`<div>Typed above</div>${added.body}<div>Typed below</div>`);
  await wb.setState({ location: `Room 4; ${URL}, Teams room` });
  await wb.remove();

  const after = await wb.state();
  expect(after.body).toBe(`<div>Typed above</div>${USER_HTML}<div>Typed below</div>`);
  expect(after.location).toBe("Room 4, Teams room");
  expect(after.customProperties).toEqual({});
});

test("a block the person deleted by hand comes back on update, once", async ({ wb }) => {
  await wb.add();
  await wb.setBody(USER_HTML);
  await wb.update();
  const text = await expectOneBlock(wb);
  expect(text.endsWith(`${END}\n${USER_TEXT}`)).toBe(true);
  expect((await wb.state()).location).toBe(`Room 4; ${URL}`);
});

test("back from Settings with a meeting on the item, the pane offers Update, not Add", async ({ wb }) => {
  await wb.add();
  await wb.configureRoom(ROOM.id, "8765");
  await expect(wb.updateButton).toBeVisible();
  await expect(wb.addButton).toBeHidden();
});

test("text typed into the body editor survives update and remove", async ({ wb, page }) => {
  await wb.add();
  const editor = page.getByTestId("body-editor-html");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Typed in the editor");
  await expect.poll(() => wb.readBody("text")).toContain("Typed in the editor");

  await wb.update();
  let text = await wb.readBody("text");
  expect(countOf(text, START)).toBe(1);
  expect(text.endsWith(`${USER_TEXT}\nTyped in the editor`)).toBe(true);

  await wb.remove();
  text = await wb.readBody("text");
  expect(text).toBe(`${USER_TEXT}\nTyped in the editor`);
  await expect(editor).not.toContainText(START);
});
