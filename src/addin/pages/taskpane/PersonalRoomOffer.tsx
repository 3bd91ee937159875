/**
 * What BlueJeans holds as the person's personal meeting, offered on the settings form so nobody
 * has to type it (issue 11, part 3). Not wired in yet: the pane shows it once it has a token for
 * the add-in's API and a server (features.scheduledMeetings), e.g.
 *
 *   const lookup = usePersonalRoomLookup(server ? { apiBase: "", getToken } : undefined);
 *   <PersonalRoomOffer lookup={lookup} onUse={(room) => onSave({ ...settings, personalRoom: room })} />
 *
 * and goes straight to the ready view when `lookup.status === "found"` on a first run.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { PersonalRoomSettings } from "../../settings/settings";
import {
  lookUpPersonalRoom,
  type PersonalRoomLookup,
  type PersonalRoomLookupDeps,
} from "../../sources/personalRoomLookup";

export type PersonalRoomLookupState = { status: "idle" } | { status: "looking" } | PersonalRoomLookup;

/** Looks the personal meeting up once `deps` is given (signed in, with a server); idle before. */
export function usePersonalRoomLookup(deps: PersonalRoomLookupDeps | undefined): PersonalRoomLookupState {
  const [state, setState] = useState<PersonalRoomLookupState>({ status: "idle" });
  useEffect(() => {
    if (!deps) return undefined;
    let live = true;
    setState({ status: "looking" });
    void lookUpPersonalRoom(deps).then((outcome) => {
      if (live) setState(outcome);
    });
    return () => {
      live = false;
    };
  }, [deps]);
  return state;
}

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
