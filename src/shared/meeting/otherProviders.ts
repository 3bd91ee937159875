/**
 * Another provider's join details already in the appointment: the block that Microsoft Teams,
 * Zoom, Webex or Google Meet wrote into the body, their join links, and their part of the
 * location. Found by what each provider writes (the fence lines around its block, its heading,
 * its join link) in text bodies, where links usually show only their text, and in the text of
 * HTML bodies; otherProvidersHtml.ts reads their markup and takes them out. Pure functions of the
 * strings given.
 */

import { separatorEnd, splitTextLines, type SourceRange } from "./bodyEdit";
import { normalizeVisibleText } from "./markers";

export type OtherProvider = "teams" | "zoom" | "webex" | "google-meet";

export interface OtherMeeting {
  provider: OtherProvider;
  /** The provider as people know it: "Microsoft Teams", "Zoom", "Webex", "Google Meet". */
  name: string;
  /** The first join link found in the body or location, when one is written out or linked. */
  joinUrl?: string;
  /** Where the provider's blocks are in the body (empty when only a link shows it). */
  blocks: SourceRange[];
  /** Its details are in the body: a block, or a join link outside one. */
  inBody: boolean;
  /** The location holds its join link or its label ("Microsoft Teams Meeting"). */
  inLocation: boolean;
}

export interface ProviderRule {
  provider: OtherProvider;
  name: string;
  /** A join link of this provider (no flags: matched once, from the start of each candidate). */
  joinUrl: RegExp;
  /** The line that opens the block, and the one that closes it (the same for symmetric fences). */
  opens(line: string): boolean;
  closes(line: string): boolean;
  /** A line inside the block that says whose it is, for text bodies where links lost their URL. */
  names(line: string): boolean;
  /** A location item the provider writes besides its join link. */
  locationLabel?: RegExp;
}

const fence = (re: RegExp) => (line: string) => re.test(line);

export const RULES: readonly ProviderRule[] = [
  {
    provider: "teams",
    name: "Microsoft Teams",
    joinUrl:
      /https:\/\/teams\.(?:microsoft|live)\.com\/(?:l\/meetup-join\/|meet\/|dl\/launcher\/)[^\s"'<>]+/i,
    // A long rule of underscores above and below the block.
    opens: fence(/^_{30,}$/),
    closes: fence(/^_{30,}$/),
    names: (line) => /^Microsoft Teams (?:meeting|Need help\?)/i.test(line),
    locationLabel: /^Microsoft Teams Meeting$/i,
  },
  {
    provider: "zoom",
    name: "Zoom",
    joinUrl: /https:\/\/(?:[\w-]+\.)*zoom(?:gov)?\.us\/(?:j|my|w|s)\/[^\s"'<>]+/i,
    // Zoom for Outlook draws box-drawing rules ("──────────").
    opens: fence(/^[\u2500\u2501]{8,}$/),
    closes: fence(/^[\u2500\u2501]{8,}$/),
    names: (line) => /(?:inviting you to a scheduled Zoom meeting|^Join Zoom Meeting$)/i.test(line),
    locationLabel: /^Zoom Meeting$/i,
  },
  {
    provider: "webex",
    name: "Webex",
    joinUrl: /https:\/\/[\w-]+\.webex\.com\/(?:[\w-]+\/)?(?:j\.php\?MTID=|meet\/|join\/)[^\s"'<>]+/i,
    opens: fence(/^-- Do not delete or change any of the following text\. --$/i),
    closes: fence(/^Need help\? Go to https?:\/\/help\.webex\.com\/?$/i),
    names: (line) => /\bWebex meeting\b/i.test(line),
    locationLabel: /^Webex(?: meeting)?$/i,
  },
  {
    provider: "google-meet",
    name: "Google Meet",
    joinUrl: /https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}(?:\?[^\s"'<>]*)?/i,
    // "-::~:~::~:~:~ ... ~::~:~::-" above and below.
    opens: fence(/^-::~[:~]{20,}-$/),
    closes: fence(/^-::~[:~]{20,}-$/),
    names: (line) => /^Join with Google Meet\b/i.test(line),
    locationLabel: /^Google Meet$/i,
  },
];

/** A block longer than this is not one provider's details: the fences belong to different things. */
const MAX_BLOCK_LINES = 150;

/**
 * The same for a text body (what the add-in reads to decide): code that looks only at text
 * bodies does not carry the HTML reading.
 */
export function findOtherMeetingsInText(text: string, location: string): OtherMeeting[] {
  return findIn(textLines(text), text, location);
}

export function findIn(lines: BodyLines, bodyText: string, location: string): OtherMeeting[] {
  const found: OtherMeeting[] = [];
  for (const rule of RULES) {
    const blocks = findBlocks(lines, rule).map(({ start, end }) => ({ start, end }));
    const linkInBody = rule.joinUrl.exec(bodyText)?.[0];
    const locationItems = providerLocationItems(location, rule);
    if (blocks.length === 0 && !linkInBody && locationItems.length === 0) continue;
    const linkInLocation = locationItems.map((item) => rule.joinUrl.exec(item)?.[0]).find(Boolean);
    const joinUrl = linkInBody ?? linkInLocation;
    found.push({
      provider: rule.provider,
      name: rule.name,
      ...(joinUrl ? { joinUrl } : {}),
      blocks,
      inBody: blocks.length > 0 || linkInBody !== undefined,
      inLocation: locationItems.length > 0,
    });
  }
  return found;
}

/** The body's lines as the reader sees them, and the source range a run of them takes. */
export interface BodyLines {
  lines: Array<{ text: string; hrefs: string[] }>;
  /** From the start of line `first` to the end of line `last`; for removal, what goes with it. */
  rangeOf(first: number, last: number): FoundBlock | undefined;
}

export interface FoundBlock extends SourceRange {
  /** Where a removal ends: in text bodies, after the last line's break and one blank line. */
  removeEnd: number;
}

export function textLines(body: string): BodyLines {
  const lines = splitTextLines(body);
  return {
    lines: lines.map((line) => ({ text: normalizeVisibleText(body.slice(line.start, line.end)), hrefs: [] })),
    rangeOf: (first, last) => {
      const [a, b] = [lines[first], lines[last]];
      return a && b ? { start: a.start, end: b.end, removeEnd: separatorEnd(lines, last) } : undefined;
    },
  };
}

/** Opening line, the first closing line after it, and whose details are in between. */
export function findBlocks({ lines, rangeOf }: BodyLines, rule: ProviderRule): FoundBlock[] {
  const blocks: FoundBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!rule.opens(lines[i]!.text)) continue;
    const last = Math.min(lines.length, i + MAX_BLOCK_LINES);
    for (let j = i + 1; j < last; j += 1) {
      if (!rule.closes(lines[j]!.text)) continue;
      const theirs = lines
        .slice(i + 1, j)
        .some(
          (line) =>
            rule.names(line.text) ||
            rule.joinUrl.test(line.text) ||
            line.hrefs.some((href) => rule.joinUrl.test(href)),
        );
      const range = theirs ? rangeOf(i, j) : undefined;
      if (range) {
        blocks.push(range);
        i = j;
      }
      break;
    }
  }
  return blocks;
}

/** The location's items ("; " separated) that are this provider's join link or label. */
export function providerLocationItems(location: string, rule: ProviderRule): string[] {
  return location
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .filter((item) => rule.locationLabel?.test(item) || isWholeLink(item, rule.joinUrl));
}

function isWholeLink(item: string, joinUrl: RegExp): boolean {
  const match = joinUrl.exec(item);
  return match !== null && match.index === 0 && match[0].length === item.length;
}
