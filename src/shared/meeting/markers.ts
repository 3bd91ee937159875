/**
 * How a line is recognised as a marker line, in either body type. Text only: code that reads
 * text bodies alone (the one-click command's first add) carries no HTML reading with it.
 */

/** Characters editors insert that take no room on screen (zero-width spaces, soft hyphens, BOM). */
const INVISIBLE_CHARACTERS = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE_RUN = /\s+/g;

/** Visible text as compared with markers: invisible characters dropped, whitespace (incl. nbsp) collapsed. */
export function normalizeVisibleText(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, "").replace(WHITESPACE_RUN, " ").trim();
}

/** A line is a marker line only when its whole visible text is the marker: look-alikes never match. */
export function isMarkerLine(lineText: string, marker: string): boolean {
  return normalizeVisibleText(lineText) === marker;
}
