/**
 * Where join blocks sit in an HTML body. A block is found by its START and END marker lines;
 * its range is the smallest run of sibling nodes holding both, widened to our wrapper element
 * only when that wrapper holds nothing else the user could have written.
 */

import { decodeEntities } from "./htmlTokens";
import {
  attributeValue,
  parseHtml,
  walkNodes,
  type HtmlDocument,
  type HtmlElementNode,
  type HtmlLeafNode,
  type HtmlNode,
} from "./htmlTree";
import { JOIN_BLOCK_END_MARKER, JOIN_BLOCK_START_MARKER, JOIN_BLOCK_WRAPPER_ID } from "./joinBlock";
import { isMarkerLine, normalizeVisibleText } from "./markers";
import { lineText, visibleLines, type VisibleLine } from "./visibleText";

interface Range {
  start: number;
  end: number;
}

interface SiblingRun extends Range {
  /** The element whose children make up the run. */
  parent: HtmlElementNode;
}

interface MarkerPair {
  startNode: HtmlLeafNode;
  endNode: HtmlLeafNode;
}

/** Content a user may have added that is not text. */
const CONTENT_ELEMENTS: ReadonlySet<string> = new Set([
  "img",
  "picture",
  "svg",
  "video",
  "audio",
  "iframe",
  "object",
  "embed",
  "canvas",
  "input",
  "textarea",
  "select",
  "button",
]);

export function findHtmlJoinBlocks(source: string): Range[] {
  const doc = parseHtml(source);
  const runs = markerPairs(visibleLines(doc)).map(siblingRun);
  const blocks = runs.map((run) => widenToWrapper(run, runs, doc));
  const orphanWrappers = wrappersOutside(doc, blocks);
  return mergeOverlapping([...blocks, ...orphanWrappers]);
}

/** The visible lines of an HTML body, and the source range that holds a run of them. */
export interface HtmlLines {
  lines: Array<{
    /** The line's visible text, entities decoded. */
    text: string;
    /** Links the line's text sits in, decoded. */
    hrefs: string[];
  }>;
  /** The smallest run of sibling nodes holding lines `first` to `last` (indexes into `lines`). */
  runBetween(first: number, last: number): Range | undefined;
}

/** Lines as a reader sees them, for finding other blocks than ours (another provider's). */
export function htmlLines(source: string): HtmlLines {
  const visible = visibleLines(parseHtml(source));
  const lines = visible.map((visibleLine) => ({
    text: lineText(visibleLine),
    hrefs: [...new Set(visibleLine.segments.flatMap((segment) => linksAround(segment.node)))],
  }));
  const runBetween = (first: number, last: number): Range | undefined => {
    const startNode = visible[first] && firstVisibleNode(visible[first]);
    const endNode = visible[last] && lastVisibleNode(visible[last]);
    if (!startNode || !endNode) return undefined;
    const { start, end } = siblingRun({ startNode, endNode });
    return { start, end };
  };
  return { lines, runBetween };
}

function linksAround(node: HtmlNode): string[] {
  return ancestorsOf(node)
    .filter((element) => element.name === "a")
    .map((element) => decodeEntities(attributeValue(element, "href") ?? ""))
    .filter((href) => href !== "");
}

/** Each END line paired with the closest START line before it; unpaired markers are ignored. */
function markerPairs(lines: VisibleLine[]): MarkerPair[] {
  const pairs: MarkerPair[] = [];
  let open: HtmlLeafNode | undefined;
  for (const visibleLine of lines) {
    const text = lineText(visibleLine);
    if (isMarkerLine(text, JOIN_BLOCK_START_MARKER)) open = firstVisibleNode(visibleLine);
    else if (open && isMarkerLine(text, JOIN_BLOCK_END_MARKER)) {
      const endNode = lastVisibleNode(visibleLine);
      if (endNode) pairs.push({ startNode: open, endNode });
      open = undefined;
    }
  }
  return pairs;
}

function firstVisibleNode(visibleLine: VisibleLine): HtmlLeafNode | undefined {
  return visibleLine.segments.find((segment) => normalizeVisibleText(segment.text) !== "")?.node;
}

function lastVisibleNode(visibleLine: VisibleLine): HtmlLeafNode | undefined {
  const segments = visibleLine.segments.filter((segment) => normalizeVisibleText(segment.text) !== "");
  return segments[segments.length - 1]?.node;
}

/** The children of the two nodes' lowest common ancestor, from the one holding START to the one holding END. */
function siblingRun(pair: MarkerPair): SiblingRun {
  const startAncestors = new Set<HtmlElementNode>(ancestorsOf(pair.startNode));
  const parent =
    ancestorsOf(pair.endNode).find((element) => startAncestors.has(element)) ?? pair.endNode.parent;
  const first = childOnPath(pair.startNode, parent);
  const last = childOnPath(pair.endNode, parent);
  return { start: first.start, end: last.end, parent };
}

function ancestorsOf(node: HtmlNode): HtmlElementNode[] {
  const ancestors: HtmlElementNode[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) ancestors.push(parent);
  return ancestors;
}

/** The ancestor-or-self of `node` that is a direct child of `parent`. */
function childOnPath(node: HtmlNode, parent: HtmlElementNode): HtmlNode {
  let child: HtmlNode = node;
  while (child.parent && child.parent !== parent) child = child.parent;
  return child;
}

/** Our wrapper, whatever prefix Outlook put on its id or class. */
function isJoinBlockWrapper(element: HtmlElementNode): boolean {
  const id = attributeValue(element, "id") ?? "";
  const className = attributeValue(element, "class") ?? "";
  return `${id} ${className}`.toLowerCase().includes(JOIN_BLOCK_WRAPPER_ID);
}

/** The nearest enclosing wrapper replaces the run when everything else in it is empty; else the run stands. */
function widenToWrapper(run: SiblingRun, allRuns: Range[], doc: HtmlDocument): Range {
  for (let element: HtmlElementNode | undefined = run.parent; element; element = element.parent) {
    if (!isJoinBlockWrapper(element)) continue;
    if (hasContentOutside(element, allRuns, doc.source)) return run;
    return { start: element.start, end: element.end };
  }
  return run;
}

/** True when the element shows text or media outside the given runs (something a user wrote). */
function hasContentOutside(element: HtmlElementNode, runs: Range[], source: string): boolean {
  for (const node of walkNodes(element)) {
    if (runs.some((run) => contains(run, node))) continue;
    if (node.type === "element" && CONTENT_ELEMENTS.has(node.name)) return true;
    if (
      node.type === "text" &&
      normalizeVisibleText(decodeEntities(source.slice(node.start, node.end))) !== ""
    ) {
      return true;
    }
  }
  return false;
}

/** Wrappers whose markers were edited away: the whole element, when it has its own end tag. */
function wrappersOutside(doc: HtmlDocument, blocks: Range[]): Range[] {
  const taken: Range[] = [...blocks];
  const wrappers: Range[] = [];
  for (const node of walkNodes(doc.root)) {
    if (node.type !== "element" || !node.closedExplicitly || !isJoinBlockWrapper(node)) continue;
    if (taken.some((range) => overlaps(range, node))) continue;
    const range = { start: node.start, end: node.end };
    taken.push(range);
    wrappers.push(range);
  }
  return wrappers;
}

function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorted, with nested or overlapping ranges joined, so edits never collide. */
function mergeOverlapping(ranges: Range[]): Range[] {
  const merged: Range[] = [];
  for (const range of [...ranges].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
