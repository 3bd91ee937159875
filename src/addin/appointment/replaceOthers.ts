/**
 * Replacing another provider's join details with the BlueJeans meeting: the pane's choice, on the
 * person's word (`otherMeetings: replaceOtherMeetings` in addMeeting's options). Apart from
 * meetingFlow.ts because taking their blocks out reads HTML bodies, which the command does not load.
 */
import { joinBlockForPrepend } from "../../shared/meeting/joinBlock";
import { addJoinUrlToLocation } from "../../shared/meeting/location";
import { findOtherMeetingsInText } from "../../shared/meeting/otherProviders";
import { removeOtherMeeting } from "../../shared/meeting/otherProvidersHtml";
import { toAddinError } from "../host/errors";
import {
  endFreshMeeting,
  fitLocation,
  lineEndOf,
  locationWrite,
  propertyWrite,
  writeAll,
  type FirstAdd,
  type MeetingOutcome,
} from "./meetingFlow";
import { MEETING_PROPERTY, storedFor } from "./storedMeeting";

/**
 * For `otherMeetings`: when the appointment has another provider's details, takes them out and
 * adds the meeting in one body write; undefined (nothing done) when there are none.
 */
export async function replaceOtherMeetings(add: FirstAdd): Promise<MeetingOutcome | undefined> {
  const { item, source, type, textBody, location, details } = add;
  const others = findOtherMeetingsInText(textBody, location);
  if (others.length === 0) return undefined;
  const body = type === "text" ? textBody : await item.getBody(type);
  const cleaned = others.reduce(
    (acc, other) => removeOtherMeeting(acc.body, type, acc.location, other.provider),
    { body, location },
  );
  const meeting = await source.create(details);
  // As addMeeting does: the create key the source stored meanwhile stays.
  const props = source.readDetails ? await item.loadCustomProperties() : add.props;
  const previous = source.readDetails ? props.get(MEETING_PROPERTY) : add.previous;
  const nextLocation = fitLocation(addJoinUrlToLocation(cleaned.location, meeting.joinUrl), cleaned.location);
  const now = storedFor(meeting, nextLocation !== cleaned.location, details);
  const block = joinBlockForPrepend(meeting, type, lineEndOf(textBody));
  try {
    await writeAll([
      {
        // One write: the other blocks out, then ours on top; undone by the body as it was.
        run: async () => {
          if (cleaned.body !== body) await item.setBody(cleaned.body, type);
          await item.prependToBody(block, type);
        },
        undo: () => item.setBody(body, type),
        undoIfFailed: cleaned.body !== body,
      },
      ...locationWrite(item, nextLocation, location),
      propertyWrite(props, now, previous),
    ]);
  } catch (error) {
    // As for any first add: the meeting just made is not left behind at BlueJeans.
    throw await endFreshMeeting(source, now, props, toAddinError(error));
  }
  return { meeting, action: "added", stored: now };
}
