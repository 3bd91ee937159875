import fc from "fast-check";
import { decodeEntities, tokenizeHtml, type HtmlToken } from "../../../../src/shared/meeting/htmlTokens";
import { parseHtml, walkNodes, type HtmlElementNode } from "../../../../src/shared/meeting/htmlTree";
import { readFixture } from "./meetingFixtures";

function kinds(source: string): string[] {
  return tokenizeHtml(source).map((token) => `${token.kind}:${source.slice(token.start, token.end)}`);
}

function startTag(source: string): Extract<HtmlToken, { kind: "startTag" }> {
  const token = tokenizeHtml(source).find((t) => t.kind === "startTag");
  if (!token || token.kind !== "startTag") throw new Error("no start tag");
  return token;
}

/** Element names as a nested outline, to compare tree shapes at a glance. */
function outline(element: HtmlElementNode): string {
  return element.children
    .map((child) => (child.type === "element" ? `${child.name}(${outline(child)})` : child.type[0]))
    .join(" ");
}

describe("tokenizeHtml", () => {
  it("keeps `>` inside quoted attribute values", () => {
    const source = `<a title="a>b" href='x>y' data-x=1>t</a>`;
    expect(kinds(source)).toEqual([`startTag:<a title="a>b" href='x>y' data-x=1>`, "text:t", "endTag:</a>"]);
    expect(startTag(source).attrs).toEqual([
      { name: "title", value: "a>b" },
      { name: "href", value: "x>y" },
      { name: "data-x", value: "1" },
    ]);
  });

  it("reads Word's unquoted attributes and attributes split over lines", () => {
    const tag = startTag("<p class=MsoNormal style='margin-left:18.0pt'\nalign=center>");
    expect(tag.name).toBe("p");
    expect(tag.attrs).toEqual([
      { name: "class", value: "MsoNormal" },
      { name: "style", value: "margin-left:18.0pt" },
      { name: "align", value: "center" },
    ]);
  });

  it("treats a Word conditional comment as one comment, markup inside and all", () => {
    const source = `<!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n</xml><![endif]-->x`;
    expect(kinds(source)).toEqual([`comment:${source.slice(0, -1)}`, "text:x"]);
  });

  it("reads downlevel-revealed conditionals as empty comments around normal markup", () => {
    expect(kinds("<![if !supportLists]><span>1.</span><![endif]>")).toEqual([
      "comment:<![if !supportLists]>",
      "startTag:<span>",
      "text:1.",
      "endTag:</span>",
      "comment:<![endif]>",
    ]);
  });

  it("reads doctype, processing instructions, empty and unterminated comments", () => {
    expect(
      kinds('<!DOCTYPE html><?xml:namespace prefix = o ns = "urn:x" /><!--><!---><!-- a -- b --!>z<!-- open'),
    ).toEqual([
      "doctype:<!DOCTYPE html>",
      'comment:<?xml:namespace prefix = o ns = "urn:x" />',
      "comment:<!-->",
      "comment:<!--->",
      "comment:<!-- a -- b --!>",
      "text:z",
      "comment:<!-- open",
    ]);
  });

  it("reads namespaced Word tags", () => {
    expect(kinds('<o:p></o:p><v:shape id="x"/>')).toEqual([
      "startTag:<o:p>",
      "endTag:</o:p>",
      'startTag:<v:shape id="x"/>',
    ]);
    expect(startTag('<v:shape id="x"/>').selfClosing).toBe(true);
    // As in browsers, an unquoted value takes the slash: "x/" and not self-closing.
    expect(startTag("<v:shape id=x/>")).toMatchObject({
      selfClosing: false,
      attrs: [{ name: "id", value: "x/" }],
    });
  });

  it("keeps style and script content as raw text up to the real end tag", () => {
    const source = `<style><!-- p > a { content: "</p>" } --></STYLE ><script>if (a<b && c>d) {}</script>`;
    expect(kinds(source)).toEqual([
      "startTag:<style>",
      `rawtext:<!-- p > a { content: "</p>" } -->`,
      "endTag:</STYLE >",
      "startTag:<script>",
      "rawtext:if (a<b && c>d) {}",
      "endTag:</script>",
    ]);
  });

  it("keeps a `<` that starts no tag as text", () => {
    expect(kinds("a < b <3 </>c </ d</>e")).toEqual([
      "text:a < b <3 ",
      "comment:</>",
      "text:c ",
      "comment:</ d</>",
      "text:e",
    ]);
  });

  it("does not invent a tag from one cut off at the end", () => {
    expect(kinds('x<a href="y')).toEqual(["text:x", 'comment:<a href="y']);
  });

  it("covers every character of any input exactly once, in order", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("<", ">", "/", "!", "-", "'", '"', "=", "a", "p", " ", "\n", "&", "?"),
        }),
        (source) => {
          let at = 0;
          for (const token of tokenizeHtml(source)) {
            expect(token.start).toBe(at);
            expect(token.end).toBeGreaterThan(token.start);
            at = token.end;
          }
          expect(at).toBe(source.length);
        },
      ),
    );
  });
});

