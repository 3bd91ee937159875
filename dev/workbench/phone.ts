/**
 * Phone mode of the workbench (`?form=phone`): plays Outlook on iOS or Android, where an add-in
 * has no ribbon and no task pane. An online-meeting provider appears instead as the "Online
 * meeting" toggle of the event form (the manifest's MobileOnlineMeetingCommandSurface); turning it
 * on runs the add-in's function (the same `addBlueJeansMeeting` the desktop command runs).
 *
 * The toggle is on while the function runs and afterwards when the appointment carries the add-in's
 * meeting (its custom property). Outlook does not ask the add-in to take a meeting out again, so
 * turning it off only says where to do that.
 */
import { COMMAND_ACTION_ID, type ChangeTopic, type WorkbenchHost } from "./host";

export const PHONE_TOGGLE_LABEL = "BlueJeans meeting";
export const PHONE_OFF_HINT =
  "To take the BlueJeans meeting out, open the event in Outlook on the web or on your computer.";

export interface PhoneParts {
  body: HTMLElement;
  /** The desktop ribbon: phones have none. */
  ribbon: HTMLElement;
  /** The task pane: phones have none. */
  pane: HTMLElement;
  /** The event form; the toggle row goes after its last field. */
  form: HTMLElement;
}

export interface MountedPhone {
  destroy(): void;
}

/** Switches the page to phone mode and adds the online-meeting toggle. */
export function mountPhoneMode(host: WorkbenchHost, doc: Document, parts: PhoneParts): MountedPhone {
  parts.body.classList.add("wb-phone");
  parts.ribbon.hidden = true;
  parts.pane.hidden = true;

  const labelId = "wb-phone-meeting-label";
  const toggle = doc.createElement("button");
  toggle.type = "button";
  toggle.className = "wb-switch";
  toggle.setAttribute("role", "switch");
  toggle.setAttribute("aria-checked", "false");
  toggle.setAttribute("aria-labelledby", labelId);
  toggle.dataset.testid = "phone-online-meeting";
  const knob = doc.createElement("span");
  knob.className = "wb-switch-knob";
  knob.setAttribute("aria-hidden", "true");
  toggle.append(knob);

  const label = doc.createElement("span");
  label.id = labelId;
  label.className = "wb-phone-meeting-label";
  label.textContent = PHONE_TOGGLE_LABEL;
  const caption = doc.createElement("span");
  caption.className = "wb-phone-meeting-caption";
  caption.textContent = "Online meeting";

  const status = doc.createElement("p");
  status.className = "wb-pending wb-phone-meeting-status";
  status.setAttribute("role", "status");
  status.dataset.testid = "phone-online-meeting-status";

  const row = doc.createElement("div");
  row.className = "wb-field wb-phone-meeting";
  row.dataset.testid = "phone-online-meeting-row";
  const text = doc.createElement("div");
  text.append(caption, label);
  row.append(text, toggle);
  parts.form.append(row, status);

  let running = false;
  const hasMeeting = (): boolean => Object.keys(host.store.customProperties()).length > 0;
  const render = (): void => {
    toggle.setAttribute("aria-checked", running || hasMeeting() ? "true" : "false");
    toggle.setAttribute("aria-busy", running ? "true" : "false");
  };

  toggle.addEventListener("click", () => {
    if (running) return;
    if (hasMeeting()) {
      status.textContent = PHONE_OFF_HINT;
      return;
    }
    running = true;
    status.textContent = "Adding the BlueJeans meeting…";
    render();
    void host.runCommand(COMMAND_ACTION_ID).then((run) => {
      running = false;
      status.textContent = run.error
        ? `The add-in did not start: ${run.error}`
        : hasMeeting()
          ? "BlueJeans meeting added."
          : "No meeting was added; see the message above.";
      render();
    });
  });

  const unsubscribe = host.onChange((topic: ChangeTopic) => {
    if (topic === "state") render();
  });
  render();

  return {
    destroy(): void {
      unsubscribe();
      row.remove();
      status.remove();
      parts.body.classList.remove("wb-phone");
    },
  };
}
