/**
 * The redirect page of MSAL's popup, hidden-frame and redirect sign-ins (auth-redirect.html).
 * MSAL v5 reads the answer through this page: broadcastResponseToMainFrame() passes it to the
 * waiting pane (popup, hidden frame), or for a redirect sign-in (the Office dialog) goes back to
 * the page that started it with the answer kept in session storage.
 */
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

function say(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

broadcastResponseToMainFrame().catch(() => {
  say("This page finishes signing in to BlueJeans. There is no sign-in to finish here, so you can close it.");
});
