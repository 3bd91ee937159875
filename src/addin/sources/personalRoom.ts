import { personalRoomMeeting } from "../../shared/meeting/model";
import { AddinError } from "../host/errors";
import type { PersonalRoomSettings } from "../settings/settings";
import type { MeetingSource } from "./meetingSource";

/** The person's own BlueJeans room: the same meeting ID every time, nothing to create or delete. */
export function roomSource(room: PersonalRoomSettings, organizerName: string | undefined): MeetingSource {
  const meeting = async () =>
    personalRoomMeeting({
      numericMeetingId: room.personalMeetingId,
      attendeePasscode: room.attendeePasscode,
      organizerName: organizerName || undefined,
    });
  return {
    kind: "personal-room",
    fixedMeetingId: room.personalMeetingId,
    create: meeting,
    update: meeting,
    remove: async () => undefined,
  };
}

/**
 * The room as the pane and the command offer it even before it is set up: then using it says
 * where to set it up. (The event runtime only ever uses a room that is set up: roomSource.)
 */
export function personalRoomSource(
  room: PersonalRoomSettings | undefined,
  organizerName: string | undefined,
): MeetingSource {
  if (room) return roomSource(room, organizerName);
  const missing = async (): Promise<never> => {
    throw new AddinError(
      "Your personal meeting ID is not set up yet.",
      "Open the BlueJeans pane, choose Settings and enter your personal meeting ID.",
      "settings.missing",
    );
  };
  return { kind: "personal-room", create: missing, update: missing, remove: async () => undefined };
}
