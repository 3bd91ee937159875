/**
 * The one-click "Add BlueJeans meeting" command. Runs in Outlook's hidden function-file page:
 * no React here, progress and errors go through the item's notification bar, and
 * event.completed() is called on every path or Outlook keeps its spinner going.
 */
import { addMeeting } from "../../appointment/meetingFlow";
import { AddinError, notificationText, toAddinError } from "../../host/errors";
import { officeHost } from "../../host/officeAdapter";
import { loadSettings, resetSettings } from "../../settings/settings";
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
      const source = personalRoomSource(loaded.settings.personalRoom, host.user.displayName);
      // Never beside another provider's details: only the pane can offer to replace them.
      const outcome = await addMeeting(
        host.item,
        source,
        (kind) => (kind === source.kind ? source : undefined),
        { otherMeetings: "refuse" },
      );
      await progress;
      await host.notifier.show(
        "info",
        outcome.action === "added"
          ? `BlueJeans meeting ${outcome.meeting.numericMeetingId} added.`
          : `BlueJeans meeting ${outcome.meeting.numericMeetingId} updated.`,
      );
    } catch (error) {
      await progress;
      const problem = toAddinError(error);
      await host.notifier
        .show("error", notificationText(problem.message, problem.action))
        .catch(() => undefined);
    }
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate(COMMAND_NAME, addFromCommand);
});
