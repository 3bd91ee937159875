import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { addMeeting, readStoredMeeting, removeMeeting } from "../appointment/meetingFlow";
import { AddinError, toAddinError } from "../outlook/errors";
import type { OutlookHost } from "../outlook/ports";
import { loadSettings, resetSettings, saveSettings, type Settings } from "../settings/settings";
import type { StoredMeeting } from "../sources/meetingSource";
import { personalRoomSource } from "../sources/personalRoom";
import { SettingsForm } from "./SettingsForm";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  actions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  details: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalM },
  url: { wordBreak: "break-all" },
});

type View =
  | { name: "loading" }
  | { name: "settings" }
  | { name: "ready" }
  | { name: "added"; meeting: StoredMeeting }
  | { name: "working"; label: string };

interface Notice {
  intent: "error" | "warning" | "success";
  title: string;
  text: string;
}

function noticeFor(error: unknown): Notice {
  const problem = toAddinError(error);
  const detail = problem.detail ? ` (${problem.detail})` : "";
  return { intent: "error", title: problem.message, text: `${problem.action}${detail}` };
}

export function App({ host }: { host: OutlookHost }) {
  const styles = useStyles();
  const [settings, setSettings] = useState<Settings>({});
  const [view, setView] = useState<View>({ name: "loading" });
  const [notice, setNotice] = useState<Notice | undefined>();

  const source = useMemo(
    () => personalRoomSource(settings.personalRoom, host.user.displayName),
    [settings.personalRoom, host.user.displayName],
  );
  const sources = useCallback((kind: string) => (kind === source.kind ? source : undefined), [source]);

  useEffect(() => {
    const loaded = loadSettings(host.settings);
    setSettings(loaded.settings);
    if (!loaded.ok) {
      setNotice({ intent: "warning", title: "Settings reset", text: loaded.problem });
      resetSettings(host.settings).catch(() => undefined);
    }
    readStoredMeeting(host.item)
      .then((stored) => {
        if (stored) setView({ name: "added", meeting: stored });
        else setView(loaded.settings.personalRoom ? { name: "ready" } : { name: "settings" });
      })
      .catch((error: unknown) => {
        setNotice(noticeFor(error));
        setView(loaded.settings.personalRoom ? { name: "ready" } : { name: "settings" });
      });
  }, [host]);

  const run = async (label: string, task: () => Promise<View>, success: (next: View) => Notice) => {
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
        await addMeeting(host.item, source, sources);
        const stored = await readStoredMeeting(host.item);
        if (!stored)
          throw new AddinError(
            "The meeting was added but could not be read back.",
            "Try again.",
            "flow.readback",
          );
        return { name: "added", meeting: stored };
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
        await addMeeting(host.item, source, sources);
        const stored = await readStoredMeeting(host.item);
        return stored ? { name: "added", meeting: stored } : { name: "ready" };
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
        await removeMeeting(host.item, sources);
        return settings.personalRoom ? { name: "ready" } : { name: "settings" };
      },
      () => ({
        intent: "success",
        title: "Meeting removed",
        text: "The BlueJeans details were taken out of the appointment.",
      }),
    );

  const saveRoom = async (next: Settings) => {
    await saveSettings(host.settings, next);
    setSettings(next);
    setNotice({ intent: "success", title: "Settings saved", text: "Your personal room is ready to use." });
    setView((current) => (current.name === "settings" ? { name: "ready" } : current));
  };

  return (
    <main className={styles.root} aria-busy={view.name === "working" || view.name === "loading"}>
      <div className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          BlueJeans meeting
        </Text>
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
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.text}
          </MessageBarBody>
        </MessageBar>
      )}

      {view.name === "loading" && <Spinner label="Loading…" />}
      {view.name === "working" && <Spinner label={view.label} />}

      {view.name === "settings" && (
        <SettingsForm
          initial={settings.personalRoom}
          onSave={saveRoom}
          onCancel={
            settings.personalRoom
              ? () => {
                  setNotice(undefined);
                  readStoredMeeting(host.item)
                    .then((stored) =>
                      setView(stored ? { name: "added", meeting: stored } : { name: "ready" }),
                    )
                    .catch(() => setView({ name: "ready" }));
                }
              : undefined
          }
        />
      )}

      {view.name === "ready" && (
        <div className={styles.actions}>
          <Text>
            Adds your personal room ({settings.personalRoom?.personalMeetingId}) to this appointment: the
            location and the join details in the body.
          </Text>
          <Button appearance="primary" onClick={add}>
            Add BlueJeans meeting
          </Button>
        </div>
      )}

      {view.name === "added" && (
        <div className={styles.actions}>
          <div className={styles.details}>
            <Text weight="semibold">Meeting ID</Text>
            <Text data-testid="meeting-id">{view.meeting.numericMeetingId}</Text>
            <Text weight="semibold">Join link</Text>
            <Link
              className={styles.url}
              href={view.meeting.joinUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {view.meeting.joinUrl}
            </Link>
          </div>
          <Button appearance="primary" onClick={update}>
            Update meeting details
          </Button>
          <Button onClick={remove}>Remove BlueJeans meeting</Button>
        </div>
      )}
    </main>
  );
}
