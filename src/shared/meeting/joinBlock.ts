/**
 * The join block: the BlueJeans meeting details written into an appointment body, as HTML and
 * as plain text. Both renderings come from one list of lines so they always say the same thing.
 */

import { escapeAttr, escapeHtml } from "./escape";
import { isDigits, type BlueJeansMeeting, type DialInNumber } from "./model";

/** First line of every block. Found again by its text, so Outlook's markup rewrites do not matter. */
export const JOIN_BLOCK_START_MARKER = "~=~ BlueJeans meeting :: join details ~=~";
/** Last line of every block. */
export const JOIN_BLOCK_END_MARKER = "~=~ BlueJeans meeting :: end of join details ~=~";
/** Id of the HTML wrapper; Outlook may prefix it (`x_`), so it is matched by "contains". */
export const JOIN_BLOCK_WRAPPER_ID = "bluejeans-join-block";

export type LineEnding = "\n" | "\r\n";
export type BodyType = "html" | "text";

/** A link part; text renderings print the URI itself. */
interface LinkPart {
  href: string;
}

type LinePart = string | LinkPart;

type LineKind = "marker" | "heading" | "plain" | "indent" | "indent2" | "blank" | "separator";

interface BlockLine {
  kind: LineKind;
  parts: LinePart[];
}

const SEPARATOR_TEXT = "-".repeat(40);

export function renderJoinBlockHtml(meeting: BlueJeansMeeting): string {
  const lines = joinBlockLines(meeting).map(renderHtmlLine).join("");
  return `<div id="${JOIN_BLOCK_WRAPPER_ID}" style="${WRAPPER_STYLE}">${lines}</div>`;
}

export function renderJoinBlockText(meeting: BlueJeansMeeting, eol: LineEnding = "\n"): string {
  return joinBlockLines(meeting).map(renderTextLine).join(eol);
}

/** Exactly what the Outlook adapter prepends: the text form adds a blank line before the user's text. */
export function joinBlockForPrepend(
  meeting: BlueJeansMeeting,
  type: BodyType,
  eol: LineEnding = "\n",
): string {
  return type === "html" ? renderJoinBlockHtml(meeting) : renderJoinBlockText(meeting, eol) + eol + eol;
}

function joinBlockLines(meeting: BlueJeansMeeting): BlockLine[] {
  return [
    line("marker", JOIN_BLOCK_START_MARKER),
    blank(),
    ...joinSection(meeting),
    blank(),
    line("separator", SEPARATOR_TEXT),
    ...roomSystemSection(meeting),
    blank(),
    ...phoneSection(meeting),
    line("separator", SEPARATOR_TEXT),
    line("heading", "Want to test your video connection?"),
    line("plain", { href: meeting.testUrl }),
    blank(),
    line("marker", JOIN_BLOCK_END_MARKER),
  ];
}

function joinSection(meeting: BlueJeansMeeting): BlockLine[] {
  const lines = [
    line("heading", "Join the meeting from a computer or phone:"),
    line("plain", { href: meeting.joinUrl }),
  ];
  lines.push(blank());
  const organizer = cleanValue(meeting.organizerName ?? "");
  if (organizer) lines.push(line("plain", `${organizer} has invited you to a BlueJeans meeting.`));
  lines.push(line("plain", `Meeting ID: ${cleanValue(meeting.numericMeetingId)}`));
  const passcode = passcodeOf(meeting);
  if (passcode) lines.push(line("plain", `Participant passcode: ${passcode}`));
  return lines;
}

function roomSystemSection(meeting: BlueJeansMeeting): BlockLine[] {
  const room = meeting.roomSystem;
  const id = cleanValue(meeting.numericMeetingId);
  const passcode = passcodeOf(meeting);
  const ip = cleanValue(room.ip);
  const lines = [
    line("heading", "Connecting directly from a room system?"),
    line("indent", `1) Dial: ${ip} or ${cleanValue(room.host)}`),
    ...enterIdAndPasscode(id, passcode),
  ];
  lines.push(line("indent", `Or dial directly: ${id}@${cleanValue(room.sipDomain)} or ${ip}##${id}`));
  return lines;
}

function phoneSection(meeting: BlueJeansMeeting): BlockLine[] {
  const id = cleanValue(meeting.numericMeetingId);
  const passcode = passcodeOf(meeting);
  const lines = [line("heading", "Just want to dial in on your phone?")];
  if (meeting.dialIn.length === 0) {
    lines.push(line("indent", "1) Find a number near you: ", { href: meeting.moreNumbersUrl }));
  } else {
    lines.push(line("indent", "1) Dial one of these numbers:"));
    for (const dialIn of meeting.dialIn) lines.push(...dialInLines(dialIn, meeting));
    lines.push(line("indent2", "More numbers: ", { href: meeting.moreNumbersUrl }));
  }
  lines.push(...enterIdAndPasscode(id, passcode));
  return lines;
}

