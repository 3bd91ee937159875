import { Checkbox, Field, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import type { MeetingDefaults } from "../../settings/settings";

const useStyles = makeStyles({
  options: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  legend: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, padding: 0 },
  fieldset: { border: "none", margin: 0, padding: 0 },
});

interface Props {
  value: MeetingDefaults;
  /** The personal room's meeting ID, when one is set up. */
  personalMeetingId?: string;
  disabled?: boolean;
  onChange(next: MeetingDefaults): void;
}

/** Which meeting "Add BlueJeans meeting" makes, and the options of a new one; kept as defaults. */
export function MeetingChoice({ value, personalMeetingId, disabled, onChange }: Props) {
  const styles = useStyles();
  const flag = (name: keyof Omit<MeetingDefaults, "source">, label: string) => (
    <Checkbox
      label={label}
      checked={value[name]}
      disabled={disabled}
      onChange={(_, data) => onChange({ ...value, [name]: data.checked === true })}
    />
  );
  return (
    <>
      <Field label="Meeting">
        <RadioGroup
          value={value.source}
          disabled={disabled}
          onChange={(_, data) =>
            onChange({ ...value, source: data.value === "personal-room" ? "personal-room" : "scheduled" })
          }
        >
          <Radio value="scheduled" label="New BlueJeans meeting for this appointment" />
          <Radio
            value="personal-room"
            label={
              personalMeetingId
                ? `My personal room (${personalMeetingId})`
                : "My personal room (set it up in Settings)"
            }
          />
        </RadioGroup>
      </Field>
      {value.source === "scheduled" && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Meeting options</legend>
          <div className={styles.options}>
            {flag("attendeePasscode", "Attendees need a passcode")}
            {flag("moderatorLess", "Start without a moderator")}
            {flag("muteOnEntry", "Mute people as they join")}
            {flag("autoRecord", "Record automatically")}
          </div>
        </fieldset>
      )}
    </>
  );
}
