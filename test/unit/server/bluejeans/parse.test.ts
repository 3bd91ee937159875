/** Tolerant parsing, the conversion to the join-block model, and the retry and token arithmetic. */
import { backoffDelay, parseRetryAfter } from "../../../../src/server/bluejeans/http";
import {
  ParseError,
  parseJson,
  parseMeeting,
  parseMeetingList,
  parseNumbers,
  parsePersonalMeeting,
  parseToken,
  parseUserSearch,
  serverMessage,
} from "../../../../src/server/bluejeans/parse";
import { createRedactor } from "../../../../src/server/bluejeans/redact";
import { toMeetingModel } from "../../../../src/server/bluejeans/toModel";
import { usableMs } from "../../../../src/server/bluejeans/token";
import type { ScheduledMeeting } from "../../../../src/server/bluejeans";
import { DEFAULT_DIAL_IN } from "../../../../src/shared/meeting/model";

describe("parseMeetingList", () => {
  test("each entry read as a meeting; an empty list is a list", () => {
    const list = parseMeetingList([
      { id: 1, numericMeetingId: "111111111" },
      { id: "2", numericMeetingId: 222222222, deleted: true },
    ]);
    expect(list.map((m) => [m.id, m.numericMeetingId, m.deleted])).toEqual([
      [1, "111111111", false],
      [2, "222222222", true],
    ]);
    expect(parseMeetingList([])).toEqual([]);
  });

  test("not an array, or an entry that is no meeting: refused", () => {
    expect(() => parseMeetingList({ meetings: [] })).toThrow(ParseError);
    expect(() => parseMeetingList([{ id: 1, numericMeetingId: "111111111" }, { id: 2 }])).toThrow(ParseError);
  });
});

describe("parseMeeting", () => {
  const minimal = { id: 42, numericMeetingId: "123456789" };

  test("numbers as strings, both spellings of deleted and the sequence number, unknown fields", () => {
    const meeting = parseMeeting({
      id: "42",
      numericMeetingId: 987654321,
      attendeePasscode: "0042",
      start: "1924000000000",
      end: 1924003600000,
      deleted: "true",
      sequenceNumber: "3",
      isPersonalMeeting: "false",
      addAttendeePasscode: 1,
      attendees: [{ email: "a@x.example" }, "b@x.example", { name: "no email" }],
      moderator: { id: "7", firstname: "Ada", lastname: "L", profile_pic_url: "x" },
      advancedMeetingOptions: { moderatorLess: "true", encryptionType: "ENCRYPTED_ONLY", somethingNew: 1 },
      brandNewField: { nested: true },
    });
    expect(meeting).toMatchObject({
      id: 42,
      numericMeetingId: "987654321",
      attendeePasscode: "0042",
      start: 1924000000000,
      deleted: true,
      sequenceNumber: 3,
      isPersonalMeeting: false,
      addAttendeePasscode: true,
      attendees: ["a@x.example", "b@x.example"],
      moderator: { id: 7, firstname: "Ada", lastname: "L" },
      advancedMeetingOptions: { moderatorLess: true, encryptionType: "ENCRYPTED_ONLY" },
    });
    expect(parseMeeting({ ...minimal, delete: true, seqeuenceNumber: 2 })).toMatchObject({
      deleted: true,
      sequenceNumber: 2,
    });
    expect(parseMeeting(minimal)).toMatchObject({ deleted: false, attendees: [], title: "" });
    expect(parseMeeting({ ...minimal, attendeePasscode: "" }).attendeePasscode).toBeUndefined();
  });

  test.each([
    ["not an object", []],
    ["no id", { numericMeetingId: "123" }],
    ["id not a whole number", { id: 1.5, numericMeetingId: "123" }],
    ["no numeric id", { id: 1 }],
    ["numeric id not digits", { id: 1, numericMeetingId: "12ab" }],
    ["passcode not digits", { id: 1, numericMeetingId: "123", attendeePasscode: "12 34" }],
  ])("unreadable: %s", (_name, json) => {
    expect(() => parseMeeting(json)).toThrow(ParseError);
  });
});