describe("parseHtml", () => {
  it("ends an unclosed <p> where the next block starts", () => {
    expect(outline(parseHtml("<p>a<p>b<div>c</div><p>d<span>e</div>").root)).toBe(
      "p(t) p(t) div(t) p(t span(t))",
    );
  });

  it("does not nest void elements", () => {
    expect(outline(parseHtml("<div>a<br>b<img src=x>c<hr></div>").root)).toBe("div(t br() t img() t hr())");
  });

  it("ends list items and table cells at their next sibling", () => {
    expect(outline(parseHtml("<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>").root)).toBe(
      "ul(li(t) li(t)) table(tr(td(t) td(t)) tr(td(t)))",
    );
  });

  it("lets </tr> and </table> end open cells", () => {
    expect(outline(parseHtml("<table><tr><td>1</tr><tr><td>2</table><p>x").root)).toBe(
      "table(tr(td(t)) tr(td(t))) p(t)",
    );
  });

  it("keeps a stray </div> inside a cell from closing a div outside the table", () => {
    expect(outline(parseHtml("<div><table><td>1</div>2</table>3</div>").root)).toBe("div(table(td(t t)) t)");
  });

  it("ignores an end tag with nothing open to close", () => {
    expect(outline(parseHtml("</div><p>a</span></p>").root)).toBe("p(t)");
  });

  it("records where implicitly closed elements end", () => {
    const doc = parseHtml("<p>one\n<p>two");
    const [first, second] = doc.root.children;
    expect(first).toMatchObject({ start: 0, end: 7, closedExplicitly: false });
    expect(second).toMatchObject({ start: 7, end: 13, closedExplicitly: false });
  });

  it("survives very deep nesting", () => {
    const source = "<span>".repeat(20000) + "x";
    expect([...walkNodes(parseHtml(source).root)]).toHaveLength(20001);
  });

  it("parses the Outlook fixtures into one tree with ranges inside their parents", () => {
    for (const name of ["outlook-windows-resaved-block.html", "owa-block.html"]) {
      const doc = parseHtml(readFixture(name));
      for (const node of walkNodes(doc.root)) {
        expect(node.start).toBeGreaterThanOrEqual(node.parent?.start ?? 0);
        expect(node.end).toBeLessThanOrEqual(node.parent?.end ?? Infinity);
      }
    }
  });
});

describe("decodeEntities", () => {
  it("decodes named, decimal and hex references", () => {
    expect(decodeEntities("a&nbsp;b&#160;c&#xA0;d&amp;e&lt;&gt;&quot;&apos;&#8217;&colon;")).toBe(
      "a\u00a0b\u00a0c\u00a0d&e<>\"'\u2019:",
    );
  });

  it("decodes the legacy forms browsers accept without a semicolon", () => {
    expect(decodeEntities("a&nbspb &amp c&ampx")).toBe("a\u00a0b & c&x");
  });

  it("leaves unknown or broken references as written", () => {
    expect(decodeEntities("&bogus; & &#; &#xZZ;")).toBe("&bogus; & &#; &#xZZ;");
  });

  it("decodes what markers, links and empty lines depend on; typographic names stay as written", () => {
    expect(decodeEntities("~&equals;~ x &colon;&colon; y&sol;z&period;&ensp;&zwnj;&shy;")).toBe(
      "~=~ x :: y/z.\u2002\u200c\u00ad",
    );
    expect(decodeEntities("&copy; &mdash; &hellip;")).toBe("&copy; &mdash; &hellip;");
  });
});
