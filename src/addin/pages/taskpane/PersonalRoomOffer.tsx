/**
 * What BlueJeans holds as the person's personal meeting, offered on the settings form so nobody
 * has to type it (issue 11, part 3). App.tsx looks it up (personalRoomLookup.ts) once sign-in
 * worked without the person and the server offers the API, and loads this part lazily: it is never
 * in the first view. On a first run with an untouched form the room is saved without this offer.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { PersonalRoomSettings } from "../../settings/settings";
import type { RoomLookupState } from "./state";

/** Digits in threes for reading aloud: 4155550101 → "415 555 0101". */
export function groupDigits(digits: string): string {
  return digits.replace(/^(\d{3})(\d{3})(\d+)$/, "$1 $2 $3");
}

/** The lookup needs the person to sign in again (the token for the add-in's API was refused). */
export const SIGN_IN_NEEDED =
  "BlueJeans could not be asked for your personal meeting without you signing in again.";

interface Props {
  lookup: RoomLookupState;
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
    case "sign-in":
      return (
        <MessageBar intent="warning" role="status">
          <MessageBarBody>
            <MessageBarTitle>Type your personal meeting ID below</MessageBarTitle>
            {lookup.status === "sign-in" ? SIGN_IN_NEEDED : lookup.message}
          </MessageBarBody>
        </MessageBar>
      );
    default:
      return null;
  }
}
