/**
 * Adding, updating and removing the BlueJeans meeting on the appointment being composed.
 * Reads what it needs in one round of parallel Office calls, then writes in one round; if any
 * write fails, the writes that did succeed are undone so the appointment is left as it was.
 */
// Each module by name, not the barrel: the one-click command loads HTML reading only when it
// meets an HTML body to edit (shared/meeting/htmlBodies.ts), so nothing here may import it.
import { joinBlockLinks, removeJoinBlocks, replaceJoinBlock } from "../../shared/meeting/bodyEdit";
import { joinBlockForPrepend } from "../../shared/meeting/joinBlock";
import {
  addJoinUrlToLocation,
  removeJoinUrlFromLocation,
  replaceJoinUrlInLocation,
} from "../../shared/meeting/location";
import { findOtherMeetingsInText } from "../../shared/meeting/otherProviders";
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import { AddinError, toAddinError } from "../host/errors";
import type { AppointmentPort, BodyType, CustomPropertiesPort } from "../host/ports";
import type {
  AppointmentDetails,
  MeetingSource,
  MeetingSources,
  StoredMeeting,
} from "../sources/meetingSource";
import type { RaceSettling } from "./raceSettling";
import { CREATE_KEY_PROPERTY, MEETING_PROPERTY, parseStoredMeeting, storedFor } from "./storedMeeting";

export interface MeetingOutcome {
  meeting: BlueJeansMeeting;
  /** "added" on a first insert, "updated" when a block was already there. */
  action: "added" | "updated";
  /** What is now stored on the appointment, so callers need not read it back. */
  stored: StoredMeeting;
}

/** Text bodies keep their own line ends; a block written with others would look broken. */
export function lineEndOf(textBody: string): "\n" | "\r\n" {
  return textBody.includes("\r\n") ? "\r\n" : "\n";
}

export interface Write {
  run(): Promise<void>;
  undo(): Promise<void>;
  /** Undone even when `run` failed: it is several steps and may have made some of them. */
  undoIfFailed?: boolean;
}

/** A failure whose undoing failed too: the person must look at the appointment. */
function partlyUndone(error: AddinError): AddinError {
  return new AddinError(
    `${error.message} Part of the change could not be undone.`,
    "Check the appointment's body and location, and remove any half-added BlueJeans details by hand.",
    error.code,
    error.detail,
  );
}

