/**
 * "Microsoft 365 access" in the task pane: checks quietly whether BlueJeans may use the person's
 * calendar, and when it may not, says what happened, who can fix it and what to do, with the
 * actions that help (sign in, approval links, e-mail to an administrator, the admin view).
 *
 * Loaded with lazy() and never awaited by the meeting buttons. What sign-in knows lives in the
 * pane's model (state.ts, started by start.ts); this section shows it and offers the actions.
 */
import { Button } from "@fluentui/react-components";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent } from "react";
import {
  adminConsentLinks,
  ConsentInputError,
  createConsentStateStore,
  type AppConsentLink,
  type ConsentStateStore,
} from "../../../../shared/consent/adminConsentUrl";
import { CONSENT_NOTICE_KEY } from "../../../signin/notice";
import type { ClassifiedAuthError } from "../../../../shared/consent/classify";
import { adminMailto, isConsentAdmin, remedyFor, type Remedy } from "../../../../shared/consent/remedies";
import type { PaneHost } from "../../../host/ports";
import { AdminView } from "./AdminView";
import type { AccessState, PaneAction } from "../state";
import {
  decideTenant,
  isPersonalAccount,
  ownAppId,
  ownAppName,
  ownConsentLink,
  type LinkResult,
  type TenantDecision,
} from "./model";
import { RemedyCard } from "./RemedyCard";
import { useConsentStyles } from "./styles";

export interface ConsentSectionProps {
  host: PaneHost;
  /** Sign-in and access, owned by the pane's model (state.ts). */
  access: AccessState;
  dispatch: (action: PaneAction) => void;
  /** Where the approval states are kept; localStorage by default (the callback page reads it). */
  storage?: Storage;
  now?: () => number;
}

