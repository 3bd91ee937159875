/**
 * Join details room systems can read: schedulers behind "one button to push" on Cisco, Poly and
 * Pexip endpoints find a BlueJeans meeting by BlueJeans' own wording. The text block is read here
 * as such a parser would; and blocks written with the earlier wording (the fixtures) are still
 * found, replaced in place with the new wording, and removed.
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
import fc from "fast-check";
import {
  findJoinBlocks,
  personalRoomMeeting,
  removeJoinBlocks,
  renderJoinBlockHtml,
  renderJoinBlockText,
  replaceJoinBlock,
  type BlueJeansMeeting,
  type BodyType,
} from "../../../../src/shared/meeting";
import { parseHtml } from "../../../../src/shared/meeting/htmlTree";
import { lineText, visibleLines } from "../../../../src/shared/meeting/visibleText";
import { adasMeeting, gracesMeeting, readFixture } from "./meetingFixtures";

/** What a room-system scheduler takes from an invitation's text. */
interface Parsed {
  /** Every "Enter Meeting ID: <digits>" with the digits alone (then a line end or a space). */
  enteredIds: string[];
  /** "Enter Meeting ID: <digits>," anywhere (a comma glued to the ID): must never occur. */
  commaIds: string[];
  sipUris: string[];
  dialLine: string | undefined;
  joinLinkIds: string[];
}

function parseLikeAScheduler(text: string): Parsed {
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
  return {
    enteredIds: all(/Enter Meeting ID: (\d+)(?=\r?\n| |$)/g),
    commaIds: all(/Enter Meeting ID: (\d+),/g),
    sipUris: all(/\b(\d+)@bjn\.vc\b/g),
    dialLine: /^\s*1\) Dial: (199\.48\.152\.152 or bjn\.vc)\s*$/m.exec(text)?.[1],
    joinLinkIds: all(/https:\/\/bluejeans\.com\/(\d+)(?=[/?\s]|$)/g),
  };
}

/** The section between a heading and the next heading-like line. */
function section(text: string, heading: string, next: string): string {
  const start = text.indexOf(heading);
  const end = text.indexOf(next, start);
  if (start < 0 || end < 0) throw new Error(`no section "${heading}"`);
  return text.slice(start, end);
}

const ROOM = "Connecting directly from a room system?";
const PHONE = "Just want to dial in on your phone?";
const TEST = "Want to test your video connection?";

function htmlAsText(html: string): string {
  return visibleLines(parseHtml(html)).map(lineText).join("\n");
}

function expectReadable(text: string, meeting: BlueJeansMeeting): void {
  const id = meeting.numericMeetingId;
  const passcode = meeting.attendeePasscode;
  const parsed = parseLikeAScheduler(text);
  expect(parsed.commaIds).toEqual([]);
  expect(parsed.enteredIds).toEqual([id, id]);
  expect(parsed.sipUris).toEqual([id]);
  expect(parsed.dialLine).toBe("199.48.152.152 or bjn.vc");
  expect(parsed.joinLinkIds).toContain(id);

  const room = section(text, ROOM, PHONE);
  expect(room).toMatch(new RegExp(`^\\s*2\\) Enter Meeting ID: ${id} followed by #$`, "m"));
  expect(room).toMatch(
    new RegExp(`^\\s*Or dial directly: ${id}@bjn\\.vc or 199\\.48\\.152\\.152##${id}$`, "m"),
  );
  const phone = section(text, PHONE, TEST);
  expect(phone).toMatch(new RegExp(`^\\s*2\\) Enter Meeting ID: ${id} followed by #$`, "m"));
  for (const part of [room, phone]) {
    if (passcode)
      expect(part).toMatch(new RegExp(`^\\s*3\\) Enter Passcode: ${passcode} followed by #$`, "m"));
    else expect(part).not.toMatch(/Passcode/);
  }
}

describe("BlueJeans' wording in the join block", () => {
  it.each([
    ["with a passcode", adasMeeting()],
    ["without a passcode", gracesMeeting()],
  ])("the text block reads as BlueJeans wrote it, %s", (_name, meeting) => {
    expectReadable(renderJoinBlockText(meeting), meeting);
    expectReadable(renderJoinBlockText(meeting, "\r\n"), meeting);
  });

  it("the HTML block's visible text reads the same, and links https://bluejeans.com/<id>", () => {
    const meeting = adasMeeting();
    const html = renderJoinBlockHtml(meeting);
    expectReadable(htmlAsText(html), meeting);
    expect(html).toContain('href="https://bluejeans.com/123456789/4321?src=calendarLink"');
  });

  it("any meeting ID and passcode come out as digits alone", () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    fc.assert(
      fc.property(digits(1, 20), fc.option(digits(1, 12), { nil: undefined }), (id, passcode) => {
        const meeting = personalRoomMeeting({ numericMeetingId: id, attendeePasscode: passcode });
        expectReadable(renderJoinBlockText(meeting), meeting);
      }),
    );
  });
});

/** Blocks written before this wording, as Outlook stored them (kept as they are on purpose). */
const EARLIER_BLOCKS: Array<[string, BodyType]> = [
  ["owa-block.html", "html"],
  ["outlook-windows-resaved-block.html", "html"],
  ["outlook-windows-wrapped-block.html", "html"],
  ["text-crlf-block.txt", "text"],
  ["text-wrapped-block.txt", "text"],
];

describe.each(EARLIER_BLOCKS)("a block in the earlier wording (%s)", (fixture, type) => {
  const body = readFixture(fixture);

  it("is in the earlier wording", () => {
    expect(body).toMatch(/then press #/);
    expect(body).not.toMatch(/Enter Meeting ID: /);
  });

  it("is found", () => {
    expect(findJoinBlocks(body, type)).toHaveLength(1);
  });

  it("is replaced in place by the new wording", () => {
    const { body: updated, found } = replaceJoinBlock(body, type, adasMeeting());
    expect(found).toBe(1);
    expect(updated).not.toMatch(/then press #/);
    const [block] = findJoinBlocks(updated, type);
    const text = updated.slice(block!.start, block!.end);
    expectReadable(type === "html" ? htmlAsText(text) : text, adasMeeting());
    // Where it stood: what came before the old block is still there, unchanged.
    const [old] = findJoinBlocks(body, type);
    expect(updated.slice(0, block!.start)).toBe(body.slice(0, old!.start));
  });

  it("is removed", () => {
    const { body: removed, removed: count } = removeJoinBlocks(body, type);
    expect(count).toBe(1);
    expect(removed).not.toMatch(/then press #|bjn\.vc|BlueJeans meeting ::/);
  });
});
