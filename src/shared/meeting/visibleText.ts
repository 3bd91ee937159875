/**
 * The text a reader sees in an HTML body, line by line: what marker lines are looked for in
 * (markers.ts says what a marker line is).
 */

import { decodeEntities } from "./htmlTokens";
import {
  BLOCK_ELEMENTS,
  TABLE_PARTS,
  type HtmlDocument,
  type HtmlElementNode,
  type HtmlLeafNode,
} from "./htmlTree";

/**
 * Elements that start a new line where they open and where they close: the block elements, the
 * table parts, and the few others a browser lays out on lines of their own.
 */
const LINE_BREAKING_ELEMENTS: ReadonlySet<string> = new Set([
  ...BLOCK_ELEMENTS,
  ...TABLE_PARTS,
  "html",
  "head",
  "body",
  "br",
  "legend",
  "option",
]);

/** Elements whose text is never shown. */
const HIDDEN_ELEMENTS: ReadonlySet<string> = new Set(["script", "style", "title", "template", "xml"]);

export interface TextSegment {
  node: HtmlLeafNode;
  /** Decoded text of the node. */
  text: string;
}

export interface VisibleLine {
  segments: TextSegment[];
}

export function lineText(visibleLine: VisibleLine): string {
  return visibleLine.segments.map((segment) => segment.text).join("");
}

/** The visible lines of an HTML document, each made of the text nodes that show on it. */
export function visibleLines(doc: HtmlDocument): VisibleLine[] {
  const lines: VisibleLine[] = [];
  let current: TextSegment[] = [];
  const breakLine = (): void => {
    if (current.length > 0) lines.push({ segments: current });
    current = [];
  };
  // An explicit stack instead of recursion: deeply nested (unclosed) tags cannot overflow it.
  const stack: Array<{ element: HtmlElementNode; next: number }> = [{ element: doc.root, next: 0 }];
  for (let frame = stack[0]; frame; frame = stack[stack.length - 1]) {
    const node = frame.element.children[frame.next];
    frame.next += 1;
    if (!node) {
      stack.pop();
      if (LINE_BREAKING_ELEMENTS.has(frame.element.name)) breakLine();
    } else if (node.type === "text") {
      current.push({ node, text: decodeEntities(doc.source.slice(node.start, node.end)) });
    } else if (node.type === "element" && !HIDDEN_ELEMENTS.has(node.name)) {
      if (LINE_BREAKING_ELEMENTS.has(node.name)) breakLine();
      stack.push({ element: node, next: 0 });
    }
  }
  breakLine();
  return lines;
}
