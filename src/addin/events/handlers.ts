// requirement set: events
/**
 * What each Outlook event does with the appointment. Plain async functions over the host's ports,
 * so they run the same in Outlook, in the workbench's Web Worker and in unit tests. Each returns
 * what the event is completed with; `run.ts` makes sure that happens on every path.
 */
import { addMeeting, readDetails, updateMeeting } from "../appointment/meetingFlow";
import {
  EXTRA_MEETING,
  idempotencyKeyFor,
  isBehind,
  parseStoredMeeting,
  MEETING_PROPERTY,
} from "../appointment/storedMeeting";
import { SIGN_IN_NEEDED, toAddinError, type AddinError } from "../host/errors";
import { notifyProblem, PANE_BUTTON } from "../host/notify";
import type { OutlookHost } from "../host/ports";
import { loadSettings, type Settings } from "../settings/settings";
import type { MeetingSource, StoredMeeting } from "../sources/meetingSource";
import { outsidePaneSources, type OutsidePaneSources } from "../sources/outsidePane";
import { joinBlockLinks } from "../../shared/meeting/bodyEdit";
import { findOtherMeetingsInText } from "../../shared/meeting/otherProviders";
import type { EventConfig } from "./config";

/** What an event is completed with: nothing, or for send whether it may go and why not. */
export type Completion = undefined | { allowEvent: boolean; errorMessage?: string };

export interface EventEnv {
  host: OutlookHost;
  config(): Promise<EventConfig>;
  /** A token for the meetings API, silently; rejects when the person must sign in. */
  getToken(): Promise<string>;
  /** The add-in's origin, where /api/meetings is. */
  apiBase: string;
  timeZone: string;
  fetch?: typeof fetch;
}

export { PANE_BUTTON, SIGN_IN_MESSAGE } from "../host/notify";

const ALLOW: Completion = { allowEvent: true };

async function sourcesFor(env: EventEnv, settings: Settings): Promise<OutsidePaneSources> {
  const config = await env.config();
  return outsidePaneSources({
    // apiBase, getToken, timeZone and fetch by name, as outsidePane.ts passes them on.
    ...env,
    settings,
    scheduledAvailable: config.scheduledMeetings,
    organizerName: env.host.user.displayName,
    idempotencyKey: () => idempotencyKeyFor(env.host.item),
  });
}

const tell = (env: EventEnv, problem: AddinError, prefix = ""): Promise<void> =>
  notifyProblem(env.host.notifier, problem, prefix);

/** OnNewAppointmentOrganizer: adds the chosen meeting once, when the person or the admin asked for it. */
export async function onNewAppointment(env: EventEnv): Promise<Completion> {
  const { host } = env;
  const loaded = loadSettings(host.settings);
  const config = await env.config();
  if (!config.autoAddAlways && !(loaded.ok && loaded.settings.autoAdd === true)) return undefined;

  const [props, textBody, location] = await Promise.all([
    host.item.loadCustomProperties(),
    host.item.getBody("text"),
    host.item.getLocation(),
  ]);
  // Exactly once: a reopened draft, a second firing or the pane got there first.
  if (parseStoredMeeting(props.get(MEETING_PROPERTY)) || joinBlockLinks(textBody).length > 0) {
    return undefined;
  }
  // Another provider's meeting is already in it: leave the appointment alone, and say nothing.
  if (findOtherMeetingsInText(textBody, location).length > 0) return undefined;

  const { chosen, sources } = await sourcesFor(env, loaded.settings);
  if (!chosen) {
    await host.notifier
      .showWithPaneButton?.(
        "To add BlueJeans meetings automatically, open the BlueJeans pane and set up your meetings.",
        PANE_BUTTON,
      )
      .catch(() => undefined);
    return undefined;
  }
  try {
    // Settled: the pane may be adding to this new appointment at the same moment.
    const outcome = await addMeeting(host.item, chosen, sources, { settle: true });
    await host.notifier
      .show("info", `BlueJeans meeting ${outcome.meeting.numericMeetingId} added.`)
      .catch(() => undefined);
  } catch (error) {
    const problem = toAddinError(error);
    // A meeting was added; only an extra one made in a race is left at BlueJeans.
    await tell(env, problem, problem.code === EXTRA_MEETING ? "" : "No BlueJeans meeting was added. ");
  }
  return undefined;
}

