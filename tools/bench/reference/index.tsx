/**
 * The bench's reference: a bare Fluent UI v9 pane (FluentProvider, Field, Input, Button,
 * MessageBar, Link) rendered once Office is ready, built with the add-in's webpack settings and
 * renderer. `npm run bench` times the real pane against it; it is not part of the product.
 */
import {
  Button,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  webLightTheme,
} from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

Office.onReady(() => {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
      <main style={{ display: "flex", flexDirection: "column", gap: 12, padding: 16 }}>
        <MessageBar intent="info">
          <MessageBarBody>Reference pane</MessageBarBody>
        </MessageBar>
        <Field label="Personal meeting ID" hint="The digits of your personal room.">
          <Input />
        </Field>
        <Button appearance="primary">Save</Button>
        <Link href="https://support.bluejeans.com" target="_blank">
          Help
        </Link>
      </main>
    </FluentProvider>,
  );
});
