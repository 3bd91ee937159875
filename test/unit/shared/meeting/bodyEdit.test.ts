// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
import {
  JOIN_BLOCK_END_MARKER as END,
  JOIN_BLOCK_START_MARKER as START,
  containsJoinBlock,
  detectLineEnding,
  findJoinBlocks,
  joinBlockForPrepend,
  removeJoinBlocks,
  renderJoinBlockHtml,
  renderJoinBlockText,
  replaceJoinBlock,
} from "../../../../src/shared/meeting";
import { adasMeeting, gracesMeeting, insertAfter, readFixture } from "./meetingFixtures";

const WORD_SECTION = "<div class=WordSection1>\n";
const OWA_BODY = '<body dir="ltr">\n';

/** The body with the one found block cut out, for checking ranges against what we expect. */
function cut(body: string, range: { start: number; end: number }, insert = ""): string {
  return body.slice(0, range.start) + insert + body.slice(range.end);
}

describe("HTML bodies from Outlook for Windows (Word)", () => {
  const fresh = readFixture("outlook-windows-new.html");

  it("has no block in a new appointment", () => {
    expect(findJoinBlocks(fresh, "html")).toEqual([]);
    expect(removeJoinBlocks(fresh, "html")).toEqual({ body: fresh, removed: 0 });
    expect(replaceJoinBlock(fresh, "html", adasMeeting())).toEqual({ body: fresh, found: 0 });
  });

  it("takes out exactly what was prepended", () => {
    const body = joinBlockForPrepend(adasMeeting(), "html") + fresh;
    expect(removeJoinBlocks(body, "html")).toEqual({ body: fresh, removed: 1 });
  });

  describe.each([
    ["after Word re-saved it without our wrapper", "outlook-windows-resaved-block.html"],
    ["after Word re-saved it inside our wrapper", "outlook-windows-wrapped-block.html"],
  ])("the block %s", (_label, fixture) => {
    const body = readFixture(fixture);
    // The block was inserted after WordSection1's line break; its own last line break stays.
    const expected = insertAfter(fresh, WORD_SECTION, "\n");

    it("is found once, by markers split across spans, &nbsp; and wrapped source lines", () => {
      const blocks = findJoinBlocks(body, "html");
      expect(blocks).toHaveLength(1);
      expect(containsJoinBlock(body, "html")).toBe(true);
    });

    it("is removed with the user's paragraphs and Word markup kept byte for byte", () => {
      expect(removeJoinBlocks(body, "html")).toEqual({ body: expected, removed: 1 });
    });

    it("is replaced in place by a fresh rendering", () => {
      const [block] = findJoinBlocks(body, "html");
      if (!block) throw new Error("no block");
      const replaced = replaceJoinBlock(body, "html", gracesMeeting());
      expect(replaced).toEqual({ body: cut(body, block, renderJoinBlockHtml(gracesMeeting())), found: 1 });
      expect(findJoinBlocks(replaced.body, "html")).toHaveLength(1);
      expect(removeJoinBlocks(replaced.body, "html").body).toBe(expected);
    });
  });

  it("keeps a div that Word left without our id, and everything in it that is not the block", () => {
    const block = readFixture("outlook-windows-resaved-block.html").slice(
      readFixture("outlook-windows-resaved-block.html").indexOf(WORD_SECTION) + WORD_SECTION.length,
      readFixture("outlook-windows-resaved-block.html").indexOf("<p class=MsoNormal>Agenda"),
    );
    const body = insertAfter(fresh, WORD_SECTION, `<div style='margin-bottom:18.0pt'>\n${block}</div>\n`);
    expect(removeJoinBlocks(body, "html").body).toBe(
      insertAfter(fresh, WORD_SECTION, "<div style='margin-bottom:18.0pt'>\n\n</div>\n"),
    );
  });
});