/**
 * Steps 2 and 3 in BlueJeans' own words, which room-system schedulers (one button to push on
 * Cisco, Poly and Pexip endpoints) look for: "Enter Meeting ID: " and the digits alone, then a
 * space, never a comma.
 */
function enterIdAndPasscode(id: string, passcode: string): BlockLine[] {
  const lines = [line("indent", `2) Enter Meeting ID: ${id} followed by #`)];
  if (passcode) lines.push(line("indent", `3) Enter Passcode: ${passcode} followed by #`));
  return lines;
}

function dialInLines(dialIn: DialInNumber, meeting: BlueJeansMeeting): BlockLine[] {
  const lines = [line("indent2", `${dialInLabel(dialIn)}: ${cleanValue(dialIn.number)}`)];
  const oneTouch = oneTouchUri(dialIn.number, meeting.numericMeetingId, meeting.attendeePasscode);
  if (oneTouch) lines.push(line("indent2", "One-touch: ", { href: oneTouch }));
  return lines;
}

function dialInLabel(dialIn: DialInNumber): string {
  const label = cleanValue(dialIn.label) || "Phone";
  return dialIn.tollFree && !/toll[\s-]?free/i.test(label) ? `${label} (toll free)` : label;
}

/**
 * `tel:+14087407256,,,{id}#` (plus `,,,{passcode}#`): each comma pauses the dialer while the
 * bridge answers. Built only from digits, so it never needs escaping; undefined when unusable.
 */
export function oneTouchUri(
  phoneNumber: string,
  numericMeetingId: string,
  passcode?: string,
): string | undefined {
  const digits = phoneNumber.replace(/[^0-9]/g, "");
  if (!digits || !isDigits(numericMeetingId)) return undefined;
  if (passcode && !isDigits(passcode)) return undefined;
  const plus = phoneNumber.trim().startsWith("+") ? "+" : "";
  const passcodePart = passcode ? `,,,${passcode}#` : "";
  return `tel:${plus}${digits},,,${numericMeetingId}#${passcodePart}`;
}

function passcodeOf(meeting: BlueJeansMeeting): string {
  return cleanValue(meeting.attendeePasscode ?? "");
}

function line(kind: LineKind, ...parts: LinePart[]): BlockLine {
  return { kind, parts };
}

function blank(): BlockLine {
  return { kind: "blank", parts: [] };
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a name they
 * could make the text around it read backwards ("Trojan Source"), so they are taken out.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Values become one line of text (a newline in a name must not start a fake marker line), lose
 * their bidirectional controls, and the markers' "~=~" fence is broken up so no value can spell a
 * marker.
 */
function cleanValue(value: string): string {
  return value
    .replace(BIDI_CONTROLS, "")
    .replace(/[\s\p{Cc}]+/gu, " ")
    .trim()
    .replace(/~(?==~)/g, "~ ");
}

const HTTP_URL =
  /^https?:\/\/[^\s\p{Cc}\u202A-\u202E\u2066-\u2069/?#<>"'`\\]+(?:[/?#][^\s\p{Cc}\u202A-\u202E\u2066-\u2069<>"'`\\]*)?$/iu;
const TEL_URI = /^tel:\+?[0-9]+(?:,+[0-9]+#)*$/;

/** Only http(s) and the one-touch tel: URIs we build become links; anything else stays text. */
export function isSafeHref(href: string): boolean {
  return HTTP_URL.test(href) || TEL_URI.test(href);
}

const WRAPPER_STYLE =
  "margin:0 0 24px 0;font-family:'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#242424";

const LINE_STYLES: Readonly<Record<LineKind, string>> = {
  marker: "color:#616161;font-size:11px",
  heading: "font-weight:bold",
  plain: "",
  indent: "margin-left:24px",
  indent2: "margin-left:48px",
  blank: "",
  separator: "color:#616161",
};

function renderHtmlLine(blockLine: BlockLine): string {
  const style = LINE_STYLES[blockLine.kind];
  const open = style ? `<div style="${style}">` : "<div>";
  const content = blockLine.kind === "blank" ? "<br>" : blockLine.parts.map(renderHtmlPart).join("");
  return `${open}${content}</div>`;
}

function renderHtmlPart(part: LinePart): string {
  if (typeof part === "string") return escapeHtml(part);
  const shown = escapeHtml(cleanValue(part.href));
  return isSafeHref(part.href) ? `<a href="${escapeAttr(part.href)}">${shown}</a>` : shown;
}

const TEXT_INDENTS: Readonly<Partial<Record<LineKind, string>>> = { indent: "   ", indent2: "      " };

function renderTextLine(blockLine: BlockLine): string {
  const text = blockLine.parts
    .map((part) => (typeof part === "string" ? part : cleanValue(part.href)))
    .join("");
  return (TEXT_INDENTS[blockLine.kind] ?? "") + text;
}
