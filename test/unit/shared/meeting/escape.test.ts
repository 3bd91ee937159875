import { escapeAttr, escapeHtml } from "../../../../src/shared/meeting/escape";

describe("escapeHtml", () => {
  it("escapes the five characters that can start markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("leaves other text, including unicode, alone", () => {
    expect(escapeHtml("Zoë — 会議 🎉 ~=~")).toBe("Zoë — 会議 🎉 ~=~");
  });

  it("escapes an existing entity again, so it shows as typed", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("escapeAttr", () => {
  it("makes a value safe inside double or single quotes", () => {
    expect(escapeAttr(`" onmouseover='x'`)).toBe("&quot; onmouseover=&#39;x&#39;");
  });
});
