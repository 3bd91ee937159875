/** @jest-environment jsdom */
import {
  canonicalHtml,
  htmlToText,
  normalizeWrittenHtml,
  textToHtml,
  wrapOwaDocument,
} from "../../../../dev/workbench/owaHtml";

describe("normalizeWrittenHtml (what OWA stores for HTML an add-in writes)", () => {
  it("prefixes every id and class with x_", () => {
    const out = normalizeWrittenHtml('<div id="bj-block" class="bj a"><span class="join">Join</span></div>');
    expect(out).toBe('<div id="x_bj-block" class="x_bj x_a"><span class="x_join">Join</span></div>');
  });

  it("does not prefix twice", () => {
    const once = normalizeWrittenHtml('<div id="block" class="c">x</div>');
    expect(normalizeWrittenHtml(once)).toBe(once);
  });

  it("escapes bare & in attribute values and text", () => {
    const out = normalizeWrittenHtml('<a href="https://bluejeans.com/123?src=a&pwd=9">A & B</a>');
    expect(out).toBe('<a href="https://bluejeans.com/123?src=a&amp;pwd=9">A &amp; B</a>');
  });

  it("drops scripts, styles, event handlers and javascript: links", () => {
    const out = normalizeWrittenHtml(
      '<style>p{}</style><p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">l</a>',
    );
    expect(out).toBe("<p>Hi</p><a>l</a>");
  });

  it("unwraps a whole document as OWA returned it", () => {
    const content = '<div id="x_m">Meeting</div><div>Agenda</div>';
    expect(normalizeWrittenHtml(wrapOwaDocument(content))).toBe(content);
  });

  it("keeps a document body with more than the wrapper as it is", () => {
    const doc = `<html><head></head><body><div id="x_b">Block</div>${'<div class="elementToProof">Old</div>'}</body></html>`;
    expect(normalizeWrittenHtml(doc)).toBe(
      '<div id="x_b">Block</div><div class="x_elementToProof">Old</div>',
    );
  });
});

describe("wrapOwaDocument", () => {
  it("answers a full document around the content", () => {
    const doc = wrapOwaDocument("<p>Hi</p>");
    expect(doc.startsWith("<html><head>")).toBe(true);
    expect(doc).toContain('<body dir="ltr">');
    expect(doc).toContain('<div class="elementToProof"');
    expect(doc).toContain("<p>Hi</p></div>");
    expect(doc.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("is stable across read → write → read cycles", () => {
    let content = canonicalHtml("<div>Hello <b>there</b></div><div><br></div><div>Bye</div>");
    const first = wrapOwaDocument(content);
    for (let i = 0; i < 5; i++) {
      content = normalizeWrittenHtml(wrapOwaDocument(content));
      expect(wrapOwaDocument(content)).toBe(first);
    }
  });

  it("is stable when an add-in prepends a block to what it read and writes it back", () => {
    const read = wrapOwaDocument("<div>User text</div>");
    const written = read.replace(
      '<body dir="ltr">',
      '<body dir="ltr"><div id="bj">Join: https://x?a=1&b=2</div>',
    );
    const stored = normalizeWrittenHtml(written);
    const again = normalizeWrittenHtml(wrapOwaDocument(stored));
    expect(again).toBe(stored);
    expect(stored).toContain('id="x_bj"');
    expect(stored).toContain("https://x?a=1&amp;b=2");
    expect(stored).toContain("User text");
  });
});

describe("htmlToText (body.getAsync(text) of an HTML body)", () => {
  it("turns block elements and <br> into line breaks and decodes entities", () => {
    expect(htmlToText("<div>a &amp; b</div><p>c&lt;d&gt;</p>x<br>y")).toBe("a & b\nc<d>\nx\ny");
  });

  it("keeps empty lines written as <div><br></div>", () => {
    expect(htmlToText("<div>a</div><div><br></div><div>b</div>")).toBe("a\n\nb");
  });

  it("ignores a trailing <br> at the end of a block", () => {
    expect(htmlToText("<div>a<br></div><div>b</div>")).toBe("a\nb");
  });

  it("collapses white space, skips hidden content and reads whole documents", () => {
    const doc = wrapOwaDocument('<div>  many   spaces\n here </div><div style="display:none">hidden</div>');
    expect(htmlToText(doc)).toBe("many spaces here");
  });

  it("turns &nbsp; into a space and separates table cells with tabs", () => {
    expect(htmlToText("<table><tr><td>ID:</td><td>123&nbsp;456</td></tr></table>")).toBe("ID:\t123 456");
  });

  it("round-trips plain text through textToHtml", () => {
    for (const text of ["a\n\nb", "one line", "trailing\n", "\nleading", "x < y & z"]) {
      expect(htmlToText(textToHtml(text))).toBe(text);
    }
  });
});
