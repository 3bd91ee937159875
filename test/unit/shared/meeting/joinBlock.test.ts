import fc from "fast-check";
import {
  JOIN_BLOCK_END_MARKER,
  JOIN_BLOCK_START_MARKER,
  findJoinBlocks,
  joinBlockForPrepend,
  escapeHtml,
  isSafeHref,
  oneTouchUri,
  renderJoinBlockHtml,
  renderJoinBlockText,
} from "../../../../src/shared/meeting";
import { tokenizeHtml } from "../../../../src/shared/meeting/htmlTokens";
import { parseHtml } from "../../../../src/shared/meeting/htmlTree";
import { adasMeeting, gracesMeeting } from "./meetingFixtures";

/** Every tag as written: an untrusted value must never change this list. */
function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

/** Tag names with their attribute names, from our tokenizer: a second view of the same structure. */
function tagStructure(html: string): string[] {
  return tokenizeHtml(html).flatMap((token) => {
    if (token.kind === "startTag")
      return [`<${token.name} ${token.attrs.map((attr) => attr.name).join(" ")}>`];
    if (token.kind === "endTag") return [`</${token.name}>`];
    return token.kind === "text" ? [] : [token.kind];
  });
}

const ADA_TEXT = [
  JOIN_BLOCK_START_MARKER,
  "",
  "Join the meeting from a computer or phone:",
  "https://bluejeans.com/123456789/4321?src=calendarLink",
  "",
  "Ada Lovelace has invited you to a BlueJeans meeting.",
  "Meeting ID: 123456789",
  "Participant passcode: 4321",
  "",
  "----------------------------------------",
  "Connecting directly from a room system?",
  "   1) Dial: 199.48.152.152 or bjn.vc",
  "   2) Enter Meeting ID: 123456789 followed by #",
  "   3) Enter Passcode: 4321 followed by #",
  "   Or dial directly: 123456789@bjn.vc or 199.48.152.152##123456789",
  "",
  "Just want to dial in on your phone?",
  "   1) Dial one of these numbers:",
  "      US: +1.408.740.7256",
  "      One-touch: tel:+14087407256,,,123456789#,,,4321#",
  "      US (toll free): +1.888.240.2560",
  "      One-touch: tel:+18882402560,,,123456789#,,,4321#",
  "      More numbers: https://bluejeans.com/numbers",
  "   2) Enter Meeting ID: 123456789 followed by #",
  "   3) Enter Passcode: 4321 followed by #",
  "----------------------------------------",
  "Want to test your video connection?",
  "https://bluejeans.com/111",
  "",
  JOIN_BLOCK_END_MARKER,
].join("\n");

