/**
 * Property tests: for bodies Outlook could hand us (generated from a grammar of realistic markup,
 * plus the fixtures) and any text, our edits touch our block and nothing else.
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
import fc from "fast-check";
import {
  JOIN_BLOCK_END_MARKER as END,
  JOIN_BLOCK_START_MARKER as START,
  escapeHtml,
  findJoinBlocks,
  joinBlockForPrepend,
  removeJoinBlocks,
  renderJoinBlockHtml,
  renderJoinBlockText,
  replaceJoinBlock,
  type BlueJeansMeeting,
  type LineEnding,
} from "../../../../src/shared/meeting";
import { tokenizeHtml } from "../../../../src/shared/meeting/htmlTokens";
import { normalizeVisibleText } from "../../../../src/shared/meeting/markers";
import { adasMeeting, gracesMeeting, readFixture } from "./meetingFixtures";

const RUNS = { numRuns: 300 };

// ---------- realistic HTML ----------

const textPiece = fc.constantFrom(
  "Agenda",
  "Q3 plan",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\t",
  "&nbsp;",
  "&amp;",
  "&lt;b&gt;",
  "&#8217;",
  "&#xA0;",
  "&copy",
  "&bogus;",
  " & ",
  " < ",
  " > ",
  "'",
  '"',
  "é",
  "会議",
  "🎉",
  "\u00a0",
  "\u200b",
  "~=~",
  "BlueJeans meeting",
  "::",
);
const htmlText = fc.array(textPiece, { maxLength: 8 }).map((pieces) => pieces.join(""));

const attribute = fc.constantFrom(
  " class=MsoNormal",
  ' class="elementToProof"',
  " class=x_elementToProof",
  ` style='font-size:10.5pt;font-family:"Segoe UI",sans-serif;\ncolor:#242424'`,
  ' style="margin: 0px 0px 24px; font-family: &quot;Segoe UI&quot;, Helvetica;"',
  ' title="a > b"',
  " data-x='1>2'",
  ' id="LPlnk902114"',
  " lang=EN-US",
  ' href="https://contoso.sharepoint.com/Q3.docx?d=w1&amp;web=1"',
  ' dir="ltr"',
  " hidden",
  ' id="bluejeans-join"',
  ' class="bluejeans_join_block"',
);

const leaf = fc.constantFrom(
  "<br>",
  "<br/>",
  '<img src="cid:image001.png@01DA" width=120 height=40>',
  "<hr>",
  "<o:p></o:p>",
  "<o:p>&nbsp;</o:p>",
  "<!-- comment with <p> and > inside -->",
  '<!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n</xml><![endif]-->',
  "<![if !supportLists]>",
  "<![endif]>",
  "<style><!-- p.MsoNormal {margin:0cm;} a > b {color:red} --></style>",
  '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>',
  "<script>if (a<b && c>d) { x('</p>'); }</script>",
  '<meta name=Generator content="Microsoft Word 15 (filtered medium)">',
  "<!DOCTYPE html>",
  "</span>",
  "</div>",
  "</p>",
);

interface ElementShape {
  name: string;
  /** Elements a browser closes by itself may be left open, as Word and hand-written HTML do. */
  mayOmitEnd: boolean;
}

const elementShape = fc.constantFrom<ElementShape>(
  { name: "p", mayOmitEnd: true },
  { name: "div", mayOmitEnd: false },
  { name: "span", mayOmitEnd: false },
  { name: "b", mayOmitEnd: false },
  { name: "font", mayOmitEnd: false },
  { name: "a", mayOmitEnd: false },
  { name: "o:p", mayOmitEnd: false },
  { name: "blockquote", mayOmitEnd: false },
  { name: "h3", mayOmitEnd: false },
  { name: "li", mayOmitEnd: true },
  { name: "td", mayOmitEnd: false },
);

const { node: htmlNode } = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: "small" }, htmlText, leaf, tie("element")),
  element: fc
    .record({
      shape: elementShape,
      attrs: fc.array(attribute, { maxLength: 3 }),
      children: fc.array(tie("node"), { maxLength: 4 }),
      omitEnd: fc.boolean(),
    })
    .map(({ shape, attrs, children, omitEnd }) => {
      const end = shape.mayOmitEnd && omitEnd ? "" : `</${shape.name}>`;
      return `<${shape.name}${attrs.join("")}>${children.join("")}${end}`;
    }),
}));

