/**
 * What the pane's meeting buttons run, as one chunk (loaded on idle, or when the pointer or focus
 * reaches a button): the flow, replacing another provider's details, settling racing adds and HTML body editing.
 */
import "../../../shared/meeting/htmlBodies";
import "../../appointment/raceSettling";

export * from "../../appointment/meetingFlow";
export { replaceOtherMeetings } from "../../appointment/replaceOthers";