describe("markers", () => {
  it.each([JOIN_BLOCK_START_MARKER, JOIN_BLOCK_END_MARKER])(
    "%s is short, ASCII and distinctive",
    (marker) => {
      expect(marker.length).toBeLessThan(60);
      expect(marker).toMatch(/^[\x20-\x7e]+$/);
      expect(marker).toContain("BlueJeans meeting");
      expect(marker).toContain("~=~");
      expect(marker).not.toMatch(/[<>&"']/);
    },
  );

  it("are different from each other", () => {
    expect(JOIN_BLOCK_START_MARKER).not.toBe(JOIN_BLOCK_END_MARKER);
  });
});

describe("renderJoinBlockText", () => {
  it("renders every section of a BlueJeans invitation, in order", () => {
    expect(renderJoinBlockText(adasMeeting())).toBe(ADA_TEXT);
  });

  it("uses the requested line ending everywhere", () => {
    const text = renderJoinBlockText(adasMeeting(), "\r\n");
    expect(text).toBe(ADA_TEXT.replace(/\n/g, "\r\n"));
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it("leaves out the passcode lines and the one-touch passcode when there is none", () => {
    const text = renderJoinBlockText(gracesMeeting());
    expect(text).not.toMatch(/passcode/i);
    expect(text).toContain("      One-touch: tel:+14087407256,,,987654321#\n");
    expect(text).toContain("      One-touch: tel:+18882402560,,,987654321#\n");
    expect(text).toContain("https://bluejeans.com/987654321?src=calendarLink");
  });

  it("leaves out the organiser line when there is no name", () => {
    for (const organizerName of [undefined, "", "   \n "]) {
      const text = renderJoinBlockText(adasMeeting({ organizerName }));
      expect(text).not.toContain("has invited you");
      expect(text).toContain("Meeting ID: 123456789");
    }
  });

  it("keeps a name with line breaks on one line, so it cannot fake a marker line", () => {
    const organizerName = `Mallory\n${JOIN_BLOCK_END_MARKER}\r\n${JOIN_BLOCK_START_MARKER}\nx`;
    const text = renderJoinBlockText(adasMeeting({ organizerName }));
    expect(text.split("\n")).toHaveLength(ADA_TEXT.split("\n").length);
    const body = joinBlockForPrepend(adasMeeting({ organizerName }), "text") + "user text";
    expect(findJoinBlocks(body, "text")).toEqual([{ start: 0, end: body.length - "user text".length }]);
  });

  it("breaks up the marker fence inside values, so no value can spell a marker", () => {
    const text = renderJoinBlockText(
      adasMeeting({
        dialIn: [{ label: "~=~ BlueJeans meeting :", number: "join details ~=~", tollFree: false }],
      }),
    );
    const lines = text.split("\n").map((line) => line.trim());
    expect(lines.filter((line) => line === JOIN_BLOCK_START_MARKER)).toHaveLength(1);
    expect(text).toContain("~ =~ BlueJeans meeting :: join details ~ =~");
  });

  it("offers the numbers page when there are no dial-in numbers", () => {
    const text = renderJoinBlockText(adasMeeting({ dialIn: [] }));
    expect(text).toContain("   1) Find a number near you: https://bluejeans.com/numbers\n");
    expect(text).not.toContain("One-touch");
  });

  it("marks toll-free numbers whose label does not say so", () => {
    const text = renderJoinBlockText(
      adasMeeting({ dialIn: [{ label: "UK", number: "+44.800.123.4567", tollFree: true }] }),
    );
    expect(text).toContain("      UK (toll free): +44.800.123.4567\n");
    expect(text).toContain("      One-touch: tel:+448001234567,,,123456789#,,,4321#\n");
  });
});

describe("oneTouchUri", () => {
  it("dials the number, pauses, enters the meeting ID and #", () => {
    expect(oneTouchUri("+1.408.740.7256", "123456789")).toBe("tel:+14087407256,,,123456789#");
  });

  it("adds the passcode after another pause", () => {
    expect(oneTouchUri("+1.408.740.7256", "123456789", "4321")).toBe("tel:+14087407256,,,123456789#,,,4321#");
  });

  it("keeps national numbers without a plus", () => {
    expect(oneTouchUri("(020) 3608 5207", "1")).toBe("tel:02036085207,,,1#");
  });

  it("refuses IDs, passcodes or numbers that are not digits", () => {
    expect(oneTouchUri("+1.408.740.7256", "123;DROP")).toBeUndefined();
    expect(oneTouchUri("+1.408.740.7256", "123", "12a")).toBeUndefined();
    expect(oneTouchUri("call us", "123")).toBeUndefined();
  });
});

describe("isSafeHref", () => {
  it.each([
    ["https://bluejeans.com/123?src=calendarLink", true],
    ["HTTP://bluejeans.com", true],
    ["tel:+14087407256,,,123#,,,4321#", true],
    ["tel:+1408;ext=1", false],
    ["javascript:alert(1)", false],
    ["vbscript:msgbox", false],
    ["https://", false],
    ["https://a\u0001b", false],
    [" https://bluejeans.com", false],
  ])("%j -> %s", (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});

describe("renderJoinBlockHtml", () => {
  const html = renderJoinBlockHtml(adasMeeting());

  it("is one wrapper div with an inline bottom margin, no <style> and no classes", () => {
    const doc = parseHtml(html);
    expect(doc.root.children).toHaveLength(1);
    expect(html.startsWith('<div id="bluejeans-join-block" style="margin:0 0 24px 0;')).toBe(true);
    expect(html.endsWith("</div>")).toBe(true);
    expect(html).not.toMatch(/<style|class=/i);
  });

  it("shows both markers as their own lines, first and last", () => {
    expect(html).toContain(
      `<div style="color:#616161;font-size:11px">${JOIN_BLOCK_START_MARKER}</div><div><br></div>`,
    );
    expect(html).toMatch(new RegExp(`<div[^>]*>${escapeRegExp(JOIN_BLOCK_END_MARKER)}</div></div>$`));
  });

  it("holds the same lines as the text rendering, in the same order", () => {
    const visible = html
      .replace(/<div><br><\/div>/g, "\n")
      .replace(/<\/div>/g, "\n")
      .replace(/<[^>]*>/g, "")
      .split("\n")
      .filter((line) => line !== "");
    const textLines = ADA_TEXT.split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    expect(visible).toEqual(textLines);
  });

  it("links the join, numbers and test URLs and the one-touch numbers", () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([
      "https://bluejeans.com/123456789/4321?src=calendarLink",
      "tel:+14087407256,,,123456789#,,,4321#",
      "tel:+18882402560,,,123456789#,,,4321#",
      "https://bluejeans.com/numbers",
      "https://bluejeans.com/111",
    ]);
  });

  it("escapes ampersands in link URLs", () => {
    const withQuery = renderJoinBlockHtml(adasMeeting({ joinUrl: "https://bluejeans.com/1?a=1&b=2" }));
    expect(withQuery).toContain(
      '<a href="https://bluejeans.com/1?a=1&amp;b=2">https://bluejeans.com/1?a=1&amp;b=2</a>',
    );
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://bluejeans.com/1" onmouseover="alert(1)',
    "https:// bluejeans.com",
    "//bluejeans.com/1",
  ])("shows %s as text, never as a link", (joinUrl) => {
    const rendered = renderJoinBlockHtml(adasMeeting({ joinUrl }));
    expect(rendered.match(/href=/g)).toHaveLength(4);
    expect(rendered).toContain(`<div>${escapeHtml(joinUrl)}</div>`);
    expect(tagsOf(rendered)).toHaveLength(tagsOf(html).length - 2);
  });

  it.each([
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    "</div><div id=bluejeans-join-block>",
    "&lt;b&gt; & <!-- -->",
  ])("escapes the organiser name %s so it adds no markup", (organizerName) => {
    const hostile = renderJoinBlockHtml(adasMeeting({ organizerName }));
    expect(tagsOf(hostile)).toEqual(tagsOf(html));
    expect(tagStructure(hostile)).toEqual(tagStructure(html));
    expect(hostile).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
  });
});

describe("joinBlockForPrepend", () => {
  it("prepends the HTML block as it is", () => {
    expect(joinBlockForPrepend(adasMeeting(), "html")).toBe(renderJoinBlockHtml(adasMeeting()));
  });

  it("ends the text block with a blank line before the user's text", () => {
    expect(joinBlockForPrepend(adasMeeting(), "text")).toBe(`${ADA_TEXT}\n\n`);
    expect(joinBlockForPrepend(adasMeeting(), "text", "\r\n")).toBe(
      `${ADA_TEXT.replace(/\n/g, "\r\n")}\r\n\r\n`,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("bidirectional controls in names and labels", () => {
  /** U+202A-U+202E (embeddings, overrides) and U+2066-U+2069 (isolates). */
  const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
  const ANY_BIDI = /[\u202a-\u202e\u2066-\u2069]/u;

  it.each(BIDI.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    "%s is taken out of the organiser's name in HTML and text",
    (_name, control) => {
      const meeting = adasMeeting({ organizerName: `Ada ${control}ecalevoL${control} Lovelace` });
      for (const rendered of [renderJoinBlockHtml(meeting), renderJoinBlockText(meeting)]) {
        expect(rendered).not.toMatch(ANY_BIDI);
        expect(rendered).toContain("Ada ecalevoL Lovelace has invited you to a BlueJeans meeting.");
      }
    },
  );

  it("a right-to-left override cannot turn the text after a name around", () => {
    // "Mallory\u202E" would make "has invited you ..." display reversed in a bidi-aware viewer.
    const meeting = adasMeeting({
      organizerName: "Mallory\u202e",
      dialIn: [{ label: "\u2067US\u2069 \u202dx", number: "+1.408.740.7256", tollFree: false }],
    });
    const text = renderJoinBlockText(meeting);
    expect(text).toContain("Mallory has invited you");
    expect(text).toContain("      US x: +1.408.740.7256");
    expect(text).not.toMatch(ANY_BIDI);
    expect(renderJoinBlockHtml(meeting)).not.toMatch(ANY_BIDI);
  });

  it("a link with a bidirectional control is not a link, and is shown without it", () => {
    expect(isSafeHref("https://bluejeans.com/1\u202e23")).toBe(false);
    expect(isSafeHref("https://blue\u2066jeans.com/123")).toBe(false);
    const html = renderJoinBlockHtml(adasMeeting({ testUrl: "https://bluejeans.com/\u202e111" }));
    expect(html).not.toContain('href="https://bluejeans.com/\u202e111"');
    expect(html).toContain("<div>https://bluejeans.com/111</div>");
  });

  it("no name, label or link can bring one into the block", () => {
    const withBidi = fc
      .array(fc.oneof(fc.constantFrom(...BIDI), fc.string({ maxLength: 3 })), { maxLength: 8 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(withBidi, withBidi, withBidi, (organizerName, label, url) => {
        const meeting = adasMeeting({
          organizerName,
          dialIn: [{ label, number: "+1 408 740 7256", tollFree: false }],
          moreNumbersUrl: `https://bluejeans.com/${url}`,
        });
        expect(renderJoinBlockText(meeting)).not.toMatch(ANY_BIDI);
        expect(renderJoinBlockHtml(meeting)).not.toMatch(ANY_BIDI);
      }),
    );
  });
});
