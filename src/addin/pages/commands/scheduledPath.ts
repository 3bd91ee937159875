/**
 * The one-click command's scheduled-meeting path, loaded only when the person chose scheduled
 * meetings: the server's configuration, the silent token and the scheduled source. A personal
 * room never loads any of it, which keeps the command within its size budget. Sign-in (MSAL) is
 * a further chunk, loaded when the meeting needs a token through nested app authentication.
 */
// A scheduled add settles races (a new meeting per add); the personal room never does.
import "../../appointment/raceSettling";
import { idempotencyKeyFor } from "../../appointment/storedMeeting";
import { loadEventConfig } from "../../events/config";
import { silentToken } from "../../events/token";
import type { OutlookHost } from "../../host/ports";
import type { Settings } from "../../settings/settings";
import { outsidePaneSources, type OutsidePaneSources } from "../../sources/outsidePane";

export async function scheduledSources(host: OutlookHost, settings: Settings): Promise<OutsidePaneSources> {
  const config = await loadEventConfig("", (input, init) => fetch(input, init));
  return outsidePaneSources({
    settings,
    scheduledAvailable: config.scheduledMeetings,
    apiBase: "",
    // Sign-in code (MSAL) loads only here, when a scheduled meeting needs a token and Outlook
    // offers nested app authentication; elsewhere Office's single sign-on needs none of it.
    getToken: () =>
      host.isSetSupported("NestedAppAuth", "1.1")
        ? import(/* webpackChunkName: "command-signin" */ "../../signin/silent").then(({ silentApiToken }) =>
            silentApiToken({
              origin: window.location.origin,
              loginHint: host.user.emailAddress,
              officeToken: silentToken,
            }),
          )
        : silentToken(),
    organizerName: host.user.displayName,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    idempotencyKey: () => idempotencyKeyFor(host.item),
  });
}
