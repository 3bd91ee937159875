import { FluentProvider, webLightTheme, type Theme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { readStoredMeeting } from "../../appointment/storedMeeting";
import { officePaneHost } from "../../host/paneHost";
import { App } from "./App";
import { isDarkTheme } from "./theme";

async function themeFor(dark: boolean): Promise<Theme> {
  if (!dark) return webLightTheme;
  const { webDarkTheme } = await import(/* webpackChunkName: "dark-theme" */ "./darkTheme");
  return webDarkTheme;
}

// React renders only once Office is ready: before that there is no mailbox to talk to.
Office.onReady(async () => {
  const host = officePaneHost();
  const container = document.getElementById("root");
  if (!container) return;
  // Asked first, so Outlook answers while the theme and the first render are made.
  const storedMeeting = readStoredMeeting(host.item);
  storedMeeting.catch(() => undefined); // App reports a failure; none goes unhandled meanwhile.
  const dark = isDarkTheme(host.theme);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  // A failed theme load must not leave the pane blank: fall back to the light theme.
  const theme = await themeFor(dark).catch(() => webLightTheme);
  createRoot(container).render(
    <FluentProvider theme={theme} style={{ minHeight: "100vh" }}>
      <App host={host} storedMeeting={storedMeeting} />
    </FluentProvider>,
  );
});
