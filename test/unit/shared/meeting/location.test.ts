import fc from "fast-check";
import {
  addJoinUrlToLocation,
  removeJoinUrlFromLocation,
  replaceJoinUrlInLocation,
} from "../../../../src/shared/meeting/location";

const URL_A = "https://bluejeans.com/123456789/4321?src=calendarLink";
const URL_B = "https://bluejeans.com/987654321?src=calendarLink";

describe("addJoinUrlToLocation", () => {
  it("uses the URL alone for an empty location", () => {
    expect(addJoinUrlToLocation("", URL_A)).toBe(URL_A);
    expect(addJoinUrlToLocation("  ", URL_A)).toBe(URL_A);
  });

  it("appends it after the user's location", () => {
    expect(addJoinUrlToLocation("Room 4", URL_A)).toBe(`Room 4; ${URL_A}`);
  });

  it("leaves a location that already has it", () => {
    expect(addJoinUrlToLocation(`Room 4; ${URL_A}`, URL_A)).toBe(`Room 4; ${URL_A}`);
    expect(addJoinUrlToLocation(URL_A, URL_A)).toBe(URL_A);
  });

  it("does not mistake a longer URL for ours", () => {
    expect(addJoinUrlToLocation("https://bluejeans.com/1234", "https://bluejeans.com/123")).toBe(
      "https://bluejeans.com/1234; https://bluejeans.com/123",
    );
  });

  it("recognises the URL written with &amp;", () => {
    expect(addJoinUrlToLocation("Room; https://x.test/?a=1&amp;b=2", "https://x.test/?a=1&b=2")).toBe(
      "Room; https://x.test/?a=1&amp;b=2",
    );
  });
});

describe("removeJoinUrlFromLocation", () => {
  it.each([
    [`Room 4; ${URL_A}`, "Room 4"],
    [`${URL_A}; Room 4`, "Room 4"],
    [URL_A, ""],
    [` ${URL_A} `, ""],
    [`Room 4;${URL_A}`, "Room 4"],
    [`Room 4 ; ${URL_A}`, "Room 4 "],
    [`Room 4;; ${URL_A}`, "Room 4;"],
    [`Room 4; ${URL_A}; Lobby`, "Room 4; Lobby"],
    ["Room 4", "Room 4"],
    [`Room 4; ${URL_A}x`, `Room 4; ${URL_A}x`],
    [`Meet at ${URL_A} please`, `Meet at ${URL_A} please`],
    [`See ${URL_A} or Room 4; ${URL_A}`, `See ${URL_A} or Room 4`],
  ])("%j becomes %j", (location, expected) => {
    expect(removeJoinUrlFromLocation(location, URL_A)).toBe(expected);
  });

  it("removes the &amp; form", () => {
    expect(removeJoinUrlFromLocation("Room; https://x.test/?a=1&amp;b=2", "https://x.test/?a=1&b=2")).toBe(
      "Room",
    );
  });

  it("undoes addJoinUrlToLocation for any location without the URL", () => {
    fc.assert(
      fc.property(fc.string(), (location) => {
        fc.pre(!location.includes(URL_A));
        expect(removeJoinUrlFromLocation(addJoinUrlToLocation(location, URL_A), URL_A)).toBe(
          location.trim() === "" ? "" : location,
        );
      }),
    );
  });
});

describe("replaceJoinUrlInLocation", () => {
  it("swaps the old URL where it stands", () => {
    expect(replaceJoinUrlInLocation(`Room 4; ${URL_A}; Lobby`, URL_A, URL_B)).toBe(`Room 4; ${URL_B}; Lobby`);
    expect(replaceJoinUrlInLocation(URL_A, URL_A, URL_B)).toBe(URL_B);
  });

  it("leaves a location whose user took our URL out", () => {
    expect(replaceJoinUrlInLocation("Room 4", URL_A, URL_B)).toBe("Room 4");
  });

  it("does not duplicate the new URL", () => {
    expect(replaceJoinUrlInLocation(`Room 4; ${URL_B}; ${URL_A}`, URL_A, URL_B)).toBe(`Room 4; ${URL_B}`);
  });

  it("changes nothing when the URL did not change", () => {
    expect(replaceJoinUrlInLocation(`Room 4; ${URL_A}`, URL_A, URL_A)).toBe(`Room 4; ${URL_A}`);
  });
});
