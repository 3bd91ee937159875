import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useReducer } from "react";
import { idempotencyKeyFor, readStoredMeeting } from "../../appointment/storedMeeting";
import type { PaneHost } from "../../host/ports";
import {
  loadSettings,
  resetSettings,
  saveSettings,
  type MeetingDefaults,
  type Settings,
} from "../../settings/settings";
import type { MeetingSource, MeetingSources, StoredMeeting } from "../../sources/meetingSource";
import { personalRoomSource } from "../../sources/personalRoom";
import type { ScheduledSourceDeps } from "../../sources/scheduledMeeting";
import { whenIdle } from "./idle";
import type { NoticeContent } from "./Notice";
import { useRoomLookup } from "./personalRoomLookup";
import { SettingsForm } from "./SettingsForm";
import {
  addPlan,
  canAdd,
  configOf,
  initialPaneState,
  meetingDefaults,
  noticeFor,
  paneReducer,
  roomLookupWanted,
  scheduledAvailable,
  settingsView,
  SIGN_IN_PART_MISSING,
  type PaneAction,
  type PaneState,
  type View,
} from "./state";

// Kept out of the first view (issue 9: budgets in tools/bench/budgets.ts): each arrives when first
// shown, inside its own boundary, so nothing holds the view around it; the pane reads as text until then.
const Notice = lazy(() =>
  import(/* webpackChunkName: "notice" */ "./Notice").then((m) => ({ default: m.Notice })),
);
const Busy = lazy(() => loadBusy().then((m) => ({ default: m.Busy })));

/** Shown only where the server can create meetings. */
const MeetingChoice = lazy(() =>
  import(/* webpackChunkName: "meeting-choice" */ "./MeetingChoice").then((m) => ({
    default: m.MeetingChoice,
  })),
);

/** What BlueJeans holds as the personal room: shown on the settings form once it is looked up. */
const PersonalRoomOffer = lazy(() =>
  import(/* webpackChunkName: "room-offer" */ "./PersonalRoomOffer").then((m) => ({
    default: m.PersonalRoomOffer,
  })),
);

/** Microsoft 365 access and consent remedies: its own chunk, never awaited by the meeting buttons. */
const ConsentSection = lazy(() =>
  import(/* webpackChunkName: "consent" */ "./consent/ConsentSection").then(
    (m) => ({ default: m.ConsentSection }),
    () => ({ default: ConsentUnavailable }),
  ),
);

/** Starting sign-in: in the consent section's chunk, so it adds nothing to the first load. */
const loadAccess = () => import(/* webpackChunkName: "consent" */ "./consent/start");

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

/** The flow and the join-block core: loaded on idle, or when pointer or focus reaches the button. */
const loadFlow = () => import(/* webpackChunkName: "flow" */ "./flow");
/** New meetings: in the flow's chunk, so a first view never waits for them. */
const loadScheduled = () => import(/* webpackChunkName: "flow" */ "../../sources/scheduledMeeting");
/** Warms a chunk; a real failure surfaces when it is used. */
const warm = (load: () => Promise<unknown>) => void load().catch(() => undefined);
const loadBusy = () => import(/* webpackChunkName: "busy" */ "./Busy");

/** Shown when the consent section's chunk cannot be loaded: the pane stays usable. */
function ConsentUnavailable() {
  return (
    <section aria-label="Microsoft 365 access" data-testid="consent-section">
      <p role="status" data-testid="consent-status">
        {SIGN_IN_PART_MISSING}
      </p>
    </section>
  );
}

/** Reading only: settings it cannot read stay as stored until the person chooses to start over. */
function firstPaneState(settings: PaneHost["settings"]): PaneState {
  return paneReducer(initialPaneState(), { type: "settingsLoaded", loaded: loadSettings(settings) });
}

export interface AppProps {
  host: PaneHost;
  /**
   * The appointment's stored meeting, when the page started reading it before rendering (so the
   * read overlaps loading React); read here otherwise.
   */
  storedMeeting?: Promise<StoredMeeting | undefined>;
}

