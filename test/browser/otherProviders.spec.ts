/**
 * Another provider's join details already in the appointment (issue 11, part 5, the pane side):
 * the pane says whose they are and offers to replace them with the BlueJeans meeting (only that
 * provider's block and its part of the location go) or to add BlueJeans beside them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { JOIN_BLOCK_START_MARKER, ROOM, ROOM_SETTINGS, countOf, expect, test } from "./workbench";

const TEAMS_HTML = readFileSync(
  path.resolve(__dirname, "../fixtures/other-providers/teams-owa.html"),
  "utf8",
);
const TEAMS_JOIN = "https://teams.microsoft.com/l/meetup-join/";
const FOUND = "This appointment already has Microsoft Teams meeting details";

test("a Teams meeting there: the pane asks first and changes nothing until the person chooses", async ({
  wb,
}) => {
  await wb.open({
    roaming: ROOM_SETTINGS,
    appointment: { body: TEAMS_HTML, location: "Room 4; Microsoft Teams Meeting" },
  });
  const before = await wb.parts();
  await wb.addButton.click();
  await expect(wb.status(FOUND)).toBeVisible();
  expect(await wb.parts()).toEqual(before);

  await wb.pane.getByRole("button", { name: "Cancel" }).click();
  await expect(wb.addButton).toBeEnabled();
  await expect(wb.status(FOUND)).toBeHidden();
  expect(await wb.parts()).toEqual(before);
});

test("replace: the Teams block and its location item go, the rest of the body stays, BlueJeans is in", async ({
  wb,
}) => {
  await wb.open({
    roaming: ROOM_SETTINGS,
    appointment: { body: TEAMS_HTML, location: "Room 4; Microsoft Teams Meeting" },
  });
  await wb.addButton.click();
  await wb.pane.getByRole("button", { name: "Replace with BlueJeans meeting" }).click();
  await expect(wb.status("Meeting details added")).toBeVisible();
  await wb.idle();

  const text = await wb.readBody("text");
  expect(countOf(text, JOIN_BLOCK_START_MARKER)).toBe(1);
  expect(text).toContain(`Meeting ID: ${ROOM.id}`);
  expect(text).not.toContain("Microsoft Teams meeting");
  expect(await wb.readBody("html")).not.toContain(TEAMS_JOIN);
  expect(text).toContain("Weekly sync");
  const { location } = await wb.state();
  expect(location).toMatch(/^Room 4; https:\/\//);
  expect(location).not.toContain("Microsoft Teams");

  // Removing BlueJeans again leaves the person's own text and room, not the Teams details.
  await wb.remove();
  expect(await wb.readBody("text")).toContain("Weekly sync");
  expect((await wb.state()).location).toBe("Room 4");
});

test("add beside: the Teams details stay byte for byte and BlueJeans goes on top", async ({ wb }) => {
  await wb.open({
    roaming: ROOM_SETTINGS,
    appointment: { body: TEAMS_HTML, location: "Microsoft Teams Meeting" },
  });
  await wb.addButton.click();
  await wb.pane.getByRole("button", { name: "Add beside them" }).click();
  await expect(wb.status("Meeting details added")).toBeVisible();
  await wb.idle();
  const html = await wb.readBody("html");
  expect(html).toContain(TEAMS_JOIN);
  expect(countOf(await wb.readBody("text"), JOIN_BLOCK_START_MARKER)).toBe(1);
  expect((await wb.state()).location).toMatch(/^Microsoft Teams Meeting; https:\/\//);
});
