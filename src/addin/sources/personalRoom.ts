import { personalRoomMeeting } from "../../shared/meeting/model";
import { AddinError } from "../host/errors";
import type { PersonalRoomSettings } from "../settings/settings";
import type { MeetingSource } from "./meetingSource";

/** The person's own BlueJeans room: the same meeting ID every time, nothing to create or delete. */
export function personalRoomSource(
  room: PersonalRoomSettings | undefined,
  organizerName: string | undefined,
): MeetingSource {
  const meeting = () => {
    if (!room) {
      throw new AddinError(
        "Your personal meeting ID is not set up yet.",
        "Open the BlueJeans pane, choose Settings and enter your personal meeting ID.",
        "settings.missing",
      );
    }
    return personalRoomMeeting({
      numericMeetingId: room.personalMeetingId,
      attendeePasscode: room.attendeePasscode,
      organizerName: organizerName || undefined,
    });
  };
  return {
    kind: "personal-room",
    create: async () => meeting(),
    update: async () => meeting(),
    remove: async () => undefined,
  };
}
