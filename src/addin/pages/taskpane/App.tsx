import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { readStoredMeeting } from "../../appointment/storedMeeting";
import { toAddinError } from "../../host/errors";
import type { OutlookHost } from "../../host/ports";
import type { Auth } from "../../signin";
import type { AddinConfig } from "../../../shared/consent/config";
import {
  DEFAULT_MEETING_DEFAULTS,
  loadSettings,
  resetSettings,
  saveSettings,
  type MeetingDefaults,
  type Settings,
} from "../../settings/settings";
import type { MeetingSource, StoredMeeting } from "../../sources/meetingSource";
import { personalRoomSource } from "../../sources/personalRoom";
import { scheduledMeetingSource } from "../../sources/scheduledMeeting";
import type { NoticeContent } from "./Notice";

// Kept out of the first load (budget: 110 KB gzip): each arrives when first shown, and the pane
// reads as text until then.
const Notice = lazy(() =>
  import(/* webpackChunkName: "notice" */ "./Notice").then((m) => ({ default: m.Notice })),
);
const Busy = lazy(() => import(/* webpackChunkName: "busy" */ "./Busy").then((m) => ({ default: m.Busy })));

/** Only people setting up (once) need the form; it stays out of the first load. */
const SettingsForm = lazy(() =>
  import(/* webpackChunkName: "settings" */ "./SettingsForm").then((m) => ({ default: m.SettingsForm })),
);

/** Shown only where the server can create meetings. */
const MeetingChoice = lazy(() =>
  import(/* webpackChunkName: "meeting-choice" */ "./MeetingChoice").then((m) => ({
    default: m.MeetingChoice,
  })),
);

/** Microsoft 365 access and consent remedies: its own chunk, never awaited by the meeting buttons. */
const ConsentSection = lazy(() =>
  import(/* webpackChunkName: "consent" */ "./consent/ConsentSection").then((m) => ({
    default: m.ConsentSection,
  })),
);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  actions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  details: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, wordBreak: "break-all" },
  link: {
    color: tokens.colorBrandForegroundLink,
    ":hover": { color: tokens.colorBrandForegroundLinkHover },
  },
});

/** The flow and the join-block core are not needed for first paint: loaded right after it. */
const loadFlow = () => import(/* webpackChunkName: "flow" */ "../../appointment/meetingFlow");

type View =
  | { name: "loading" }
  | { name: "settings" }
  | { name: "ready" }
  | { name: "added"; meeting: StoredMeeting }
  | { name: "working"; label: string };

function noticeFor(error: unknown): NoticeContent {
  const problem = toAddinError(error);
  const detail = problem.detail ? ` (${problem.detail})` : "";
  return { intent: "error", title: problem.message, text: `${problem.action}${detail}` };
}