describe("other answers", () => {
  test("user search: user or users, ids as strings, entries without an id skipped", () => {
    expect(parseUserSearch({ count: 1, user: [{ id: 5, email: "a@x.example" }] })).toEqual([
      { id: 5, email: "a@x.example" },
    ]);
    expect(parseUserSearch({ count: 2, users: [{ id: "6", uri: "/v1/user/6" }, { uri: "x" }] })).toEqual([
      { id: 6 },
    ]);
    expect(parseUserSearch({ count: 0 })).toEqual([]);
    expect(() => parseUserSearch("nope")).toThrow(ParseError);
  });

  test("numbers: label objects or strings, tollFree spellings, entries without a number skipped", () => {
    const numbers = parseNumbers({
      pstnNumbersUrl: "https://bluejeans.com/numbers",
      useAttendeePasscode: "true",
      numbers: [
        {
          number: "+1.408.740.7256",
          tollfree: false,
          default: true,
          label: { default: "US" },
          country: "US",
        },
        { number: "+1.888.240.2560", tollFree: "true", label: "US toll free" },
        { country: "FR" },
      ],
    });
    expect(numbers).toEqual({
      pstnNumbersUrl: "https://bluejeans.com/numbers",
      useAttendeePasscode: true,
      numbers: [
        expect.objectContaining({ number: "+1.408.740.7256", tollFree: false, isDefault: true, label: "US" }),
        expect.objectContaining({
          number: "+1.888.240.2560",
          tollFree: true,
          isDefault: false,
          label: "US toll free",
        }),
      ],
    });
  });

  test("token: access_token required, expires_in tolerant", () => {
    expect(parseToken({ access_token: "abc", expires_in: "3600" })).toEqual({
      accessToken: "abc",
      expiresIn: 3600,
    });
    expect(parseToken({ access_token: "abc" })).toEqual({ accessToken: "abc", expiresIn: undefined });
    expect(() => parseToken({ token: "abc" })).toThrow(ParseError);
  });

  test("personal meeting", () => {
    expect(parsePersonalMeeting({ numericMeetingId: "123456789", attendeePasscode: "" })).toEqual({
      numericMeetingId: "123456789",
      attendeePasscode: undefined,
      moderator: undefined,
    });
  });

  test("JSON and error bodies", () => {
    expect(parseJson("")).toBeUndefined();
    expect(() => parseJson('{"id": 4')).toThrow(ParseError);
    expect(serverMessage('{"message":"Meeting not found"}')).toBe("Meeting not found");
    expect(serverMessage('{"code":"E42","message":"Bad thing"}')).toBe("E42: Bad thing");
    expect(serverMessage('{"error":"invalid_client","error_description":"Wrong secret"}')).toBe(
      "Wrong secret",
    );
    expect(serverMessage("<html><body><h1>502 Bad Gateway</h1></body></html>")).toBe("502 Bad Gateway");
    expect(serverMessage("   ")).toBeUndefined();
    expect(serverMessage("{}")).toBeUndefined();
  });
});

describe("toMeetingModel", () => {
  const meeting: ScheduledMeeting = {
    id: 42,
    title: "T",
    numericMeetingId: "123456789",
    attendeePasscode: "4321",
    attendees: [],
    isPersonalMeeting: false,
    deleted: false,
    advancedMeetingOptions: {},
    moderator: { firstname: "Ada", lastname: "Lovelace" },
  };

  test("without numbers: BlueJeans' published defaults; organiser from the moderator", () => {
    expect(toMeetingModel(meeting)).toEqual({
      source: "scheduled",
      numericMeetingId: "123456789",
      attendeePasscode: "4321",
      joinUrl: "https://bluejeans.com/123456789/4321?src=calendarLink",
      organizerName: "Ada Lovelace",
      dialIn: [...DEFAULT_DIAL_IN],
      moreNumbersUrl: "https://bluejeans.com/numbers",
      roomSystem: { host: "bjn.vc", ip: "199.48.152.152", sipDomain: "bjn.vc" },
      testUrl: "https://bluejeans.com/111",
      meetingId: 42,
    });
  });

  test("default number first, duplicates dropped, at most 8, only an https numbers page", () => {
    const entry = (number: string, isDefault = false) => ({
      number,
      tollFree: false,
      premium: false,
      country: "US",
      isDefault,
      inherited: true,
    });
    const model = toMeetingModel(
      { ...meeting, attendeePasscode: undefined },
      {
        pstnNumbersUrl: "javascript:alert(1)",
        numbers: [
          entry("+1 1"),
          entry("+1 2", true),
          entry("+1 1"),
          ...Array.from({ length: 10 }, (_, i) => entry(`+1 3${i}`)),
        ],
      },
      "  ",
    );
    expect(model.dialIn.map((n) => n.number)).toEqual([
      "+1 2",
      "+1 1",
      "+1 30",
      "+1 31",
      "+1 32",
      "+1 33",
      "+1 34",
      "+1 35",
    ]);
    expect(model.moreNumbersUrl).toBe("https://bluejeans.com/numbers");
    expect(model.joinUrl).toBe("https://bluejeans.com/123456789?src=calendarLink");
    expect(model.organizerName).toBe("Ada Lovelace");
  });
});

describe("retry and token arithmetic", () => {
  test("Retry-After: seconds, HTTP date, past dates, garbage", () => {
    const now = Date.parse("2031-01-15T14:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 15 Jan 2031 14:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 15 Jan 2031 13:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test("full jitter between 0 and an exponential ceiling capped at 5 s", () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0.999))).toEqual([199, 399, 799, 1598]);
    expect(backoffDelay(10, () => 0.999)).toBe(4995);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  test("a token is used until 60 s before it expires (half its life when short)", () => {
    expect(usableMs(3600)).toBe(3_540_000);
    expect(usableMs(120)).toBe(60_000);
    expect(usableMs(30)).toBe(15_000);
    expect(usableMs(undefined)).toBe(240_000);
  });

  test("the redactor hides encoded forms and tokens added later", () => {
    const redactor = createRedactor(["p@ss/word+1"]);
    redactor.add("tok");
    redactor.add("token-123456");
    expect(redactor.text("a p@ss/word+1 b p%40ss%2Fword%2B1 c token-123456 tok")).toBe(
      "a [redacted] b [redacted] c [redacted] tok",
    );
    expect(redactor.value({ deep: [{ s: "p@ss/word+1" }], n: 1 })).toEqual({
      deep: [{ s: "[redacted]" }],
      n: 1,
    });
  });
});
