/** The pure meeting core: model, join block rendering, body and location editing. No Office, React or DOM. */

export * from "./model";
export { escapeAttr, escapeHtml } from "./escape";
export {
  JOIN_BLOCK_END_MARKER,
  JOIN_BLOCK_START_MARKER,
  JOIN_BLOCK_WRAPPER_ID,
  isSafeHref,
  joinBlockForPrepend,
  oneTouchUri,
  renderJoinBlockHtml,
  renderJoinBlockText,
} from "./joinBlock";
export type { BodyType, LineEnding } from "./joinBlock";
export {
  containsJoinBlock,
  detectLineEnding,
  findJoinBlocks,
  joinBlockLinks,
  removeJoinBlocks,
  replaceJoinBlock,
} from "./bodyEdit";
export type { BlockLink, SourceRange } from "./bodyEdit";
export { addJoinUrlToLocation, removeJoinUrlFromLocation, replaceJoinUrlInLocation } from "./location";
export { findOtherMeetingsInText } from "./otherProviders";
export { findOtherMeetings, removeOtherMeeting } from "./otherProvidersHtml";
export type { OtherMeeting, OtherProvider } from "./otherProviders";
