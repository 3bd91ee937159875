/**
 * The lookup of the person's personal meeting as a hook, kept apart from PersonalRoomOffer so the
 * pane can run it without loading the offer's message bar into its first view.
 */
import { useEffect, useState } from "react";
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
