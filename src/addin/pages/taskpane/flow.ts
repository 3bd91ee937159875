/**
 * What the pane's meeting buttons run, as one chunk (loaded on idle, or when the pointer or focus
 * reaches a button): the flow, replacing another provider's details, and HTML body editing.
 */
import "../../../shared/meeting/htmlBodies";

export * from "../../appointment/meetingFlow";
export { replaceOtherMeetings } from "../../appointment/replaceOthers";
