import { isKnownTimeZone } from "../../../../src/shared/api/timeZone";

test("IANA zones and aliases are known, again and again; made-up and empty names are not", () => {
  for (let i = 0; i < 3; i++) {
    expect(isKnownTimeZone("Europe/Berlin")).toBe(true);
    expect(isKnownTimeZone("UTC")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
  }
  expect(isKnownTimeZone("")).toBe(false);
  expect(isKnownTimeZone(`Europe/${"x".repeat(64)}`)).toBe(false);
});