const htmlNodes = fc.array(htmlNode, { maxLength: 6 }).map((nodes) => nodes.join(""));

const OWA_HEAD =
  '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n';
const WORD_HEAD =
  '<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n<meta name=Generator content="Microsoft Word 15 (filtered medium)">\n<style><!--\np.MsoNormal\n\t{margin:0cm;}\n--></style>\n</head>\n<body lang=EN-US style=\'word-wrap:break-word\'>\n<div class=WordSection1>\n';

/** A body split where a block could sit: [before, after], each a run of whole nodes. */
const htmlBodyParts: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(htmlNodes, htmlNodes),
  fc
    .tuple(fc.constantFrom(OWA_HEAD, WORD_HEAD), htmlNodes, htmlNodes)
    .map(([head, before, after]): [string, string] => [head + before, `${after}</div>\n</body>\n</html>\n`]),
  fc.constantFrom<[string, string]>(...fixtureSplits()),
);

/** Fixture bodies split at node boundaries (before the first paragraph, before a later one, at the end). */
function fixtureSplits(): Array<[string, string]> {
  const splits: Array<[string, string]> = [];
  const anchors: Array<[string, string[]]> = [
    [
      "outlook-windows-new.html",
      ["<div class=WordSection1>\n", "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n", "</div>\n</body>"],
    ],
    ["owa-new.html", ['<body dir="ltr">\n', '<div id="Signature">', "</body>"]],
  ];
  for (const [name, marks] of anchors) {
    const body = readFixture(name);
    for (const mark of marks) {
      const at =
        body.indexOf(mark) +
        (mark.startsWith("<") && !mark.startsWith("</") && mark.endsWith("\n") ? mark.length : 0);
      splits.push([body.slice(0, at), body.slice(at)]);
    }
  }
  return splits;
}

const htmlBody = fc.oneof(
  htmlBodyParts.map(([before, after]) => before + after),
  fc.string(),
  fc.string({
    unit: fc.constantFrom("<", ">", "/", "!", "-", "'", '"', "=", "p", "div", " ", "\n", "&", ";", "~"),
  }),
);

// ---------- text ----------

const lineEnding = fc.constantFrom("\n", "\r\n", "\r");
const textLine = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.string());
const textBody = fc
  .array(fc.tuple(textLine, lineEnding), { maxLength: 8 })
  .chain((lines) => textLine.map((last) => lines.map(([text, eol]) => text + eol).join("") + last));

// ---------- look-alikes ----------

/** A marker changed by one character, or with text around it: resembling, never equal. */
const lookAlike = fc
  .tuple(
    fc.constantFrom(START, END),
    fc.nat(),
    fc.constantFrom("insert", "delete", "replace", "prefix", "suffix", "case"),
    fc.constantFrom("x", "~", "=", ":", "-", "é", "Re: ", "(copy)", "0"),
  )
  .map(([marker, index, op, extra]) => {
    const at = index % marker.length;
    switch (op) {
      case "insert":
        return marker.slice(0, at) + extra + marker.slice(at);
      case "delete":
        return marker.slice(0, at) + marker.slice(at + 1);
      case "replace":
        return marker.slice(0, at) + (marker[at] === extra ? "#" : extra) + marker.slice(at + 1);
      case "prefix":
        return `${extra}${marker}`;
      case "suffix":
        return `${marker}${extra}`;
      default:
        return marker.toLowerCase();
    }
  })
  .filter((text) => normalizeVisibleText(text) !== START && normalizeVisibleText(text) !== END);

/** The look-alike as HTML, as one run of text or split across spans the way Word splits runs. */
const lookAlikeHtml = fc.tuple(lookAlike, fc.nat(), fc.constantFrom("p", "div")).map(([text, index, tag]) => {
  const at = index % (text.length + 1);
  return `<${tag}><span>${escapeHtml(text.slice(0, at))}</span><span>${escapeHtml(text.slice(at))}</span></${tag}>`;
});

const oneMarker = fc.option(fc.constantFrom(START, END), { nil: undefined });

// ---------- meetings ----------

