/**
 * Which meeting the one-click command and the event handlers make, from the person's saved
 * choice: a new scheduled meeting when they chose that and the server offers it, else their
 * personal room. Shared so both behave alike and like the pane.
 */
import { DEFAULT_MEETING_DEFAULTS, type Settings } from "../settings/settings";
import { chooseOutsidePane, type OutsidePaneSources } from "./outsidePaneChoice";
import { scheduledMeetingSource } from "./scheduledMeeting";

export type { OutsidePaneSources } from "./outsidePaneChoice";

export interface OutsidePaneDeps {
  settings: Settings;
  /** The server creates scheduled meetings (config.json's features). */
  scheduledAvailable: boolean;
  /** The add-in's origin ("" for the page's own), where the meetings API is. */
  apiBase: string;
  /** A token for the meetings API, got without showing anything. */
  getToken(): Promise<string>;
  organizerName: string;
  timeZone: string;
  /** The appointment's one key for creating its meeting (see idempotencyKeyFor). */
  idempotencyKey(): Promise<string>;
  fetch?: typeof fetch;
}

export function outsidePaneSources(deps: OutsidePaneDeps): OutsidePaneSources {
  const { settings } = deps;
  const scheduled = deps.scheduledAvailable
    ? scheduledMeetingSource({
        // Passed on by name (apiBase, getToken, idempotencyKey, timeZone, fetch mean the same in
        // both): a field added to either must not reuse a name of the other's for something else.
        ...deps,
        // As the pane does: the saved options, else the defaults it would show.
        options: settings.meetingDefaults ?? DEFAULT_MEETING_DEFAULTS,
      })
    : undefined;
  return chooseOutsidePane(settings, deps.organizerName, scheduled);
}
