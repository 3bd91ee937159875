/**
 * The lookup of the person's personal meeting as a hook that reports to the pane's model
 * (state.ts), kept apart from PersonalRoomOffer so the pane can run it without loading the offer's
 * message bar into its first view. What the answer leads to (an offer, or the room saved on a
 * first run) is the model's decision.
 */
import { useEffect } from "react";
import { lookUpPersonalRoom, type PersonalRoomLookupDeps } from "../../sources/personalRoomLookup";
import type { PaneAction } from "./state";

/** Looks the personal meeting up each time `deps` is given (signed in, with a server). */
export function useRoomLookup(
  deps: PersonalRoomLookupDeps | undefined,
  dispatch: (action: PaneAction) => void,
): void {
  useEffect(() => {
    if (!deps) return;
    dispatch({ type: "roomLookupStarted" });
    // Never throws; the answer is reported even if the form has gone, the model decides what it means.
    void lookUpPersonalRoom(deps).then((outcome) => dispatch({ type: "roomLookupSettled", outcome }));
  }, [deps, dispatch]);
}