export function App({ host, storedMeeting }: AppProps) {
  const styles = useStyles();
  // Settings are read before the first render (Office keeps them in memory): the first run's form
  // is the first view drawn, with no loading pass before it.
  const [state, dispatch] = useReducer(paneReducer, host.settings, firstPaneState);
  const { view, notice, settings, access } = state;

  const defaults: MeetingDefaults = meetingDefaults(settings);
  const scheduledOffered = scheduledAvailable(state);
  const plan = addPlan(state);
  const auth = access.auth;
  const clientId = configOf(access)?.clientId;
  const room = useMemo(
    () => personalRoomSource(settings.personalRoom, host.user.displayName),
    [settings.personalRoom, host.user.displayName],
  );
  const getApiToken = useMemo(() => {
    if (!auth || clientId === undefined) return undefined;
    const apiScope = `api://${window.location.host}/${clientId}/access_as_user`;
    return () => auth.getApiToken([apiScope]);
  }, [auth, clientId]);
  // What new meetings need: only a plain object here, the code that makes them comes with the flow.
  const scheduledDeps: ScheduledSourceDeps | undefined = getApiToken && {
    apiBase: "",
    getToken: getApiToken,
    // One key per appointment (stored on it): a repeated create returns the same meeting.
    idempotencyKey: () => idempotencyKeyFor(host.item),
    options: defaults,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  // The personal room as BlueJeans holds it: looked up while the settings form shows, once sign-in
  // worked without the person and the add-in has a server (the same one that makes new meetings).
  // Never before: the form is the first view and waits for nothing.
  const lookupWanted = roomLookupWanted(state);
  const lookupDeps = useMemo(
    () => (lookupWanted && getApiToken ? { apiBase: "", getToken: getApiToken } : undefined),
    [lookupWanted, getApiToken],
  );
  useRoomLookup(lookupDeps, dispatch);

  // A first run whose form nobody touched: the room BlueJeans named is saved as Save would, and the
  // pane goes on to "Add BlueJeans meeting" (the model chose this and shows the working view).
  const { adopting } = state;
  useEffect(() => {
    if (!adopting) return;
    saveSettings(host.settings, adopting)
      .then(async () => {
        dispatch({ type: "settingsChanged", settings: adopting });
        const stored = await readStoredMeeting(host.item).catch(() => undefined);
        const id = adopting.personalRoom?.personalMeetingId ?? "";
        dispatch({
          type: "workSucceeded",
          view: stored ? { name: "added", meeting: stored } : { name: "ready" },
          notice: {
            intent: "success",
            title: "Your personal meeting is set up",
            text: `BlueJeans gave its meeting ID (${id}). You can change it in Settings.`,
          },
        });
      })
      .catch((error: unknown) => dispatch({ type: "workFailed", notice: noticeFor(error) }));
  }, [host, adopting]);
  /** What an add, update or remove works with; new meetings once sign-in allows them. */
  const sourcesNow = async (): Promise<{ source: MeetingSource; sources: MeetingSources }> => {
    const scheduled = scheduledDeps && (await loadScheduled()).scheduledMeetingSource(scheduledDeps);
    return {
      source: plan.source === "scheduled" && scheduled ? scheduled : room,
      sources: (kind) => (kind === "scheduled" ? scheduled : kind === room.kind ? room : undefined),
    };
  };

  // A layout effect: it runs right after the first view (loading, or the first run's form) is
  // committed, not a frame later, and the view follows as soon as the appointment has been read.
  useLayoutEffect(() => {
    (storedMeeting ?? readStoredMeeting(host.item))
      .then((stored) => dispatch({ type: "appointmentRead", ...(stored ? { meeting: stored } : {}) }))
      .catch((error: unknown) => dispatch({ type: "appointmentRead", problem: noticeFor(error) }));
  }, [host, storedMeeting]);

  // Once the first view is drawn: the flow and the spinner warmed, then Microsoft 365 access, started
  // once, beside the meeting buttons and never in their way.
  const firstViewShown = view.name !== "loading";
  useEffect(() => {
    if (!firstViewShown) return undefined;
    let live = true;
    const send = (action: PaneAction) => {
      if (live) dispatch(action);
    };
    const cancel = whenIdle(() => {
      warm(loadFlow);
      warm(loadBusy);
      loadAccess()
        .then(({ startAccess }) => startAccess(host, send))
        .catch(() => send({ type: "clientFailed", problem: SIGN_IN_PART_MISSING }));
    });
    return () => {
      live = false;
      cancel();
    };
  }, [host, firstViewShown]);

  const run = async (label: string, task: () => Promise<View>, success: (next: View) => NoticeContent) => {
    dispatch({ type: "workStarted", label });
    try {
      const next = await task();
      dispatch({ type: "workSucceeded", view: next, notice: success(next) });
    } catch (error) {
      dispatch({ type: "workFailed", notice: noticeFor(error) });
    }
  };

  /** A first add refuses to go beside another provider's details until the person chooses. */
  const add = (otherMeetings: "refuse" | "replace" | "addBeside" = "refuse") =>
    run(
      "Adding BlueJeans meeting…",
      async (): Promise<View> => {
        const [flow, { source, sources }] = await Promise.all([loadFlow(), sourcesNow()]);
        const { addMeeting, OtherMeetingsError } = flow;
        const choices = { refuse: flow.refuseOtherMeetings, replace: flow.replaceOtherMeetings };
        try {
          const outcome = await addMeeting(host.item, source, sources, {
            otherMeetings: otherMeetings === "addBeside" ? otherMeetings : choices[otherMeetings],
          });
          return { name: "added", meeting: outcome.stored };
        } catch (error) {
          if (error instanceof OtherMeetingsError) return { name: "others", names: error.names };
          throw error;
        }
      },
      (next) =>
        next.name === "others"
          ? {
              intent: "warning",
              title: `This appointment already has ${next.names.join(" and ")} meeting details`,
              text: "Replace them with the BlueJeans meeting (only their join details and their part of the location go), or add BlueJeans beside them.",
            }
          : {
              intent: "success",
              title: "Meeting details added",
              text: "The join details are in the appointment.",
            },
    );

  const update = () =>
    run(
      "Updating meeting details…",
      async () => {
        const [{ updateMeeting }, { source, sources }] = await Promise.all([loadFlow(), sourcesNow()]);
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
        const [{ removeMeeting }, { sources }] = await Promise.all([loadFlow(), sourcesNow()]);
        await removeMeeting(host.item, sources);
        return canAdd(state) ? { name: "ready" } : settingsView(state);
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
      .then((stored) => dispatch({ type: "currentShown", ...(stored ? { meeting: stored } : {}) }))
      .catch(() => dispatch({ type: "currentShown" }));

  const saveRoom = async (next: Settings) => {
    const merged = { ...settings, ...next };
    await saveSettings(host.settings, merged);
    dispatch({
      type: "settingsChanged",
      settings: merged,
      notice: { intent: "success", title: "Settings saved", text: "Your personal room is ready to use." },
    });
    await showCurrent();
  };

  const changeDefaults = async (next: MeetingDefaults) => {
    const merged = { ...settings, meetingDefaults: next };
    dispatch({ type: "settingsChanged", settings: merged });
    try {
      await saveSettings(host.settings, merged);
    } catch (error) {
      dispatch({ type: "noticeShown", notice: noticeFor(error) });
    }
  };

  /** The explicit choice to remove settings this version cannot read: the only time they go. */
  const startOver = () =>
    run(
      "Removing the saved settings…",
      async (): Promise<View> => {
        await resetSettings(host.settings);
        dispatch({ type: "settingsReset" });
        return { name: "settings" };
      },
      () => ({
        intent: "success",
        title: "Saved settings removed",
        text: "Enter your personal meeting below, or create a new meeting for each appointment.",
      }),
    );

  const useNewMeetings = async () => {
    await changeDefaults({ ...defaults, source: "scheduled" });
    await showCurrent();
  };

  return (
    <main className={styles.root} aria-busy={view.name === "working" || view.name === "loading"}>
      <div className={styles.header}>
        <h1 className={styles.title}>BlueJeans meeting</h1>
        {view.name !== "settings" && view.name !== "damaged" && view.name !== "loading" && (
          <Button
            appearance="subtle"
            onClick={() => dispatch({ type: "settingsOpened" })}
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

      {/* A moment while the settings and the appointment are read: text, no chunk to wait for. */}
      {view.name === "loading" && (
        <p className={styles.text} role="status">
          Loading…
        </p>
      )}

      {view.name === "working" && (
        <Suspense fallback={<p className={styles.text}>{view.label}</p>}>
          <Busy label={view.label} />
        </Suspense>
      )}

      {view.name === "damaged" && (
        <div className={styles.actions}>
          <p className={styles.text}>
            Nothing has been changed. Starting over removes the settings this version cannot read, so you can
            enter yours again.
          </p>
          <Button appearance="primary" onClick={startOver}>
            Start over with new settings
          </Button>
          <Button
            onClick={() => {
              dispatch({ type: "noticeShown", notice: undefined });
              void showCurrent();
            }}
          >
            Not now
          </Button>
        </div>
      )}

      {view.name === "settings" && (
        <>
          <SettingsForm
            initial={settings.personalRoom}
            initialAutoAdd={settings.autoAdd}
            onEdit={() => dispatch({ type: "formEdited" })}
            onSave={saveRoom}
            onCancel={
              canAdd(state)
                ? () => {
                    dispatch({ type: "noticeShown", notice: undefined });
                    void showCurrent();
                  }
                : undefined
            }
          />
          {/* After the form: typing stays the first stop, the offer comes next. */}
          {scheduledOffered && state.roomLookup.status !== "idle" && (
            <Suspense fallback={null}>
              <PersonalRoomOffer
                lookup={state.roomLookup}
                onUse={(room) =>
                  void saveRoom({ personalRoom: room }).catch((error: unknown) =>
                    dispatch({ type: "noticeShown", notice: noticeFor(error) }),
                  )
                }
              />
            </Suspense>
          )}
          {!settings.personalRoom && scheduledOffered && (
            <Button onClick={useNewMeetings}>Skip: create a new meeting for each appointment</Button>
          )}
        </>
      )}

      {view.name === "ready" && (
        <div className={styles.actions}>
          {(scheduledOffered || defaults.source === "scheduled") && (
            <Suspense fallback={null}>
              <MeetingChoice
                value={defaults}
                personalMeetingId={settings.personalRoom?.personalMeetingId}
                onChange={changeDefaults}
              />
            </Suspense>
          )}
          <p className={styles.text} data-testid="add-plan">
            {plan.text}
          </p>
          <Button
            appearance="primary"
            onClick={() => add()}
            onPointerEnter={() => warm(loadFlow)}
            onFocus={() => warm(loadFlow)}
            disabled={!plan.enabled}
          >
            Add BlueJeans meeting
          </Button>
        </div>
      )}

      {view.name === "others" && (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => add("replace")}>
            Replace with BlueJeans meeting
          </Button>
          <Button onClick={() => add("addBeside")}>Add beside them</Button>
          <Button
            onClick={() => {
              dispatch({ type: "noticeShown", notice: undefined });
              dispatch({ type: "currentShown" });
            }}
          >
            Cancel
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

      {access.phase !== "idle" && (
        <Suspense fallback={null}>
          <ConsentSection host={host} access={access} dispatch={dispatch} />
        </Suspense>
      )}
    </main>
  );
}