function safeStorage(explicit?: Storage): Storage | undefined {
  if (explicit) return explicit;
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** A store that forgets everything, for when storage is blocked: links still work, callbacks cannot be confirmed. */
function memoryStore(): ConsentStateStore {
  const data = new Map<string, string>();
  return createConsentStateStore({
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  });
}

export function ConsentSection({ host, access, dispatch, storage, now = Date.now }: ConsentSectionProps) {
  const styles = useConsentStyles();
  const ids = { heading: useId(), remedy: useId(), admin: useId(), status: useId() };
  const store = useMemo(() => {
    const s = safeStorage(storage);
    return s ? createConsentStateStore(s) : memoryStore();
  }, [storage]);

  const [adminClaimed, setAdminClaimed] = useState<boolean | undefined>();
  const focusNext = useRef<"remedy" | "admin" | undefined>(undefined);

  const { auth, loaded, busy, result: state, lastAttempt, startProblem, officeTenantId } = access;
  const occurredAt = access.occurredAt === undefined ? undefined : new Date(access.occurredAt);
  const accountType = host.user.accountType;
  const personal = isPersonalAccount(accountType);

  const check = useCallback(
    async (userAction: boolean) => {
      if (!auth) return;
      dispatch({ type: "checkStarted", busy: "check" });
      const result = await auth.checkSilently({ forceRefresh: true });
      if (userAction) focusNext.current = "remedy";
      dispatch({ type: "checkSettled", result, attempt: "silent", at: now() });
    },
    [auth, dispatch, now],
  );

  const signIn = useCallback(async () => {
    if (!auth) return;
    dispatch({ type: "checkStarted", busy: "signIn" });
    const result = await auth.signInInteractive();
    focusNext.current = "remedy";
    dispatch({ type: "checkSettled", result, attempt: "interactive", at: now() });
  }, [auth, dispatch, now]);

  // An approval finished in another window or tab: check again at once.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === CONSENT_NOTICE_KEY && event.newValue) void check(false);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [check]);

  // Focus follows the person's own actions only, never the quiet check on opening.
  useEffect(() => {
    const target = focusNext.current;
    if (target === undefined) return;
    const id = target === "admin" ? ids.admin : state?.status === "problem" ? ids.remedy : ids.status;
    const element = document.getElementById(id);
    if (!element) return; // not rendered yet (the admin view waits for its links): next render
    focusNext.current = undefined;
    element.focus();
  });

  // ---- Who is reading, which organisation -------------------------------------------------------------

  // Whom sign-in last knew, even when the latest attempt failed without naming anyone.
  const account = access.account;
  const widsAdmin = isConsentAdmin(account?.wids);
  const isAdmin: boolean | "unknown" = adminClaimed === true ? true : widsAdmin;
  const adminOpen = adminClaimed ?? widsAdmin === true;
  const cfg = loaded?.ok ? loaded.config : undefined;

  const tenant: TenantDecision | undefined = useMemo(() => {
    if (!cfg) return undefined;
    return decideTenant(cfg, {
      ...(officeTenantId ? { officeTenantId } : {}),
      ...(account?.tenantId ? { accountTenantId: account.tenantId } : {}),
      ...(accountType ? { accountType } : {}),
      ...(access.domainTenantId ? { domainTenantId: access.domainTenantId } : {}),
    });
  }, [cfg, officeTenantId, account?.tenantId, accountType, access.domainTenantId]);
  const tenantKey = tenant?.kind === "tenant" ? tenant.tenant : "";

  const problem = state?.status === "problem" ? state.classification : undefined;
  const remedy: Remedy | undefined = useMemo(() => {
    if (personal) return remedyFor("wrongAccount", { isAdmin: false, personalAccount: true });
    return problem ? remedyFor(problem.kind, { isAdmin, personalAccount: false }) : undefined;
  }, [personal, problem, isAdmin]);

  // Links carry one-time states: made only when shown, and again after every check (an approval
  // that came back has used its state up).
  const [links, setLinks] = useState<{ own?: LinkResult; apps?: AppConsentLink[]; problem?: string }>({});
  useEffect(() => {
    if (!cfg || personal || !tenantKey) {
      setLinks({});
      return;
    }
    const origin = window.location.origin;
    const next: { own?: LinkResult; apps?: AppConsentLink[]; problem?: string } = {};
    if (remedy) next.own = ownConsentLink(cfg, { tenant: tenantKey, origin, store });
    if (adminOpen) {
      try {
        next.apps = adminConsentLinks(cfg, { tenant: tenantKey, origin, store });
      } catch (error) {
        next.problem =
          error instanceof ConsentInputError ? `${error.field}: ${error.problem}` : "unknown problem";
      }
    }
    setLinks(next);
  }, [cfg, personal, tenantKey, store, remedy, adminOpen, access.occurredAt]);
  const ownLink = links.own;
  const appLinks = links.apps;
  const mailto = useMemo(() => {
    if (!cfg || !ownLink?.ok) return undefined;
    return adminMailto({
      links: [{ appName: ownAppName(cfg), url: ownLink.url }],
      requesterName: host.user.displayName,
    });
  }, [cfg, ownLink, host.user.displayName]);

  // ---- Opening approval pages ---------------------------------------------------------------------------

  const openApproval = (appId: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const dialogs = host.dialogs;
    if (!dialogs || !tenantKey) return; // the link opens in a new window by itself
    event.preventDefault();
    const url = new URL("auth-dialog.html", window.location.href);
    url.searchParams.set("action", "adminconsent");
    url.searchParams.set("app", appId);
    url.searchParams.set("tenant", tenantKey);
    dialogs.open(url.href).then(
      () => void check(true),
      () => void check(false),
    );
  };

  // ---- Rendering ---------------------------------------------------------------------------------------------

  const statusText = (): string => {
    if (!loaded)
      return access.phase === "idle"
        ? "Microsoft 365 access is checked in a moment."
        : "Loading the sign-in settings…";
    if (!loaded.ok) return "Microsoft 365 access cannot be checked.";
    if (startProblem) return startProblem;
    if (busy === "check") return "Checking Microsoft 365 access…";
    if (busy === "signIn") return "Signing in: finish in the window that opened.";
    if (personal) return "You are using a personal account.";
    if (state?.status === "ok") {
      return `BlueJeans can use Microsoft 365 with your account${state.account.username ? ` (${state.account.username})` : ""}.`;
    }
    if (remedy) return remedy.title;
    return "";
  };

  const classification: ClassifiedAuthError | undefined = problem;
  const retry = () => (lastAttempt === "interactive" ? void signIn() : void check(true));

  return (
    <section aria-labelledby={ids.heading} className={styles.section} data-testid="consent-section">
      <h2 id={ids.heading} className={styles.heading}>
        Microsoft 365 access
      </h2>
      <p id={ids.status} className={styles.text} role="status" tabIndex={-1} data-testid="consent-status">
        {statusText()}
      </p>

      {loaded && !loaded.ok && (
        <div className={`${styles.card} ${styles.warnCard}`} data-testid="consent-config-problem">
          <p className={styles.text}>{loaded.reason}</p>
          <p className={styles.small}>
            Whoever set up BlueJeans can fix this in the add-in&apos;s config.json:
          </p>
          <ul className={styles.list}>
            {loaded.problems.slice(0, 8).map((p) => (
              <li key={p} className={styles.code}>
                {p}
              </li>
            ))}
          </ul>
        </div>
      )}

      {cfg && (
        <div className={styles.actions}>
          <Button onClick={() => void check(true)} disabled={!auth || busy !== undefined}>
            Check Microsoft 365 access
          </Button>
          {!personal && (
            <Button
              appearance="subtle"
              aria-expanded={adminOpen}
              onClick={() => {
                const next = !adminOpen;
                setAdminClaimed(next);
                if (next) focusNext.current = "admin";
              }}
            >
              {adminOpen ? "Hide approvals for all BlueJeans apps" : "I'm an administrator"}
            </Button>
          )}
        </div>
      )}

      {cfg && remedy && busy === undefined && (
        <RemedyCard
          remedy={remedy}
          {...(classification ? { classification } : {})}
          {...(ownLink ? { ownLink } : {})}
          {...(mailto ? { mailto } : {})}
          busy={busy !== undefined}
          cloud={cfg.cloud}
          headingId={ids.remedy}
          {...(occurredAt ? { occurredAt } : {})}
          onRetry={retry}
          onSignIn={() => void signIn()}
          onOpenOwn={openApproval(ownAppId(cfg))}
        />
      )}

      {cfg && adminOpen && links.problem && (
        <p className={styles.text} data-testid="approval-links-problem">
          The approval links cannot be made from the add-in&apos;s settings ({links.problem}).
        </p>
      )}

      {cfg && adminOpen && !personal && appLinks && tenant?.kind === "tenant" && (
        <AdminView
          links={appLinks}
          tenant={tenant.tenant}
          tenantSource={tenant.source}
          cloud={cfg.cloud}
          headingId={ids.admin}
          onOpen={(appId, event) => openApproval(appId)(event)}
        />
      )}
    </section>
  );
}
