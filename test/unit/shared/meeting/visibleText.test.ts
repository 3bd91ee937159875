import { BLOCK_ELEMENTS, TABLE_PARTS, parseHtml } from "../../../../src/shared/meeting/htmlTree";
import { lineText, visibleLines } from "../../../../src/shared/meeting/visibleText";

const lines = (html: string): string[] => visibleLines(parseHtml(html)).map(lineText);

describe("visible lines and the block elements", () => {
  test.each([...BLOCK_ELEMENTS, ...TABLE_PARTS].map((name) => [name]))(
    "<%s> starts a new line where it opens and where it closes",
    (name) => {
      // <hr> has no content; <plaintext> takes the rest of the document as raw text.
      const html =
        name === "hr"
          ? "before<hr>after"
          : name === "plaintext"
            ? "before<plaintext>x</plaintext>"
            : `<div>before<${name}>${name === "table" ? "<tr><td>x</td></tr>" : "x"}</${name}>after</div>`;
      const found = lines(html);
      expect(found[0]).toBe("before");
      if (name !== "plaintext") expect(found[found.length - 1]).toBe("after");
      else expect(found).toEqual(["before"]);
    },
  );

  test("the block elements are the ones that close an open <p>", () => {
    for (const name of BLOCK_ELEMENTS) {
      const doc = parseHtml(`<p>one<${name}>two</${name}>`);
      const paragraph = doc.root.children.find((node) => node.type === "element" && node.name === "p");
      expect(paragraph?.type === "element" && paragraph.children.map((c) => c.type)).toEqual(["text"]);
    }
  });

  test("inline elements stay on the line", () => {
    expect(lines("<p>one <b>two</b> <span>three</span></p>")).toEqual(["one two three"]);
  });
});
