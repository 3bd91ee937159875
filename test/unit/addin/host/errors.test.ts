import { notificationText, officeCallError } from "../../../../src/addin/host/errors";

describe("notificationText", () => {
  test("keeps short messages whole", () => {
    expect(notificationText("It failed.", "Try again.")).toBe("It failed. Try again.");
  });

  test("shortens what happened and keeps what to do within Outlook's 150 characters", () => {
    const action = "Remove the BlueJeans details from the body by hand, or shorten the body and try again.";
    const text = notificationText("Outlook could not write the appointment's body. ".repeat(3), action);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.endsWith(action)).toBe(true);
    expect(text).toContain("…");
  });
});

describe("officeCallError", () => {
  test("a body over Outlook's limit says retrying will not help", () => {
    const error = officeCallError("body.setAsync", {
      name: "Sys.ArgumentOutOfRangeException",
      message: "Sys.ArgumentOutOfRangeException: The value is outside the range of valid values.",
    });
    expect(error.message).toMatch(/too long/);
    expect(error.action).toMatch(/by hand/);
  });

  test("a network error suggests checking the connection", () => {
    expect(officeCallError("location.setAsync", { name: "NetworkError", code: 9041 }).action).toMatch(
      /connection/,
    );
  });
});
