/**
 * Other providers' join details in HTML bodies, and taking them out of either body type: what
 * otherProviders.ts finds in text, read from the markup too (the pane's choice to replace them).
 */

import { applyEdits, type BodyType } from "./bodyEdit";
import { htmlLines } from "./htmlBlocks";
import { decodeEntities } from "./htmlTokens";
import { removeJoinUrlFromLocation } from "./location";
import { normalizeVisibleText } from "./markers";
import {
  findBlocks,
  findIn,
  findOtherMeetingsInText,
  providerLocationItems,
  RULES,
  textLines,
  type BodyLines,
  type OtherMeeting,
  type OtherProvider,
} from "./otherProviders";

/** The providers whose details the appointment already carries, in the order of RULES. */
export function findOtherMeetings(body: string, type: BodyType, location: string): OtherMeeting[] {
  return type === "text"
    ? findOtherMeetingsInText(body, location)
    : findIn(bodyLines(body, type), decodeEntities(body), location);
}

/**
 * Takes out one provider's blocks from the body and its items from the location; everything
 * else stays byte for byte. A join link outside a block is left where it is (it may be the
 * person's own text).
 */
export function removeOtherMeeting(
  body: string,
  type: BodyType,
  location: string,
  provider: OtherProvider,
): { body: string; location: string; removedBlocks: number; removedFromLocation: boolean } {
  const rule = RULES.find((r) => r.provider === provider);
  if (!rule) return { body, location, removedBlocks: 0, removedFromLocation: false };
  const blocks = findBlocks(bodyLines(body, type), rule);
  const nextBody = applyEdits(
    body,
    blocks.map(({ start, removeEnd }) => ({ start, end: removeEnd, insert: "" })),
  );
  const nextLocation = providerLocationItems(location, rule).reduce(removeJoinUrlFromLocation, location);
  return {
    body: nextBody,
    location: nextLocation,
    removedBlocks: blocks.length,
    removedFromLocation: nextLocation !== location,
  };
}

function bodyLines(body: string, type: BodyType): BodyLines {
  if (type === "html") {
    const html = htmlLines(body);
    return {
      lines: html.lines.map((line) => ({ text: normalizeVisibleText(line.text), hrefs: line.hrefs })),
      rangeOf: (first, last) => {
        const run = html.runBetween(first, last);
        return run && { ...run, removeEnd: run.end };
      },
    };
  }
  return textLines(body);
}
