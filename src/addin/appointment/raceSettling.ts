/**
 * Settling a first add that may have raced another. Loading this module hands it to meetingFlow
 * (settleRacesWith). Kept apart so the one-click command's personal room, whose adds never
 * settle, does not carry it: the pane's flow chunk, the event runtime and the command's scheduled
 * path load it up front.
 */
import { joinBlockLinks, replaceJoinBlock, type BlockLink } from "../../shared/meeting/bodyEdit";
import { addJoinUrlToLocation, removeJoinUrlFromLocation } from "../../shared/meeting/location";
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import { AddinError } from "../host/errors";
import type { AppointmentPort } from "../host/ports";
import type { MeetingSource, MeetingSources, StoredMeeting } from "../sources/meetingSource";
import {
  addMeeting,
  fitLocation,
  lineEndOf,
  propertyWrite,
  settleRacesWith,
  type MeetingOutcome,
} from "./meetingFlow";
import { EXTRA_MEETING, MEETING_PROPERTY, parseStoredMeeting, storedFor } from "./storedMeeting";

/**
 * After a first add that may have raced another (the pane and an event, or an event in two
 * runtimes): the meeting stored last stays (the last save wins). The body is read first: an add
 * that settles stores its meeting before its block goes in, so every block seen there belongs to a
 * meeting stored before the read that follows, and that read names the last of them. Ours lost:
 * it gives way. Ours stayed while another add's block is in too: the body keeps one block, ours,
 * the location loses the other's link, and the other's meeting is ended (it may have checked
 * before our save landed and think it won).
 */
async function settle(
  item: AppointmentPort,
  source: MeetingSource,
  sources: MeetingSources,
  meeting: BlueJeansMeeting,
  now: StoredMeeting,
): Promise<MeetingOutcome> {
  const shown = joinBlockLinks(await item.getBody("text"));
  const props = await item.loadCustomProperties();
  const last = parseStoredMeeting(props.get(MEETING_PROPERTY));
  if (last && last.numericMeetingId !== now.numericMeetingId) {
    return yieldTo(item, source, sources, meeting, last, true);
  }
  // A save from a copy loaded before ours took our record away: ours is put back.
  if (!last) await propertyWrite(props, now, undefined).run();
  // The personal room is everyone's same meeting: never another add's to end.
  const room = sources("personal-room")?.fixedMeetingId;
  const others = shown.filter(
    (link): link is BlockLink =>
      link !== undefined && link.numericMeetingId !== now.numericMeetingId && link.numericMeetingId !== room,
  );
  if (shown.length > 1 || others.length > 0) await keepOneBlock(item, meeting, true);
  if (others.length === 0) return { meeting, action: "added", stored: now };
  await relink(
    item,
    others.map((other) => other.joinUrl),
    meeting.joinUrl,
  );
  for (const { numericMeetingId } of others) {
    // Without a way to end it here (our meeting is the room), the person is told which to delete.
    if (!source.removeDuplicate) throw extraMeeting(numericMeetingId, now.numericMeetingId);
    await source.removeDuplicate(now, numericMeetingId).catch(() => {
      throw extraMeeting(numericMeetingId, now.numericMeetingId);
    });
  }
  return { meeting, action: "added", stored: now };
}

/** Takes links out of the location (racing adds' own), and makes sure `keep` is in it. */
async function relink(item: AppointmentPort, drop: string[], keep?: string): Promise<void> {
  const location = await item.getLocation();
  const cleaned = drop.reduce(removeJoinUrlFromLocation, location);
  const next = keep ? fitLocation(addJoinUrlToLocation(cleaned, keep), cleaned) : cleaned;
  if (next !== location) await item.setLocation(next);
}

/** A racing add's extra meeting could not be ended: the appointment is right, BlueJeans has one too many. */
function extraMeeting(extra: string, kept: string): AddinError {
  return new AddinError(
    `A second BlueJeans meeting, ${extra}, made by mistake, could not be deleted.`,
    `Delete it in BlueJeans; this appointment has meeting ${kept}.`,
    EXTRA_MEETING,
  );
}

/**
 * Our new meeting lost a race with another add: the stored meeting is shown instead (our link out
 * of the location, then an update in place, one block), and ours, made by this very call, ends.
 */
async function yieldTo(
  item: AppointmentPort,
  source: MeetingSource,
  sources: MeetingSources,
  mine: BlueJeansMeeting,
  winner: StoredMeeting,
  wrote: boolean,
): Promise<MeetingOutcome> {
  const other = winner.numericMeetingId !== mine.numericMeetingId;
  if (other && wrote) await relink(item, [mine.joinUrl]);
  // Ours ends even if showing the other fails: a block of an ended meeting is caught before send.
  const [shown, ended] = await Promise.allSettled([
    addMeeting(item, source, sources),
    other ? source.remove(storedFor(mine, false)) : undefined,
  ]);
  if (shown.status === "rejected") throw shown.reason;
  if (ended.status === "rejected") {
    throw extraMeeting(mine.numericMeetingId, shown.value.stored.numericMeetingId);
  }
  return shown.value;
}

/**
 * After an insert that may have raced another one (the pane clicked while an event handler was
 * adding, or an event fired twice in two runtimes): when the body has more than one join block,
 * keeps one, freshly rendered for `meeting`. The result does not depend on which racer runs it,
 * so two runs end in the same body. Returns how many blocks there were.
 */
export async function keepOneBlock(
  item: AppointmentPort,
  meeting: BlueJeansMeeting,
  /** Also rewrite a single block, so it is this meeting's. */
  always = false,
): Promise<number> {
  const textBody = await item.getBody("text");
  const found = joinBlockLinks(textBody).length;
  if (found === 0 || (found === 1 && !always)) return found;
  const type = await item.getBodyType();
  const body = type === "text" ? textBody : await item.getBody(type);
  const replaced = replaceJoinBlock(body, type, meeting, lineEndOf(textBody));
  if (replaced.body !== body) await item.setBody(replaced.body, type);
  return found;
}

/** What meetingFlow calls: `settle` after a first add wrote, `yieldTo` when another add stored first. */
export interface RaceSettling {
  settle: typeof settle;
  yieldTo: typeof yieldTo;
}

settleRacesWith({ settle, yieldTo });
