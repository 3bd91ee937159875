/**
 * The one-click "Add BlueJeans meeting" command. Runs in Outlook's hidden function-file page:
 * no React here, progress and errors go through the item's notification bar, and
 * event.completed() is called on every path or Outlook keeps its spinner going.
 *
 * It makes what the person chose in the pane: a new scheduled meeting (token got silently; when
 * sign-in needs them, "Open the BlueJeans pane to sign in" and nothing is written), else their
 * personal room.
 */
import { addMeeting } from "../../appointment/meetingFlow";
import { loadEventConfig, NO_CONFIG } from "../../events/config";
import { silentToken } from "../../events/token";
import { AddinError, toAddinError } from "../../host/errors";
import { notifyProblem } from "../../host/notify";
import { officeHost } from "../../host/officeAdapter";
import { loadSettings, resetSettings } from "../../settings/settings";
import { newIdempotencyKey, outsidePaneSources } from "../../sources/outsidePane";
import { personalRoomSource } from "../../sources/personalRoom";

export const COMMAND_NAME = "addBlueJeansMeeting";

async function addFromCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = officeHost();
    // Shown alongside the reads, not before them: it must not add a round of Office calls.
    const progress = host.notifier.show("progress", "Adding BlueJeans meeting…").catch(() => undefined);
    try {
      const loaded = loadSettings(host.settings);
      if (!loaded.ok) {
        await resetSettings(host.settings).catch(() => undefined);
        throw new AddinError(
          "Your saved BlueJeans settings could not be read and were reset.",
          "Open the BlueJeans pane to set it up.",
          "settings.damaged",
        );
      }
      const wantsScheduled = loaded.settings.meetingDefaults?.source === "scheduled";
      const config = wantsScheduled
        ? await loadEventConfig("", (input, init) => fetch(input, init))
        : NO_CONFIG;
      const { chosen, sources } = outsidePaneSources({
        settings: loaded.settings,
        scheduledAvailable: config.scheduledMeetings,
        apiBase: "",
        getToken: silentToken,
        organizerName: host.user.displayName,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        idempotencyKey: newIdempotencyKey(),
      });
      // Nothing set up: the personal room says so ("not set up yet") and nothing is written.
      const source = chosen ?? personalRoomSource(undefined, host.user.displayName);
      // Never beside another provider's details: only the pane can offer to replace them.
      const outcome = await addMeeting(host.item, source, sources, { otherMeetings: "refuse" });
      await progress;
      await host.notifier.show(
        "info",
        outcome.action === "added"
          ? `BlueJeans meeting ${outcome.meeting.numericMeetingId} added.`
          : `BlueJeans meeting ${outcome.meeting.numericMeetingId} updated.`,
      );
    } catch (error) {
      await progress;
      await notifyProblem(host.notifier, toAddinError(error));
    }
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate(COMMAND_NAME, addFromCommand);
});
