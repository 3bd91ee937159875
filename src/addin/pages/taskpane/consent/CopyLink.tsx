import { Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { useConsentStyles } from "./styles";

export interface CopyLinkProps {
  url: string;
  /** Names the link in the button and the fallback box, e.g. "approval link for BlueJeans Events". */
  what: string;
  testId: string;
}

/** Copies a link; where the clipboard is not available, shows it in a box to copy by hand. */
export function CopyLink({ url, what, testId }: CopyLinkProps) {
  const styles = useConsentStyles();
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      setState("manual");
    }
  };

  return (
    <>
      <Button onClick={copy} data-testid={`copy-${testId}`}>
        Copy {what}
      </Button>
      {state === "copied" && (
        <span className={styles.small} role="status">
          Copied.
        </span>
      )}
      {state === "manual" && (
        <Field
          label={`The ${what}`}
          hint="Copying did not work here. Select the text in the box and copy it yourself."
          style={{ width: "100%" }}
        >
          <Input
            readOnly
            value={url}
            data-testid={`copy-fallback-${testId}`}
            onFocus={(event) => event.currentTarget.select()}
          />
        </Field>
      )}
    </>
  );
}
