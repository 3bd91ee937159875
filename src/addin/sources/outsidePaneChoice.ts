/**
 * The choice behind the one-click command and the event handlers: a new scheduled meeting when
 * the person chose that and it is offered, else their personal room. Kept apart from building the
 * scheduled source (outsidePane.ts), so the command loads that only when it is chosen.
 */
import type { Settings } from "../settings/settings";
import type { MeetingSource, MeetingSources } from "./meetingSource";
import { roomSource } from "./personalRoom";

export interface OutsidePaneSources {
  /** What a new meeting is made from; undefined when nothing is set up yet. */
  chosen: MeetingSource | undefined;
  /** The scheduled source, when the server offers scheduled meetings. */
  scheduled: MeetingSource | undefined;
  sources: MeetingSources;
}

/** `scheduled`: the scheduled source when the server offers scheduled meetings. */
export function chooseOutsidePane(
  settings: Settings,
  organizerName: string,
  scheduled: MeetingSource | undefined,
): OutsidePaneSources {
  const room = settings.personalRoom ? roomSource(settings.personalRoom, organizerName) : undefined;
  const wantsScheduled = settings.meetingDefaults?.source === "scheduled";
  const chosen = wantsScheduled && scheduled ? scheduled : room;
  return {
    chosen,
    scheduled,
    sources: (kind) => (kind === "scheduled" ? scheduled : kind === "personal-room" ? room : undefined),
  };
}