const anyMeeting: fc.Arbitrary<BlueJeansMeeting> = fc
  .record({
    organizerName: fc.option(fc.oneof(fc.string(), fc.string({ unit: "binary" }), lookAlike), {
      nil: undefined,
    }),
    numericMeetingId: fc.oneof(fc.stringMatching(/^[0-9]{1,12}$/), fc.string()),
    attendeePasscode: fc.option(fc.oneof(fc.stringMatching(/^[0-9]{1,6}$/), fc.string()), { nil: undefined }),
    joinUrl: fc.oneof(fc.webUrl(), fc.string()),
    testUrl: fc.oneof(fc.webUrl(), fc.string()),
    moreNumbersUrl: fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string()),
    dialIn: fc.array(
      fc.record({ number: fc.string(), label: fc.oneof(fc.string(), lookAlike), tollFree: fc.boolean() }),
      {
        maxLength: 3,
      },
    ),
    roomSystem: fc.record({ host: fc.string(), ip: fc.string(), sipDomain: fc.string() }),
  })
  .map((fields) => ({ ...adasMeeting(), ...fields }));

function hasNoMarkers(body: string, type: "html" | "text"): boolean {
  return findJoinBlocks(body, type).length === 0 && !body.includes("bluejeans-join-block");
}

// ---------- properties ----------

describe("HTML bodies", () => {
  it("removing what was prepended gives the body back exactly", () => {
    fc.assert(
      fc.property(anyMeeting, htmlBody, (meeting, body) => {
        fc.pre(hasNoMarkers(body, "html"));
        expect(removeJoinBlocks(joinBlockForPrepend(meeting, "html") + body, "html")).toEqual({
          body,
          removed: 1,
        });
      }),
      RUNS,
    );
  });

  it("a block anywhere between nodes is replaced in place, the rest kept byte for byte", () => {
    fc.assert(
      fc.property(htmlBodyParts, anyMeeting, ([before, after], meeting) => {
        fc.pre(hasNoMarkers(before + after, "html"));
        const body = before + renderJoinBlockHtml(adasMeeting()) + after;
        const replaced = replaceJoinBlock(body, "html", meeting);
        expect(replaced).toEqual({ body: before + renderJoinBlockHtml(meeting) + after, found: 1 });
        expect(findJoinBlocks(replaced.body, "html")).toHaveLength(1);
        expect(removeJoinBlocks(body, "html")).toEqual({ body: before + after, removed: 1 });
      }),
      RUNS,
    );
  });

  it("duplicates are replaced by one block", () => {
    fc.assert(
      fc.property(
        htmlBodyParts,
        htmlNodes,
        fc.integer({ min: 2, max: 3 }),
        ([before, after], middle, copies) => {
          fc.pre(hasNoMarkers(before + middle + after, "html"));
          const block = renderJoinBlockHtml(adasMeeting());
          const body = before + block + middle + block.repeat(copies - 1) + after;
          const replaced = replaceJoinBlock(body, "html", gracesMeeting());
          expect(replaced).toEqual({
            body: before + renderJoinBlockHtml(gracesMeeting()) + middle + after,
            found: copies,
          });
          expect(findJoinBlocks(replaced.body, "html")).toHaveLength(1);
        },
      ),
      RUNS,
    );
  });

  it("text that resembles the markers is left alone", () => {
    fc.assert(
      fc.property(
        htmlBodyParts,
        fc.array(lookAlikeHtml, { minLength: 1, maxLength: 4 }),
        oneMarker,
        ([before, after], lookAlikes, marker) => {
          // At most one real marker: a START or END alone is no block either.
          const body =
            before + [...lookAlikes, marker === undefined ? "" : `<p>${marker}</p>`].sort().join("") + after;
          fc.pre(!body.includes("bluejeans-join-block"));
          expect(removeJoinBlocks(body, "html")).toEqual({ body, removed: 0 });
        },
      ),
      RUNS,
    );
  });
});

