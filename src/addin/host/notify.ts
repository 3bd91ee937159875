/**
 * Telling the person about a problem from code without UI of its own (the one-click command and
 * the event handlers): sign-in and a series BlueJeans cannot repeat get a button that opens the
 * pane; anything else an error notification with what to do. Never rejects.
 */
import { notificationText, SIGN_IN_NEEDED, type AddinError } from "./errors";
import type { NotifierPort } from "./ports";

export const PANE_BUTTON = "Open BlueJeans";
export const SIGN_IN_MESSAGE = "Open the BlueJeans pane to sign in.";

const NEEDS_PANE = new Set([SIGN_IN_NEEDED, "recurrence.unsupported"]);

export async function notifyProblem(notifier: NotifierPort, problem: AddinError, prefix = ""): Promise<void> {
  const message =
    problem.code === SIGN_IN_NEEDED
      ? `${prefix}${SIGN_IN_MESSAGE}`
      : notificationText(`${prefix}${problem.message}`, problem.action);
  const shown =
    NEEDS_PANE.has(problem.code) && notifier.showWithPaneButton
      ? notifier.showWithPaneButton(message, PANE_BUTTON)
      : notifier.show("error", message);
  await shown.catch(() => undefined);
}
