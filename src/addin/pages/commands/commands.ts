/**
 * The one-click "Add BlueJeans meeting" command. Runs in Outlook's hidden function-file page:
 * no React here, progress and errors go through the item's notification bar, and
 * event.completed() is called on every path or Outlook keeps its spinner going.
 *
 * It makes what the person chose in the pane: a new scheduled meeting (token got silently, through
 * nested app authentication where Outlook offers it, else Office's single sign-on; when sign-in
 * needs them, "Open the BlueJeans pane to sign in" and nothing is written), else their personal room.
 */
import { addMeeting, refuseOtherMeetings } from "../../appointment/meetingFlow";
import { AddinError, toAddinError } from "../../host/errors";
import { notifyProblem } from "../../host/notify";
import { officeItemHost } from "../../host/officeAdapter";
import type { AppointmentPort } from "../../host/ports";
import { loadSettings } from "../../settings/settings";
import { chooseOutsidePane } from "../../sources/outsidePaneChoice";
import { personalRoomSource } from "../../sources/personalRoom";
import { joinBlockLinks } from "../../../shared/meeting/bodyEdit";

export const COMMAND_NAME = "addBlueJeansMeeting";

/** Office.context.platform as Office.onReady tells it; phones have no task pane. */
let platform = "";
const PHONES = new Set(["Android", "iOS"]);

/** On a phone, what to do names the pane where it is: Outlook on the web or on a computer. */
export function forPlatform(error: AddinError, on: string = platform): AddinError {
  if (!PHONES.has(on) || !/BlueJeans pane/.test(error.action)) return error;
  const action = error.code.startsWith("settings.")
    ? "Set it up in the BlueJeans pane in Outlook on the web or on a computer; your phone uses it from there."
    : "Use the BlueJeans pane in Outlook on the web or on a computer for this.";
  return new AddinError(error.message, action, error.code, error.detail);
}

const loadHtmlBodies = () =>
  import(/* webpackChunkName: "html-bodies" */ "../../../shared/meeting/htmlBodies");

/**
 * The appointment, with HTML body editing loaded only when it is needed: a first add reads the
 * body as text and prepends, so only updating, undoing or settling a race edits HTML. A block
 * already in the body means an update, which edits the HTML body after BlueJeans answered: its
 * code is loaded while the body is first read, so a failed load stops the add before BlueJeans
 * is asked for anything.
 */
function withHtmlOnDemand(item: AppointmentPort): AppointmentPort {
  return {
    ...item,
    getBody: async (type) => {
      if (type === "html") await loadHtmlBodies();
      const body = await item.getBody(type);
      // The same test addMeeting makes of this text to choose an update.
      if (type === "text" && joinBlockLinks(body).length > 0) await loadHtmlBodies();
      return body;
    },
  };
}

async function addFromCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = officeItemHost();
    // Shown alongside the reads, not before them: it must not add a round of Office calls.
    const progress = host.notifier.show("progress", "Adding BlueJeans meeting…").catch(() => undefined);
    try {
      const loaded = loadSettings(host.settings);
      // Reported, never written: damaged settings are replaced only when the person saves new
      // ones in the pane, and settings a newer version wrote are left as they are.
      if (!loaded.ok) {
        throw loaded.kind === "newer"
          ? new AddinError(
              "Your BlueJeans settings were saved by a newer version of the add-in.",
              "Update the add-in, or open the BlueJeans pane to use it.",
              "settings.newer",
            )
          : new AddinError(
              "Your saved BlueJeans settings could not be read.",
              "Open the BlueJeans pane to set it up.",
              "settings.damaged",
            );
      }
      // The scheduled path (configuration, silent token, BlueJeans through the server) is a
      // chunk of its own, loaded only when the person chose it.
      const { chosen, sources } =
        loaded.settings.meetingDefaults?.source === "scheduled"
          ? await (
              await import(/* webpackChunkName: "command-scheduled" */ "./scheduledPath")
            ).scheduledSources(host, loaded.settings)
          : chooseOutsidePane(loaded.settings, host.user.displayName, undefined);
      // Nothing set up: the personal room says so ("not set up yet") and nothing is written.
      const source = chosen ?? personalRoomSource(undefined, host.user.displayName);
      // Never beside another provider's details: only the pane can offer to replace them.
      const outcome = await addMeeting(withHtmlOnDemand(host.item), source, sources, {
        otherMeetings: refuseOtherMeetings,
      });
      await progress;
      await host.notifier.show(
        "info",
        outcome.action === "added"
          ? `BlueJeans meeting ${outcome.meeting.numericMeetingId} added.`
          : `BlueJeans meeting ${outcome.meeting.numericMeetingId} updated.`,
      );
    } catch (error) {
      await progress;
      await notifyProblem(host.notifier, forPlatform(toAddinError(error)));
    }
  } finally {
    event.completed();
  }
}

Office.onReady((info) => {
  platform = String(info?.platform ?? "");
  Office.actions.associate(COMMAND_NAME, addFromCommand);
});