describe("HTML bodies from Outlook on the web", () => {
  const fresh = readFixture("owa-new.html");
  const body = readFixture("owa-block.html");

  it("takes out exactly what was prepended", () => {
    const prepended = joinBlockForPrepend(adasMeeting(), "html") + fresh;
    expect(removeJoinBlocks(prepended, "html")).toEqual({ body: fresh, removed: 1 });
  });

  it("finds the rewritten wrapper (x_ id, styles rewritten, &nbsp; in a marker) as the block", () => {
    const start = body.indexOf('<div id="x_bluejeans-join-block"');
    const end = body.indexOf('</div>\n<div class="elementToProof"') + "</div>".length;
    expect(findJoinBlocks(body, "html")).toEqual([{ start, end }]);
  });

  it("removes it and leaves no empty wrapper", () => {
    expect(removeJoinBlocks(body, "html")).toEqual({ body: insertAfter(fresh, OWA_BODY, "\n"), removed: 1 });
  });

  it("replaces it with our own wrapper", () => {
    const replaced = replaceJoinBlock(body, "html", gracesMeeting());
    expect(replaced.body).toBe(insertAfter(fresh, OWA_BODY, `${renderJoinBlockHtml(gracesMeeting())}\n`));
  });

  it("keeps text the user typed inside our wrapper, and the wrapper that holds it", () => {
    const typed = '<div class="x_elementToProof">Please bring the slides.</div>\n';
    const edited = body.replace(/(:: end of join details ~=~<\/div>\n)/, `$1${typed}`);
    const removed = removeJoinBlocks(edited, "html").body;
    expect(removed).toContain("Please bring the slides.");
    expect(removed).toContain('<div id="x_bluejeans-join-block"');
    expect(removed).not.toContain("BlueJeans meeting");
    expect(findJoinBlocks(removed, "html")).toEqual([
      {
        start: removed.indexOf('<div id="x_'),
        end: removed.indexOf('</div>\n<div class="elementToProof"') + 6,
      },
    ]);
  });

  it("falls back to the wrapper when the markers were edited away", () => {
    const edited = body
      .replace(START, "Join details")
      .replace(/~=~ BlueJeans meeting&nbsp;:: end of join details ~=~/, "");
    expect(removeJoinBlocks(edited, "html")).toEqual({
      body: insertAfter(fresh, OWA_BODY, "\n"),
      removed: 1,
    });
  });

  it("does not fall back to a wrapper that never closes, since it would run to the end of the body", () => {
    const unclosed = `<div id="x_bluejeans-join-block"><div>Join details</div><div>${fresh}`;
    expect(findJoinBlocks(unclosed, "html")).toEqual([]);
  });
});

describe("HTML blocks in other places", () => {
  const meeting = adasMeeting();
  const block = renderJoinBlockHtml(meeting);

  it("finds a block the user moved below their own text", () => {
    const body = `<div>Agenda</div>${block}<div>Thanks</div>`;
    expect(removeJoinBlocks(body, "html").body).toBe("<div>Agenda</div><div>Thanks</div>");
  });

  it("removes duplicates from a handler that ran twice, and replace leaves one", () => {
    const body = block + block + "<p>user</p>";
    expect(removeJoinBlocks(body, "html")).toEqual({ body: "<p>user</p>", removed: 2 });
    const replaced = replaceJoinBlock(body, "html", gracesMeeting());
    expect(replaced).toEqual({ body: renderJoinBlockHtml(gracesMeeting()) + "<p>user</p>", found: 2 });
  });

  it("removes a wrapper holding two blocks and nothing else", () => {
    const inner = block.replace(/^<div[^>]*>/, "").replace(/<\/div>$/, "");
    const body = `<div id="x_bluejeans-join-block">${inner}${inner}</div><p>user</p>`;
    expect(removeJoinBlocks(body, "html").body).toBe("<p>user</p>");
  });

  it("finds a block whose lines became paragraphs, with text before and after kept", () => {
    const body = `<p>before</p><p>${START}</p><p>Meeting ID: 1</p><p>${END}</p><p>after</p>`;
    expect(removeJoinBlocks(body, "html").body).toBe("<p>before</p><p>after</p>");
  });

  it("finds lines separated by <br> inside one paragraph", () => {
    const body = `<p>before</p><p>${START}<br>Meeting ID: 1<br>${END}</p><p>after</p>`;
    expect(removeJoinBlocks(body, "html").body).toBe("<p>before</p><p></p><p>after</p>");
  });

  it("finds blocks in unclosed paragraphs without taking the next ones", () => {
    const body = `<p>before<p>${START}<p>Meeting ID: 1<p>${END}\n<p>after`;
    expect(removeJoinBlocks(body, "html").body).toBe("<p>before<p>after");
  });

  it("decodes entities and numeric references in markers", () => {
    const encoded = START.replace(/ /g, "&nbsp;").replace("::", "&#58;&colon;");
    const body = `<div>${encoded}</div><div>${END.replace(/~/g, "&#x7E;")}</div>x`;
    expect(removeJoinBlocks(body, "html").body).toBe("x");
  });

  it("ignores markers in comments, attributes, styles and scripts", () => {
    const body = [
      `<!-- ${START} -->`,
      `<div title="${START}">x</div>`,
      `<style>/* ${START} */</style>`,
      `<script>"${END}"</script>`,
      `<div>y</div>`,
    ].join("");
    expect(findJoinBlocks(body, "html")).toEqual([]);
  });

  it.each([
    `<p>${START} (copied)</p><p>${END}</p>`,
    `<p>Re: ${START}</p><p>${END}</p>`,
    `<p>${START.replace("BlueJeans", "Bluejeans")}</p><p>${END}</p>`,
    `<p>${START.slice(0, -1)}</p><p>${END}</p>`,
    `<p>${START}</p><p>${END}x</p>`,
    `<p>${END}</p><p>${START}</p>`,
    `<p><span>${START}</span><span>${END}</span></p>`,
    `<p id="bluejeans_join_block">${START}</p><p>${END}x</p>`,
  ])("leaves look-alikes alone: %s", (body) => {
    expect(removeJoinBlocks(body, "html")).toEqual({ body, removed: 0 });
  });
});