export function App({ host }: { host: OutlookHost }) {
  const styles = useStyles();
  const [settings, setSettings] = useState<Settings>({});
  const [view, setView] = useState<View>({ name: "loading" });
  const [notice, setNotice] = useState<NoticeContent | undefined>();

  // The sign-in client and configuration arrive from the consent section once it has started.
  const [signIn, setSignIn] = useState<{ auth: Auth; config: AddinConfig } | undefined>();
  const scheduledAvailable = signIn?.config.features?.scheduledMeetings === true;
  const defaults: MeetingDefaults = settings.meetingDefaults ?? {
    ...DEFAULT_MEETING_DEFAULTS,
    source: settings.personalRoom ? "personal-room" : "scheduled",
  };
  // One key per appointment while the pane is open: a repeated create returns the same meeting.
  const idempotencyKey = useRef(crypto.randomUUID());

  const room = useMemo(
    () => personalRoomSource(settings.personalRoom, host.user.displayName),
    [settings.personalRoom, host.user.displayName],
  );
  const scheduled = useMemo((): MeetingSource | undefined => {
    if (!signIn) return undefined;
    const apiScope = `api://${window.location.host}/${signIn.config.clientId}/access_as_user`;
    return scheduledMeetingSource({
      apiBase: "",
      getToken: () => signIn.auth.getApiToken([apiScope]),
      idempotencyKey: idempotencyKey.current,
      options: defaults,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }, [signIn, defaults]);
  const useScheduled = scheduledAvailable && defaults.source === "scheduled" && scheduled !== undefined;
  // New meetings chosen, but sign-in has not started yet: wait rather than quietly use the room.
  const waitingForSignIn =
    defaults.source === "scheduled" && settings.meetingDefaults !== undefined && !signIn;
  const source = useScheduled ? scheduled : room;
  const sources = useCallback(
    (kind: string) => (kind === "scheduled" ? scheduled : kind === room.kind ? room : undefined),
    [scheduled, room],
  );
  /** Ready to add: a personal room is set up, or new meetings are chosen. */
  // New meetings count only once chosen: a first run still starts on the settings form.
  const canAdd = Boolean(settings.personalRoom) || (useScheduled && settings.meetingDefaults !== undefined);

  useEffect(() => {
    loadFlow().catch(() => undefined); // Warm the chunk; a real failure surfaces on click.
    const loaded = loadSettings(host.settings);
    setSettings(loaded.settings);
    const startsReady =
      Boolean(loaded.settings.personalRoom) || loaded.settings.meetingDefaults?.source === "scheduled";
    if (!loaded.ok) {
      setNotice({ intent: "warning", title: "Settings reset", text: loaded.problem });
      resetSettings(host.settings).catch(() => undefined);
    }
    readStoredMeeting(host.item)
      .then((stored) => {
        if (stored) setView({ name: "added", meeting: stored });
        else setView(startsReady ? { name: "ready" } : { name: "settings" });
      })
      .catch((error: unknown) => {
        setNotice(noticeFor(error));
        setView(startsReady ? { name: "ready" } : { name: "settings" });
      });
  }, [host]);

  const run = async (label: string, task: () => Promise<View>, success: (next: View) => NoticeContent) => {
    const before = view;
    setNotice(undefined);
    setView({ name: "working", label });
    try {
      const next = await task();
      setView(next);
      setNotice(success(next));
    } catch (error) {
      setView(before);
      setNotice(noticeFor(error));
    }
  };

  const add = () =>
    run(
      "Adding BlueJeans meeting…",
      async () => {
        const { addMeeting } = await loadFlow();
        const outcome = await addMeeting(host.item, source, sources);
        return { name: "added", meeting: outcome.stored };
      },
      () => ({
        intent: "success",
        title: "Meeting details added",
        text: "The join details are in the appointment.",
      }),
    );

  const update = () =>
    run(
      "Updating meeting details…",
      async () => {
        const { updateMeeting } = await loadFlow();
        const outcome = await updateMeeting(host.item, source, sources);
        return { name: "added", meeting: outcome.stored };
      },
      () => ({
        intent: "success",
        title: "Meeting details updated",
        text: "The join details were refreshed in place.",
      }),
    );

  const remove = () =>
    run(
      "Removing BlueJeans meeting…",
      async () => {
        const { removeMeeting } = await loadFlow();
        await removeMeeting(host.item, sources);
        idempotencyKey.current = crypto.randomUUID(); // A new add is a new meeting.
        return canAdd ? { name: "ready" } : { name: "settings" };
      },
      () => ({
        intent: "success",
        title: "Meeting removed",
        text: "The BlueJeans details were taken out of the appointment.",
      }),
    );

  /** Back from Settings: "added" when the appointment has a meeting, else "ready". */
  const showCurrent = () =>
    readStoredMeeting(host.item)
      .then((stored) => setView(stored ? { name: "added", meeting: stored } : { name: "ready" }))
      .catch(() => setView({ name: "ready" }));

  const saveRoom = async (next: Settings) => {
    const merged = { ...settings, ...next };
    await saveSettings(host.settings, merged);
    setSettings(merged);
    setNotice({ intent: "success", title: "Settings saved", text: "Your personal room is ready to use." });
    await showCurrent();
  };

  const changeDefaults = async (next: MeetingDefaults) => {
    const merged = { ...settings, meetingDefaults: next };
    setSettings(merged);
    try {
      await saveSettings(host.settings, merged);
    } catch (error) {
      setNotice(noticeFor(error));
    }
  };

  const useNewMeetings = async () => {
    await changeDefaults({ ...defaults, source: "scheduled" });
    await showCurrent();
  };

  return (
    <main className={styles.root} aria-busy={view.name === "working" || view.name === "loading"}>
      <div className={styles.header}>
        <h1 className={styles.title}>BlueJeans meeting</h1>
        {view.name !== "settings" && view.name !== "loading" && (
          <Button
            appearance="subtle"
            onClick={() => setView({ name: "settings" })}
            disabled={view.name === "working"}
          >
            Settings
          </Button>
        )}
      </div>

      {notice && (
        <Suspense fallback={<p role={notice.intent === "error" ? "alert" : "status"}>{notice.title}</p>}>
          <Notice notice={notice} />
        </Suspense>
      )}

      {(view.name === "loading" || view.name === "working") && (
        <Suspense
          fallback={<p className={styles.text}>{view.name === "working" ? view.label : "Loading…"}</p>}
        >
          <Busy label={view.name === "working" ? view.label : "Loading…"} />
        </Suspense>
      )}

      {view.name === "settings" && (
        <Suspense fallback={<p className={styles.text}>Loading settings…</p>}>
          <SettingsForm
            initial={settings.personalRoom}
            onSave={saveRoom}
            onCancel={
              canAdd
                ? () => {
                    setNotice(undefined);
                    void showCurrent();
                  }
                : undefined
            }
          />
          {!settings.personalRoom && scheduledAvailable && (
            <Button onClick={useNewMeetings}>Skip: create a new meeting for each appointment</Button>
          )}
        </Suspense>
      )}

      {view.name === "ready" && (
        <div className={styles.actions}>
          {(scheduledAvailable || defaults.source === "scheduled") && (
            <Suspense fallback={null}>
              <MeetingChoice
                value={defaults}
                personalMeetingId={settings.personalRoom?.personalMeetingId}
                onChange={changeDefaults}
              />
            </Suspense>
          )}
          <p className={styles.text}>
            {useScheduled
              ? "Creates a new BlueJeans meeting for this appointment and adds its join details."
              : `Adds your personal room (${settings.personalRoom?.personalMeetingId}) to this appointment: the location and the join details in the body.`}
          </p>
          <Button appearance="primary" onClick={add} disabled={waitingForSignIn}>
            Add BlueJeans meeting
          </Button>
        </div>
      )}

      {view.name === "added" && (
        <div className={styles.actions}>
          <dl className={styles.details}>
            <dt className={styles.term}>Meeting ID</dt>
            <dd className={styles.value} data-testid="meeting-id">
              {view.meeting.numericMeetingId}
            </dd>
            <dt className={styles.term}>Join link</dt>
            <dd className={styles.value}>
              <a
                className={styles.link}
                href={view.meeting.joinUrl}
                target="_blank"
                rel="noopener noreferrer"
              >
                {view.meeting.joinUrl}
              </a>
            </dd>
          </dl>
          <Button appearance="primary" onClick={update}>
            Update meeting details
          </Button>
          <Button onClick={remove}>Remove BlueJeans meeting</Button>
        </div>
      )}

      <Suspense fallback={null}>
        <ConsentSection host={host} onAuth={(auth, config) => setSignIn({ auth, config })} />
      </Suspense>
    </main>
  );
}
