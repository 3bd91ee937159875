/**
 * The personal-meeting lookup between the task pane and the add-in's server: the signed-in
 * person's personal BlueJeans meeting, so nobody has to type its ID. Types only.
 *
 *   GET /api/personal-meeting  (Authorization: Bearer …)  → 200 PersonalMeetingResponse
 *
 * Failures answer an ApiErrorBody (./meetings), e.g. 403 `no_bluejeans_account` or 503
 * `bluejeans_unavailable`, whose message can be shown as it is.
 */

/** The same shape as the personal room in the pane's settings. */
export interface PersonalMeetingResponse {
  /** Digits only. */
  personalMeetingId: string;
  /** Digits only; absent when the room has no attendee passcode. */
  attendeePasscode?: string;
}

export const PERSONAL_MEETING_PATH = "/api/personal-meeting";