describe("text bodies", () => {
  it("removing what was prepended gives the body back exactly", () => {
    fc.assert(
      fc.property(anyMeeting, textBody, fc.constantFrom<LineEnding>("\n", "\r\n"), (meeting, body, eol) => {
        fc.pre(hasNoMarkers(body, "text"));
        expect(removeJoinBlocks(joinBlockForPrepend(meeting, "text", eol) + body, "text")).toEqual({
          body,
          removed: 1,
        });
      }),
      RUNS,
    );
  });

  it("a block between lines is replaced in place, with the body's own line ending", () => {
    fc.assert(
      fc.property(textBody, textBody, lineEnding, anyMeeting, (before, after, eol, meeting) => {
        const head = before === "" ? "" : before + eol;
        fc.pre(hasNoMarkers(head + after, "text"));
        const block = renderJoinBlockText(adasMeeting(), "\n");
        const body = `${head}${block}\n\n${after}`;
        const replaced = replaceJoinBlock(body, "text", meeting);
        const ending = body.includes("\r\n") ? "\r\n" : "\n";
        expect(replaced).toEqual({
          body: `${head}${renderJoinBlockText(meeting, ending)}\n\n${after}`,
          found: 1,
        });
        expect(findJoinBlocks(replaced.body, "text")).toHaveLength(1);
        expect(removeJoinBlocks(body, "text")).toEqual({ body: head + after, removed: 1 });
      }),
      RUNS,
    );
  });

  it("duplicates are replaced by one block", () => {
    fc.assert(
      fc.property(textBody, fc.integer({ min: 2, max: 3 }), (after, copies) => {
        fc.pre(hasNoMarkers(after, "text"));
        const body = joinBlockForPrepend(adasMeeting(), "text", "\r\n").repeat(copies) + after;
        const replaced = replaceJoinBlock(body, "text", gracesMeeting());
        expect(replaced).toEqual({
          body: `${renderJoinBlockText(gracesMeeting(), "\r\n")}\r\n\r\n${after}`,
          found: copies,
        });
      }),
      RUNS,
    );
  });

  it("text that resembles the markers is left alone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(textLine, lookAlike, lookAlike), { minLength: 1, maxLength: 10 }),
        oneMarker,
        lineEnding,
        (lines, marker, eol) => {
          fc.pre(hasNoMarkers(lines.join(eol), "text"));
          const body = [...lines, ...(marker === undefined ? [] : [marker])].sort().join(eol);
          expect(removeJoinBlocks(body, "text")).toEqual({ body, removed: 0 });
        },
      ),
      RUNS,
    );
  });
});

describe("untrusted values in the rendering", () => {
  const tags = (html: string): string[] => html.match(/<[^>]*>/g) ?? [];
  const structure = (html: string): string[] =>
    tokenizeHtml(html).flatMap((token) =>
      token.kind === "startTag"
        ? [`<${token.name}${token.attrs.map((attr) => ` ${attr.name}`).join("")}>`]
        : token.kind === "endTag"
          ? [`</${token.name}>`]
          : token.kind === "text"
            ? []
            : [token.kind],
    );
  const organizerNames = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({
      unit: fc.constantFrom("<", ">", "&", '"', "'", "/", "=", "script", "img", " ", "on", "\n", ";", "#"),
    }),
  );

  it("no organiser name adds a tag or an attribute", () => {
    fc.assert(
      fc.property(organizerNames, (organizerName) => {
        const hostile = renderJoinBlockHtml(adasMeeting({ organizerName }));
        // Blank names drop the organiser line; compare with the benign rendering of the same shape.
        const hasLine = renderJoinBlockText(adasMeeting({ organizerName })).includes("has invited you");
        const benign = renderJoinBlockHtml(
          adasMeeting({ organizerName: hasLine ? "Ada Lovelace" : undefined }),
        );
        expect(tags(hostile)).toEqual(tags(benign));
        expect(structure(hostile)).toEqual(structure(benign));
      }),
      { numRuns: 1000 },
    );
  });

  it("no meeting data adds a tag, or a link that is not http(s) or tel:", () => {
    fc.assert(
      fc.property(anyMeeting, (meeting) => {
        for (const token of tokenizeHtml(renderJoinBlockHtml(meeting))) {
          if (token.kind !== "startTag" && token.kind !== "endTag") continue;
          expect(["div", "a", "br"]).toContain(token.name);
          if (token.kind === "startTag") {
            for (const attr of token.attrs) expect(["id", "style", "href"]).toContain(attr.name);
            const href = token.attrs.find((attr) => attr.name === "href")?.value;
            if (href !== undefined) expect(href).toMatch(/^(https?:\/\/|tel:\+?[0-9])/i);
          }
        }
      }),
      RUNS,
    );
  });
});
