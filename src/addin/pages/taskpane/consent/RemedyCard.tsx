import { Button } from "@fluentui/react-components";
import type { MouseEvent } from "react";
import type { ClassifiedAuthError } from "../../../../shared/consent/classify";
import type { Cloud } from "../../../../shared/consent/config";
import type { Remedy } from "../../../../shared/consent/remedies";
import { CopyLink } from "./CopyLink";
import { Guidance } from "./Guidance";
import type { LinkResult } from "./model";
import { useConsentStyles } from "./styles";

export interface RemedyCardProps {
  remedy: Remedy;
  classification?: ClassifiedAuthError;
  /** The add-in's own approval link; absent where no organisation exists (personal account). */
  ownLink?: LinkResult;
  mailto?: string;
  busy: boolean;
  cloud: Cloud;
  headingId: string;
  occurredAt?: Date;
  onRetry(): void;
  onSignIn(): void;
  onOpenOwn(event: MouseEvent<HTMLAnchorElement>): void;
}

/** What happened, who can fix it and what to do, with the actions that help. */
export function RemedyCard(props: RemedyCardProps) {
  const styles = useConsentStyles();
  const { remedy, classification, ownLink } = props;
  const has = (action: Remedy["actions"][number]) => remedy.actions.includes(action);
  const linkOk = ownLink?.ok === true ? ownLink : undefined;

  return (
    <section aria-labelledby={props.headingId} className={styles.card} data-testid="consent-remedy">
      <h3 id={props.headingId} className={styles.subheading} tabIndex={-1}>
        {remedy.title}
      </h3>
      <dl className={styles.facts}>
        <dt className={styles.term}>What happened</dt>
        <dd className={styles.definition} data-testid="remedy-what-happened">
          {remedy.whatHappened}
        </dd>
        <dt className={styles.term}>Who can fix it</dt>
        <dd className={styles.definition} data-testid="remedy-who">
          {remedy.whoCanFix}
        </dd>
        <dt className={styles.term}>What to do</dt>
        <dd className={styles.definition} data-testid="remedy-what-to-do">
          {remedy.whatToDo}
        </dd>
      </dl>

      {has("allowPopups") && (
        <p className={styles.small}>
          In a browser, allow pop-ups for this site (the browser shows a blocked-window sign in the address
          bar).
        </p>
      )}

      <div className={styles.actions}>
        {has("signInPopup") && (
          <Button appearance="primary" onClick={props.onSignIn} disabled={props.busy}>
            Sign in
          </Button>
        )}
        {has("retry") && (
          <Button onClick={props.onRetry} disabled={props.busy}>
            Try again
          </Button>
        )}
        {has("adminConsentLink") && linkOk && (
          <a
            className={styles.link}
            href={linkOk.url}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="approval-link-own"
            onClick={props.onOpenOwn}
          >
            Open the approval page
          </a>
        )}
        {has("copyLink") && linkOk && <CopyLink url={linkOk.url} what="approval link" testId="link-own" />}
        {has("emailAdmin") && props.mailto && (
          <a className={styles.link} href={props.mailto} data-testid="email-admin">
            E-mail the approval link to your administrator
          </a>
        )}
      </div>

      {ownLink && !ownLink.ok && (has("adminConsentLink") || has("copyLink") || has("emailAdmin")) && (
        <p className={styles.text} data-testid="approval-link-problem">
          The approval link cannot be made from the add-in&apos;s settings ({ownLink.problem}). Ask whoever
          set up BlueJeans to check them.
        </p>
      )}

      {has("integratedAppsGuidance") && <Guidance cloud={props.cloud} />}

      {classification && (has("showCorrelationId") || classification.kind === "unknown") && (
        <p className={styles.small} data-testid="correlation-id">
          Correlation ID:{" "}
          <span className={styles.code}>
            {classification.correlationId ?? "not reported (Outlook's own sign-in does not give one)"}
          </span>
          {classification.aadsts !== undefined && (
            <>
              {" · "}Error: <span className={styles.code}>AADSTS{classification.aadsts}</span>
            </>
          )}
          {props.occurredAt && (
            <>
              {" · "}Time: <span className={styles.code}>{props.occurredAt.toISOString()}</span>
            </>
          )}
        </p>
      )}
      {classification && (
        <details className={styles.details}>
          <summary className={styles.summary}>Technical details</summary>
          <p className={styles.code} data-testid="remedy-technical">
            {[classification.errorCode, classification.subError].filter(Boolean).join(" / ")}
            {classification.errorCode ? ": " : ""}
            {classification.message}
          </p>
        </details>
      )}
    </section>
  );
}