/** The scheduled source for a stored scheduled meeting, or undefined when there is nothing to do. */
async function scheduledFor(
  env: EventEnv,
  stored: StoredMeeting | undefined,
): Promise<{ source: MeetingSource; all: OutsidePaneSources } | undefined> {
  if (!stored || stored.source !== "scheduled") return undefined; // A personal room has no times.
  const loaded = loadSettings(env.host.settings);
  const all = await sourcesFor(env, loaded.settings);
  return all.scheduled ? { source: all.scheduled, all } : undefined;
}

/**
 * Time, attendee and recurrence changes: BlueJeans gets the new details (PUT) and the join block
 * is refreshed in place. If BlueJeans or sign-in fails, nothing is written and a notification says
 * what to do; the next change, the pane's "Update meeting details" or the send check catches up.
 */
export async function onDetailsChanged(env: EventEnv): Promise<Completion> {
  const { host } = env;
  const props = await host.item.loadCustomProperties();
  const stored = parseStoredMeeting(props.get(MEETING_PROPERTY));
  const scheduled = await scheduledFor(env, stored);
  if (!scheduled) return undefined;
  try {
    await updateMeeting(host.item, scheduled.source, scheduled.all.sources);
    await host.notifier.clear();
  } catch (error) {
    const problem = toAddinError(error);
    const prefix =
      problem.code === "recurrence.unsupported" ? "" : "BlueJeans still has this meeting's old details. ";
    await tell(env, problem, prefix);
  }
  return undefined;
}

const hold = (errorMessage: string): Completion => ({ allowEvent: false, errorMessage });

const UPDATE = " Choose Don't Send, then Update meeting details in the BlueJeans pane.";
const OLD_DETAILS = "BlueJeans still has this meeting's old time or attendees";

export const SEND_MESSAGES = {
  missing: `The BlueJeans join details were deleted from this meeting.${UPDATE}`,
  twice: "This meeting has the BlueJeans join details twice. Choose Don't Send and delete one.",
  otherId: (shown: string, stored: string) =>
    `The join details show BlueJeans meeting ${shown}, not this appointment's meeting ${stored}.${UPDATE}`,
  behind: `${OLD_DETAILS}, and updating it failed.${UPDATE}`,
  signIn: `${OLD_DETAILS}. Choose Don't Send and open the BlueJeans pane to sign in.`,
} as const;

/**
 * OnAppointmentSend (Smart Alerts): holds the send, with Outlook's "Send anyway", when the join
 * details are missing, doubled or of another meeting, or when BlueJeans could not be brought up to
 * date with the appointment. An appointment with nothing of BlueJeans in it is never held.
 */
export async function onAppointmentSend(env: EventEnv): Promise<Completion> {
  const { host } = env;
  const [props, textBody] = await Promise.all([host.item.loadCustomProperties(), host.item.getBody("text")]);
  const stored = parseStoredMeeting(props.get(MEETING_PROPERTY));
  // The meeting ID each block shows in its join link.
  const blocks = joinBlockLinks(textBody);
  if (!stored && blocks.length === 0) return ALLOW;
  if (blocks.length > 1) return hold(SEND_MESSAGES.twice);
  if (!stored) return ALLOW; // One block and no record: details pasted by hand, nothing to compare.
  if (blocks.length === 0) return hold(SEND_MESSAGES.missing);
  const shown = blocks[0]?.numericMeetingId;
  if (shown !== undefined && shown !== stored.numericMeetingId) {
    return hold(SEND_MESSAGES.otherId(shown, stored.numericMeetingId));
  }
  const scheduled = await scheduledFor(env, stored);
  if (!scheduled) return ALLOW;
  const details = await readDetails(host.item, scheduled.source).catch(() => undefined);
  if (!details || !isBehind(stored, details)) return ALLOW;
  // BlueJeans is behind (a failed update, or a change Outlook raised no event for): catch up now.
  try {
    await updateMeeting(host.item, scheduled.source, scheduled.all.sources);
    return ALLOW;
  } catch (error) {
    return hold(toAddinError(error).code === SIGN_IN_NEEDED ? SEND_MESSAGES.signIn : SEND_MESSAGES.behind);
  }
}
