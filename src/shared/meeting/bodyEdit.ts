/**
 * Finding, replacing and removing the join block inside an appointment body, as a string.
 * Blocks are found by their marker lines (visible text), because Outlook rewrites the markup
 * we wrote; every byte outside a block is kept as it was.
 */

import {
  JOIN_BLOCK_END_MARKER,
  JOIN_BLOCK_START_MARKER,
  renderJoinBlockHtml,
  renderJoinBlockText,
  type BodyType,
  type LineEnding,
} from "./joinBlock";
import type { BlueJeansMeeting } from "./model";
import { isMarkerLine } from "./markers";

export type { BodyType, LineEnding } from "./joinBlock";

export interface SourceRange {
  start: number;
  end: number;
}

/** A block's range, plus where its own content ends (text blocks keep their trailing line breaks on replace). */
interface BlockRange extends SourceRange {
  /** Absent where it is the end (HTML blocks). */
  contentEnd?: number;
}

export function findJoinBlocks(body: string, type: BodyType): SourceRange[] {
  return findBlocks(body, type).map(({ start, end }) => ({ start, end }));
}

/** What a join block links to: its join link and the meeting ID in it. */
export interface BlockLink {
  joinUrl: string;
  numericMeetingId: string;
}

/** The join link each join block in a text body shows first (undefined for a block without one). */
export function joinBlockLinks(textBody: string): Array<BlockLink | undefined> {
  return findBlocks(textBody, "text").map(({ start, end }) => {
    const link = /https:\/\/bluejeans\.com\/(\d{4,20})\S*/i.exec(textBody.slice(start, end));
    return link ? { joinUrl: link[0], numericMeetingId: link[1] ?? "" } : undefined;
  });
}

export function containsJoinBlock(body: string, type: BodyType): boolean {
  return findBlocks(body, type).length > 0;
}

/**
 * Replaces the first block with a fresh rendering and removes any duplicates. Text bodies get
 * the body's own line ending (CRLF when it has any); `eol` applies only to bodies without one.
 */
export function replaceJoinBlock(
  body: string,
  type: BodyType,
  meeting: BlueJeansMeeting,
  eol?: LineEnding,
): { body: string; found: number } {
  const blocks = findBlocks(body, type);
  const first = blocks[0];
  if (!first) return { body, found: 0 };
  const fresh =
    type === "html"
      ? renderJoinBlockHtml(meeting)
      : renderJoinBlockText(meeting, detectLineEnding(body) ?? eol ?? "\n");
  const edits = [
    { start: first.start, end: first.contentEnd ?? first.end, insert: fresh },
    ...blocks.slice(1).map(({ start, end }) => ({ start, end, insert: "" })),
  ];
  return { body: applyEdits(body, edits), found: blocks.length };
}

export function removeJoinBlocks(body: string, type: BodyType): { body: string; removed: number } {
  const blocks = findBlocks(body, type);
  const edits = blocks.map(({ start, end }) => ({ start, end, insert: "" }));
  return { body: applyEdits(body, edits), removed: blocks.length };
}

/** "\r\n" when the body has any CRLF, else "\n" when it has LF; undefined when it has neither. */
export function detectLineEnding(body: string): LineEnding | undefined {
  if (body.includes("\r\n")) return "\r\n";
  return body.includes("\n") ? "\n" : undefined;
}

/**
 * Finds the join blocks of an HTML body (htmlBlocks.ts), handed in by htmlBodies.ts: every page
 * that edits HTML bodies loads it, the one-click command only once it meets one (a first add
 * reads the body as text and prepends), so text-only code carries no HTML reading.
 */
let findHtmlBlocks: ((body: string) => SourceRange[]) | undefined;

export function editHtmlBodiesWith(finder: (body: string) => SourceRange[]): void {
  findHtmlBlocks = finder;
}

function findBlocks(body: string, type: BodyType): BlockRange[] {
  if (type === "text") return findTextBlocks(body);
  // Unset only where a page forgot to load htmlBodies.ts: a programming error, never a silent "none".
  return findHtmlBlocks!(body);
}

export interface TextLine {
  start: number;
  /** End of the line's content. */
  end: number;
  /** Start of the next line: after this line's terminator, if any. */
  next: number;
}

export function splitTextLines(body: string): TextLine[] {
  const lines: TextLine[] = [];
  const terminator = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = terminator.exec(body); match; match = terminator.exec(body)) {
    lines.push({ start, end: match.index, next: match.index + match[0].length });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: body.length, next: body.length });
  return lines;
}

/** START line through END line, then END's line break and the blank line we added after it. */
function findTextBlocks(body: string): BlockRange[] {
  const lines = splitTextLines(body);
  const blocks: BlockRange[] = [];
  let open: TextLine | undefined;
  lines.forEach((textLine, index) => {
    const text = body.slice(textLine.start, textLine.end);
    if (isMarkerLine(text, JOIN_BLOCK_START_MARKER)) open = textLine;
    else if (open && isMarkerLine(text, JOIN_BLOCK_END_MARKER)) {
      blocks.push({ start: open.start, end: separatorEnd(lines, index), contentEnd: textLine.end });
      open = undefined;
    }
  });
  return blocks;
}

/** Offset after the END line's break and, when the next line is empty, after that blank line too. */
export function separatorEnd(lines: TextLine[], endIndex: number): number {
  const endLine = lines[endIndex];
  if (!endLine) return 0;
  const following = lines[endIndex + 1];
  const blankFollows =
    following !== undefined && following.end === following.start && following.next > following.end;
  return blankFollows ? following.next : endLine.next;
}

export interface Edit {
  start: number;
  end: number;
  insert: string;
}

/** Applies non-overlapping edits; the bytes between them are copied unchanged. */
export function applyEdits(body: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let result = "";
  let copied = 0;
  for (const edit of sorted) {
    result += body.slice(copied, edit.start) + edit.insert;
    copied = edit.end;
  }
  return result + body.slice(copied);
}