describe("text bodies", () => {
  it("removes a CRLF block and its blank line, leaving the user's text exactly", () => {
    expect(removeJoinBlocks(readFixture("text-crlf-block.txt"), "text")).toEqual({
      body: readFixture("text-crlf-new.txt"),
      removed: 1,
    });
  });

  it("replaces a CRLF block with a CRLF rendering and keeps the separator", () => {
    const replaced = replaceJoinBlock(readFixture("text-crlf-block.txt"), "text", gracesMeeting(), "\n");
    expect(replaced).toEqual({
      body: renderJoinBlockText(gracesMeeting(), "\r\n") + "\r\n\r\n" + readFixture("text-crlf-new.txt"),
      found: 1,
    });
  });

  it("finds an indented START and lines wrapped at 76 columns, keeping text above and below", () => {
    const body = readFixture("text-wrapped-block.txt");
    const above = body.slice(0, body.indexOf("  ~=~"));
    const below = body.slice(body.indexOf("Notes from last time"));
    expect(removeJoinBlocks(body, "text")).toEqual({ body: above + below, removed: 1 });
    expect(replaceJoinBlock(body, "text", adasMeeting()).body).toBe(
      `${above}${renderJoinBlockText(adasMeeting())}\n\n${below}`,
    );
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ] as const)("takes out exactly what was prepended (%s)", (_name, eol) => {
    const user = `Hello${eol}${eol}Agenda${eol}`;
    const body = joinBlockForPrepend(adasMeeting(), "text", eol) + user;
    expect(removeJoinBlocks(body, "text")).toEqual({ body: user, removed: 1 });
  });

  it("takes out a block with no blank line after it, or at the very end", () => {
    const block = renderJoinBlockText(adasMeeting());
    expect(removeJoinBlocks(`${block}\nuser`, "text").body).toBe("user");
    expect(removeJoinBlocks(`user\n${block}`, "text").body).toBe("user\n");
    expect(removeJoinBlocks(`${block}\n\n\nuser`, "text").body).toBe("\nuser");
  });

  it("removes duplicates and leaves one on replace", () => {
    const once = joinBlockForPrepend(adasMeeting(), "text");
    const body = `${once}${once}user`;
    expect(removeJoinBlocks(body, "text")).toEqual({ body: "user", removed: 2 });
    expect(replaceJoinBlock(body, "text", gracesMeeting())).toEqual({
      body: `${renderJoinBlockText(gracesMeeting())}\n\nuser`,
      found: 2,
    });
  });

  it("pairs an END with the closest START, leaving a START whose END was deleted", () => {
    const block = renderJoinBlockText(adasMeeting());
    const body = `${START}\nuser line\n${block}\n\nafter`;
    expect(removeJoinBlocks(body, "text").body).toBe(`${START}\nuser line\nafter`);
  });

  it.each([
    `${START} (copied)\nx\n${END}\n`,
    `> ${START}\n> ${END}\n`,
    `${START.toLowerCase()}\n${END}\n`,
    `${END}\n${START}\n`,
    `${START}${END}\n`,
  ])("leaves look-alikes alone: %j", (body) => {
    expect(removeJoinBlocks(body, "text")).toEqual({ body, removed: 0 });
  });

  it("uses the eol argument only for bodies without line breaks of their own", () => {
    const block = renderJoinBlockText(adasMeeting(), "\r\n");
    const lfBody = `${renderJoinBlockText(adasMeeting())}`;
    expect(replaceJoinBlock(lfBody, "text", adasMeeting(), "\r\n").body).toBe(
      renderJoinBlockText(adasMeeting()),
    );
    const crOnly = `${START}\r${END}\rx`;
    expect(replaceJoinBlock(crOnly, "text", adasMeeting(), "\r\n").body).toBe(`${block}\rx`);
  });
});

describe("detectLineEnding", () => {
  it("prefers CRLF, then LF", () => {
    expect(detectLineEnding("a\nb\r\nc")).toBe("\r\n");
    expect(detectLineEnding("a\nb\rc")).toBe("\n");
    expect(detectLineEnding("a\rb")).toBeUndefined();
    expect(detectLineEnding("")).toBeUndefined();
  });
});
