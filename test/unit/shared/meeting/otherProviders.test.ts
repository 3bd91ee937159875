/** @jest-environment jsdom */
/**
 * Another provider's join details: found in bodies as Outlook on the web and Outlook for Windows
 * store them (and in text bodies), and taken out with their part of the location, leaving
 * everything else byte for byte.
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { htmlToText } from "../../../../dev/workbench/owaHtml";
import {
  findJoinBlocks,
  findOtherMeetings,
  joinBlockForPrepend,
  removeOtherMeeting,
  type BodyType,
  type OtherProvider,
} from "../../../../src/shared/meeting";
import { adasMeeting } from "./meetingFixtures";

const DIR = join(__dirname, "..", "..", "..", "fixtures", "other-providers");
const fixture = (name: string) => readFileSync(join(DIR, name), "utf8");

interface Case {
  file: string;
  type: BodyType;
  provider: OtherProvider;
  name: string;
  joinUrl: RegExp;
  /** Text that belongs to the provider's block. */
  theirs: string[];
  /** The person's own text before and after the block. */
  ours: string[];
}

const CASES: Case[] = [
  {
    file: "teams-owa.html",
    type: "html",
    provider: "teams",
    name: "Microsoft Teams",
    joinUrl: /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_ZmQ4/,
    theirs: ["Microsoft Teams meeting", "281 904 735 116", "teams.microsoft.com", "_____"],
    ours: ["Weekly sync &#8211; bring your status &amp; blockers.", "Grace Hopper"],
  },
  {
    file: "teams-windows.html",
    type: "html",
    provider: "teams",
    name: "Microsoft Teams",
    joinUrl: /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_NjA1/,
    theirs: ["Teams meeting", "354 118 602 907", "teams.microsoft.com", "_____"],
    ours: ["Design review: the new onboarding flow.", "<p class=MsoNormal>Thanks,<o:p></o:p></p>"],
  },
  {
    file: "teams-text.txt",
    type: "text",
    provider: "teams",
    name: "Microsoft Teams",
    joinUrl: /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_ZmQ4[^>]*%7d$/,
    theirs: ["Microsoft Teams meeting", "Qw7hT2", "teams.microsoft.com", "_____"],
    ours: ["Weekly sync - bring your status & blockers.\r\n\r\n", "Grace Hopper\r\n"],
  },
  {
    file: "zoom-owa.html",
    type: "html",
    provider: "zoom",
    name: "Zoom",
    joinUrl: /^https:\/\/us02web\.zoom\.us\/j\/85012345678\?pwd=bWZ3eUlRc0hHN2pqT0p1dz09$/,
    theirs: ["scheduled Zoom meeting", "zoom.us", "zoomcrc.com", "──────────"],
    ours: ["Vendor call about the Q3 renewal.", "Grace</div>"],
  },
  {
    file: "webex-text.txt",
    type: "text",
    provider: "webex",
    name: "Webex",
    joinUrl: /^https:\/\/contoso\.webex\.com\/contoso\/j\.php\?MTID=m3f1b2c4d5e6f708192a3b4c5d6e7f809$/,
    theirs: ["Do not delete", "webex.com", "2634 118 5290"],
    ours: ["Kick-off with the agency.\n\n", "See you there,\nAnn\n"],
  },
  {
    file: "google-meet-owa.html",
    type: "html",
    provider: "google-meet",
    name: "Google Meet",
    joinUrl: /^https:\/\/meet\.google\.com\/abc-mnop-xyz\?hs=224$/,
    theirs: ["Join with Google Meet", "meet.google.com", "-::~:~", "tel.meet"],
    ours: ["Interview loop, round 2.", "Priya"],
  },
];

describe.each(CASES)("$file", ({ file, type, provider, name, joinUrl, theirs, ours }) => {
  const body = fixture(file);

  it(`is found as ${name}, with one block and its join link`, () => {
    const found = findOtherMeetings(body, type, "");
    expect(found).toHaveLength(1);
    const [meeting] = found;
    expect(meeting).toMatchObject({ provider, name, inBody: true, inLocation: false });
    expect(meeting!.joinUrl).toMatch(joinUrl);
    expect(meeting!.blocks).toHaveLength(1);
    const [block] = meeting!.blocks;
    for (const part of theirs) expect(body.slice(block!.start, block!.end)).toContain(part);
  });

  it("is removed with nothing of it left and the person's text kept byte for byte", () => {
    const [block] = findOtherMeetings(body, type, "")[0]!.blocks;
    const removed = removeOtherMeeting(body, type, "", provider);
    expect(removed.removedBlocks).toBe(1);
    for (const part of theirs) expect(removed.body).not.toContain(part);
    for (const part of ours) expect(removed.body).toContain(part);
    // Only the block's range (and, in text, the blank line after it) is gone.
    expect(removed.body.startsWith(body.slice(0, block!.start))).toBe(true);
    const rest = body.slice(block!.end);
    expect(rest.endsWith(removed.body.slice(block!.start))).toBe(true);
    expect(findOtherMeetings(removed.body, type, "")).toEqual([]);
  });

  if (type === "html") {
    it("is found in the text Outlook gives for the HTML body (links without their URLs)", () => {
      const text = htmlToText(body);
      const found = findOtherMeetings(text, "text", "");
      expect(found.map((m) => m.provider)).toEqual([provider]);
      expect(found[0]!.blocks).toHaveLength(1);
    });
  }

  it("leaves our own BlueJeans block where it is", () => {
    const both = joinBlockForPrepend(adasMeeting(), type) + body;
    const removed = removeOtherMeeting(both, type, "", provider);
    expect(removed.removedBlocks).toBe(1);
    expect(findJoinBlocks(removed.body, type)).toHaveLength(1);
    expect(removed.body.startsWith(joinBlockForPrepend(adasMeeting(), type))).toBe(true);
  });
});

