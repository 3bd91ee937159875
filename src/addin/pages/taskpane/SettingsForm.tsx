import { Button, Checkbox, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { toAddinError } from "../../host/errors";
import {
  validatePersonalRoom,
  type FieldErrors,
  type PersonalRoomSettings,
  type Settings,
} from "../../settings/settings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
});

interface Props {
  initial: PersonalRoomSettings | undefined;
  /** "Add a BlueJeans meeting to every meeting I organise" as saved (off when absent). */
  initialAutoAdd?: boolean;
  onSave(settings: Settings): Promise<void>;
  /** Absent while nothing is configured: there is nowhere to go back to. */
  onCancel?: () => void;
  /** The person changed a field (so nothing looked up may replace what they typed). */
  onEdit?: () => void;
}

export function SettingsForm({ initial, initialAutoAdd, onSave, onCancel, onEdit }: Props) {
  const styles = useStyles();
  const [meetingId, setMeetingId] = useState(initial?.personalMeetingId ?? "");
  const [passcode, setPasscode] = useState(initial?.attendeePasscode ?? "");
  const [autoAdd, setAutoAdd] = useState(initialAutoAdd === true);
  const [errors, setErrors] = useState<FieldErrors & { save?: string }>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validatePersonalRoom({ personalMeetingId: meetingId, attendeePasscode: passcode });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      // Off is stored as no setting at all, as before the switch existed.
      await onSave({ personalRoom: checked.value, autoAdd: autoAdd ? true : undefined });
    } catch (error) {
      const problem = toAddinError(error);
      setErrors({ save: `${problem.message} ${problem.action}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="BlueJeans settings">
      <Field
        label="Personal meeting ID"
        required
        hint="The digits of your BlueJeans personal room, as shown in BlueJeans under My Settings."
        validationMessage={errors.personalMeetingId}
      >
        <Input
          inputMode="numeric"
          autoComplete="off"
          value={meetingId}
          onChange={(_, d) => {
            onEdit?.();
            setMeetingId(d.value);
          }}
        />
      </Field>
      <Field
        label="Attendee passcode"
        hint="Optional. Leave empty if your room has none."
        validationMessage={errors.attendeePasscode ?? errors.save}
      >
        <Input
          inputMode="numeric"
          autoComplete="off"
          value={passcode}
          onChange={(_, d) => {
            onEdit?.();
            setPasscode(d.value);
          }}
        />
      </Field>
      <Checkbox
        label="Add a BlueJeans meeting to every meeting I organise"
        checked={autoAdd}
        onChange={(_, d) => {
          onEdit?.();
          setAutoAdd(d.checked === true);
        }}
      />
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        {onCancel && (
          <Button type="button" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