/** Runs writes together; on any failure undoes the ones that succeeded and reports the first failure. */
export async function writeAll(writes: Write[]): Promise<void> {
  const results = await Promise.allSettled(writes.map((w) => w.run()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (!failed) return;
  const undone = await Promise.allSettled(
    writes.filter((w, i) => results[i]?.status === "fulfilled" || w.undoIfFailed).map((w) => w.undo()),
  );
  const error = toAddinError(failed.reason);
  throw undone.some((r) => r.status === "rejected") ? partlyUndone(error) : error;
}

/** Runs `first`, then the rest together; when the rest fails, `first` is undone too. */
async function writeAfter(first: Write, rest: Write[]): Promise<void> {
  await writeAll([first]);
  try {
    await writeAll(rest);
  } catch (error) {
    const problem = toAddinError(error);
    throw await first.undo().then(
      () => problem,
      () => partlyUndone(problem),
    );
  }
}

export function propertyWrite(
  props: CustomPropertiesPort,
  next: StoredMeeting | undefined,
  previous: unknown,
): Write {
  const apply = (value: unknown) => {
    if (typeof value === "string") props.set(MEETING_PROPERTY, value);
    else props.remove(MEETING_PROPERTY);
  };
  return {
    run: () => {
      apply(next ? JSON.stringify(next) : undefined);
      return props.save();
    },
    undo: () => {
      apply(previous);
      return props.save();
    },
  };
}

/** Outlook refuses longer locations. */
const MAX_LOCATION_LENGTH = 255;

/** The location with our link, or unchanged when it would not fit: the link is in the body anyway. */
export function fitLocation(next: string, previous: string): string {
  return next.length > MAX_LOCATION_LENGTH ? previous : next;
}

export function locationWrite(item: AppointmentPort, next: string, previous: string): Write[] {
  if (next === previous) return [];
  return [{ run: () => item.setLocation(next), undo: () => item.setLocation(previous) }];
}

/** What the source needs to know of the appointment (nothing for a personal room). */
export async function readDetails(
  item: AppointmentPort,
  source: MeetingSource,
): Promise<AppointmentDetails | undefined> {
  return source.readDetails?.(item);
}

export interface AddOptions {
  /**
   * What a first add does when the appointment already has another provider's join details
   * (Teams, Zoom, Webex, Google Meet), asked before the meeting is made. `refuseOtherMeetings`
   * (below) fails with a message saying whose, changing nothing; `replaceOtherMeetings`
   * (replaceOthers.ts) takes those providers' blocks out of the body and their part of the
   * location, then adds the BlueJeans meeting. Functions rather than words, so each caller carries only the one it uses.
   * The default adds beside them.
   */
  otherMeetings?: "addBeside" | OtherMeetingsChoice;
  /**
   * A first add checks after writing whether another add raced it (raceSettling.ts), as one that
   * makes a new meeting always does (except replacing another provider's details, which only the
   * pane does, on the person's word). For the personal room it costs three more Office rounds, so
   * only the event runtime, which races the pane on new appointments, asks for it.
   */
  settle?: boolean;
}

/** Given a first add: its outcome when the choice made the add itself, undefined to add as usual. */
export type OtherMeetingsChoice = (add: FirstAdd) => Promise<MeetingOutcome | undefined>;

/** A first add, with what was read for it. */
export interface FirstAdd {
  item: AppointmentPort;
  source: MeetingSource;
  type: BodyType;
  textBody: string;
  location: string;
  props: CustomPropertiesPort;
  previous: unknown;
  details: AppointmentDetails | undefined;
}

/** A first add refused because the appointment already carries another provider's details. */
export class OtherMeetingsError extends AddinError {
  constructor(
    /** The providers as people know them ("Microsoft Teams"). */
    readonly names: string[],
    providers: string[],
  ) {
    super(
      `Not added: this appointment already has ${names.join(" and ")} meeting details.`,
      "Open the BlueJeans pane to replace them with a BlueJeans meeting.",
      "meeting.otherProvider",
      providers.join(","),
    );
  }
}

/** For `otherMeetings`: refuses a first add beside another provider's details; nothing is written. */
export async function refuseOtherMeetings({ textBody, location }: FirstAdd): Promise<undefined> {
  const others = findOtherMeetingsInText(textBody, location);
  if (others.length === 0) return undefined;
  throw new OtherMeetingsError(
    others.map((other) => other.name),
    others.map((other) => other.provider),
  );
}

/**
 * How a first add that may have raced another settles it (raceSettling.ts, which hands itself in
 * here): every page and runtime whose adds settle loads it (the pane's flow chunk, the event
 * runtime, the command's scheduled path), so the command's personal room carries none of it.
 */
let races: RaceSettling | undefined;

export function settleRacesWith(settling: RaceSettling): void {
  races = settling;
}

/**
 * Adds the meeting, or updates it in place when the appointment already has one
 * (stored on the item, or a block found in the body), so there is never a second block.
 */
export async function addMeeting(
  item: AppointmentPort,
  source: MeetingSource,
  sources: MeetingSources,
  options: AddOptions = {},
): Promise<MeetingOutcome> {
  const [type, loadedProps, location, textBody, details] = await Promise.all([
    item.getBodyType(),
    item.loadCustomProperties(),
    item.getLocation(),
    item.getBody("text"),
    readDetails(item, source),
  ]);
  let props = loadedProps;
  let previous = props.get(MEETING_PROPERTY);
  const stored = parseStoredMeeting(previous);
  if (stored || joinBlockLinks(textBody).length > 0) {
    const meeting = stored
      ? await sourceOf(stored, sources).update(stored, details)
      : await source.create(details);
    // Read after the network call: the person may have typed meanwhile, and that text stays.
    const body = await item.getBody(type);
    const now = await writeUpdate(item, { type, body, location, props, previous, stored, meeting, details });
    return { meeting, action: "updated", stored: now };
  }

  if (typeof options.otherMeetings === "function") {
    const replaced = await options.otherMeetings({
      item,
      source,
      type,
      textBody,
      location,
      props,
      previous,
      details,
    });
    if (replaced) return replaced;
  }
  const settles = options.settle === true || source.readDetails !== undefined;
  // Where a page forgot to load raceSettling.ts this throws here, before BlueJeans is asked.
  const settling = settles ? races!.settle : undefined;
  const meeting = await source.create(details);
  // A source that went to BlueJeans may have stored its create key on the item meanwhile
  // (idempotencyKeyFor): write over the properties as they are now, so the key stays.
  if (source.readDetails) {
    props = await item.loadCustomProperties();
    previous = props.get(MEETING_PROPERTY);
    // A racing add (the pane, the event in another runtime) stored its meeting first: it stays.
    const first = parseStoredMeeting(previous);
    // A source that reads details settles, so `races` was checked above.
    if (first) return races!.yieldTo(item, source, sources, meeting, first, false);
  }
  const eol = lineEndOf(textBody);
  const nextLocation = fitLocation(addJoinUrlToLocation(location, meeting.joinUrl), location);
  const now = storedFor(meeting, nextLocation !== location, details);
  const shown: Write[] = [
    {
      run: () => item.prependToBody(joinBlockForPrepend(meeting, type, eol), type),
      undo: async () => {
        const body = await item.getBody(type);
        await item.setBody(removeJoinBlocks(body, type).body, type);
      },
    },
    ...locationWrite(item, nextLocation, location),
  ];
  const record = propertyWrite(props, now, previous);
  try {
    // An add that settles stores first, so a block in the body means its meeting is stored
    // (settling relies on it).
    await (settling ? writeAfter(record, shown) : writeAll([...shown, record]));
  } catch (error) {
    throw await endFreshMeeting(source, now, props, toAddinError(error));
  }
  return settling ? settling(item, source, sources, meeting, now) : { meeting, action: "added", stored: now };
}

/**
 * The source that made a stored meeting. Never another one in its place: that would overwrite the
 * meeting's details and leave it alive where it was made.
 */
function sourceOf(stored: StoredMeeting, sources: MeetingSources): MeetingSource {
  const found = sources(stored.source);
  if (found) return found;
  throw new AddinError(
    stored.source === "scheduled"
      ? "This appointment has a new BlueJeans meeting;"
      : "This appointment's BlueJeans meeting cannot be changed from here;",
    "open the BlueJeans pane to update or change it.",
    "meeting.sourceUnavailable",
    stored.source,
  );
}

/**
 * Part of undoing a create whose Office writes failed: ends the meeting just made, best effort.
 * The original failure is what the person hears about; a failed clean-up is added to it.
 */
export async function endFreshMeeting(
  source: MeetingSource,
  stored: StoredMeeting,
  props: CustomPropertiesPort,
  error: AddinError,
): Promise<AddinError> {
  try {
    await source.remove(stored);
  } catch {
    return new AddinError(
      `${error.message} The new BlueJeans meeting ${stored.numericMeetingId} could not be deleted either.`,
      error.action,
      error.code,
      error.detail,
    );
  }
  // Ended: the next add must make a new meeting, not be handed this one again for its key.
  if (props.get(CREATE_KEY_PROPERTY) !== undefined) {
    props.remove(CREATE_KEY_PROPERTY);
    await props.save().catch(() => undefined);
  }
  return error;
}

interface UpdateState {
  type: BodyType;
  body: string;
  location: string;
  props: CustomPropertiesPort;
  previous: unknown;
  stored: StoredMeeting | undefined;
  meeting: BlueJeansMeeting;
  details: AppointmentDetails | undefined;
}

async function writeUpdate(item: AppointmentPort, s: UpdateState): Promise<StoredMeeting> {
  const eol = s.type === "text" ? lineEndOf(s.body) : "\n";
  const replaced = replaceJoinBlock(s.body, s.type, s.meeting, eol);
  const bodyWrite: Write =
    replaced.found > 0
      ? { run: () => item.setBody(replaced.body, s.type), undo: () => item.setBody(s.body, s.type) }
      : {
          // The person deleted the block: put a fresh one back on top.
          run: () => item.prependToBody(joinBlockForPrepend(s.meeting, s.type, eol), s.type),
          undo: () => item.setBody(s.body, s.type),
        };
  const oldUrl = s.stored?.joinUrl;
  const nextLocation = fitLocation(
    oldUrl && s.location.includes(oldUrl)
      ? replaceJoinUrlInLocation(s.location, oldUrl, s.meeting.joinUrl)
      : addJoinUrlToLocation(s.location, s.meeting.joinUrl),
    s.location,
  );
  const addedToLocation = (s.stored?.addedToLocation ?? false) || nextLocation !== s.location;
  const now = storedFor(s.meeting, addedToLocation, s.details);
  await writeAll([
    ...(replaced.found > 0 && replaced.body === s.body ? [] : [bodyWrite]),
    ...locationWrite(item, nextLocation, s.location),
    propertyWrite(s.props, now, s.previous),
  ]);
  return now;
}

/** Refreshes the block and location from the meeting's source; adds it if there is none yet. */
export function updateMeeting(
  item: AppointmentPort,
  source: MeetingSource,
  sources: MeetingSources,
): Promise<MeetingOutcome> {
  return addMeeting(item, source, sources);
}

/**
 * Ends the meeting at its source, then takes out the block, our part of the location and the
 * stored identity. If the source refuses (say BlueJeans cannot delete), nothing is touched.
 */
export async function removeMeeting(
  item: AppointmentPort,
  sources: MeetingSources,
): Promise<{ removed: number }> {
  const [type, props, location] = await Promise.all([
    item.getBodyType(),
    item.loadCustomProperties(),
    item.getLocation(),
  ]);
  const previous = props.get(MEETING_PROPERTY);
  const stored = parseStoredMeeting(previous);
  const body = await item.getBody(type);
  const cleaned = removeJoinBlocks(body, type);
  if (!stored && cleaned.removed === 0) {
    if (previous !== undefined) await propertyWrite(props, undefined, previous).run();
    return { removed: 0 };
  }
  // Refused before anything is touched when the meeting's source is not here: never a local
  // removal that leaves the meeting alive at BlueJeans.
  if (stored) await sourceOf(stored, sources).remove(stored);
  // The meeting has ended: a later add is a new meeting with a new key.
  props.remove(CREATE_KEY_PROPERTY);
  const nextLocation =
    stored?.addedToLocation === true ? removeJoinUrlFromLocation(location, stored.joinUrl) : location;
  await writeAll([
    ...(cleaned.removed > 0
      ? [{ run: () => item.setBody(cleaned.body, type), undo: () => item.setBody(body, type) }]
      : []),
    ...locationWrite(item, nextLocation, location),
    propertyWrite(props, undefined, previous),
  ]);
  return { removed: cleaned.removed };
}