describe("the location", () => {
  const ZOOM = "https://us02web.zoom.us/j/85012345678?pwd=bWZ3eUlRc0hHN2pqT0p1dz09";
  const BLUEJEANS = "https://bluejeans.com/123456789/4321?src=calendarLink";

  it.each([
    ["Microsoft Teams Meeting", "teams", ""],
    ["Room 4; Microsoft Teams Meeting", "teams", "Room 4"],
    ["Microsoft Teams Meeting; Room 4", "teams", "Room 4"],
    [`Room 4; ${ZOOM}`, "zoom", "Room 4"],
    [ZOOM, "zoom", ""],
    [`Room 4; Microsoft Teams Meeting; ${BLUEJEANS}`, "teams", `Room 4; ${BLUEJEANS}`],
  ] as const)("%s: the provider's part goes, the rest stays", (location, provider, after) => {
    const found = findOtherMeetings("", "text", location);
    expect(found).toEqual([
      expect.objectContaining({ provider, inLocation: true, inBody: false, blocks: [] }),
    ]);
    const removed = removeOtherMeeting("", "text", location, provider);
    expect(removed).toEqual({ body: "", location: after, removedBlocks: 0, removedFromLocation: true });
  });

  it("the join link is taken from the location when the body has none", () => {
    expect(findOtherMeetings("", "text", `Room 4; ${ZOOM}`)[0]?.joinUrl).toBe(ZOOM);
  });

  it("a location that only mentions a provider is the person's own text", () => {
    for (const location of ["Teams room 3", "Zoom booth, 2nd floor", "Microsoft Teams Meeting room B"]) {
      expect(findOtherMeetings("", "text", location)).toEqual([]);
      expect(removeOtherMeeting("", "text", location, "teams").location).toBe(location);
    }
  });
});

describe("not another provider's block", () => {
  const TEAMS = fixture("teams-text.txt");
  const RULE = "_".repeat(80);

  it("a body without one, or with only our block, has none", () => {
    expect(findOtherMeetings("Agenda: budget", "text", "Room 4")).toEqual([]);
    const ours = joinBlockForPrepend(adasMeeting(), "html");
    expect(findOtherMeetings(ours, "html", "https://bluejeans.com/123456789/4321?src=calendarLink")).toEqual(
      [],
    );
  });

  it("the person's own rules and words about Teams are not a Teams block", () => {
    const body = `Notes\n${RULE}\nWe moved from Microsoft Teams to BlueJeans.\n${RULE}\nEnd\n`;
    expect(findOtherMeetings(body, "text", "")).toEqual([]);
    expect(removeOtherMeeting(body, "text", "", "teams").body).toBe(body);
  });

  it("a rule of the person's own above the Teams block stays; only the block goes", () => {
    const body = `Minutes\n${RULE}\n${TEAMS}`;
    const removed = removeOtherMeeting(body, "text", "", "teams");
    expect(removed.removedBlocks).toBe(1);
    expect(removed.body).toBe(
      `Minutes\n${RULE}\nWeekly sync - bring your status & blockers.\r\n\r\nGrace Hopper\r\n`,
    );
  });

  it("a Teams link in the person's own text is noticed but not removed", () => {
    const body =
      "Last week's recording: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0\n";
    const [found] = findOtherMeetings(body, "text", "");
    expect(found).toMatchObject({ provider: "teams", inBody: true, blocks: [] });
    expect(removeOtherMeeting(body, "text", "", "teams")).toMatchObject({ body, removedBlocks: 0 });
  });

  it('Teams\' newer layout ("Microsoft Teams Need help?") is a Teams block too', () => {
    const body = [
      "Notes",
      RULE,
      "Microsoft Teams Need help?<https://aka.ms/JoinTeamsMeeting?omkt=en-US>",
      "Join the meeting now<https://teams.microsoft.com/l/meetup-join/19%3ameeting_xyz%40thread.v2/0>",
      "Meeting ID: 219 555 018 377",
      "Passcode: n4Hc7P",
      RULE,
      "Bye",
    ].join("\n");
    const removed = removeOtherMeeting(body, "text", "", "teams");
    expect(removed.removedBlocks).toBe(1);
    expect(removed.body).toBe("Notes\nBye");
  });

  it("a Teams link without its block (as some clients write it) is found, and nothing is removed", () => {
    const body = "Join: https://teams.microsoft.com/meet/2195550183?p=n4Hc7P\nAgenda";
    expect(findOtherMeetings(body, "text", "")).toEqual([
      expect.objectContaining({
        provider: "teams",
        blocks: [],
        joinUrl: "https://teams.microsoft.com/meet/2195550183?p=n4Hc7P",
      }),
    ]);
    expect(removeOtherMeeting(body, "text", "", "teams").body).toBe(body);
  });

  it("fences too far apart are not one block", () => {
    const filler = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const body = `${RULE}\nMicrosoft Teams meeting\n${filler}\n${RULE}\n`;
    expect(findOtherMeetings(body, "text", "")).toEqual([]);
  });
});
