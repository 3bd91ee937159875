import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { officeHost } from "../outlook/officeAdapter";
import { App } from "./App";
import { isDarkTheme } from "./theme";

// React renders only once Office is ready: before that there is no mailbox to talk to.
Office.onReady(() => {
  const host = officeHost();
  const container = document.getElementById("root");
  if (!container) return;
  const dark = isDarkTheme(host.theme);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App host={host} />
    </FluentProvider>,
  );
});
