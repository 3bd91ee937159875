/**
 * What BlueJeans holds as the person's personal meeting, offered on the settings form so nobody
 * has to type it (issue 11, part 3). App.tsx looks it up (personalRoomLookup.ts) once sign-in is
 * ready and the server offers the API, and loads this part lazily: it is never in the first view.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { PersonalRoomSettings } from "../../settings/settings";
import type { PersonalRoomLookupState } from "./personalRoomLookup";

export { usePersonalRoomLookup, type PersonalRoomLookupState } from "./personalRoomLookup";

/** Digits in threes for reading aloud: 4155550101 → "415 555 0101". */
export function groupDigits(digits: string): string {
  return digits.replace(/^(\d{3})(\d{3})(\d+)$/, "$1 $2 $3");
}

interface Props {
  lookup: PersonalRoomLookupState;
  onUse(room: PersonalRoomSettings): void;
}

export function PersonalRoomOffer({ lookup, onUse }: Props) {
  switch (lookup.status) {
    case "looking":
      return <p role="status">Looking up your personal meeting in BlueJeans…</p>;
    case "found": {
      const { room } = lookup;
      return (
        <MessageBar intent="info" role="status">
          <MessageBarBody>
            <MessageBarTitle>BlueJeans has your personal meeting</MessageBarTitle>
            Meeting ID {groupDigits(room.personalMeetingId)}
            {room.attendeePasscode ? `, passcode ${room.attendeePasscode}` : ", no passcode"}.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => onUse(room)}>
              Use it
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
    }
    case "no-account":
    case "unavailable":
      return (
        <MessageBar intent="warning" role="status">
          <MessageBarBody>
            <MessageBarTitle>Type your personal meeting ID below</MessageBarTitle>
            {lookup.message}
          </MessageBarBody>
        </MessageBar>
      );
    default:
      // Idle, or a sign-in problem: the consent section already shows what to do.
      return null;
  }
}
