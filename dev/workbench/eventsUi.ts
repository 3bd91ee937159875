/**
 * The workbench's event parts: the recurrence editor, the Send button with Outlook's Smart Alerts
 * dialog, and the Events controls (fire events at all, twice, late; make BlueJeans fail).
 * Every control has a label and a `data-testid`. Dev/test code only.
 */
import type { ChangeTopic, WorkbenchHost } from "./host";
import type { RecurrenceInit } from "./types";

/** The dev server's switch for faults of the BlueJeans emulator. */
export const EMULATOR_FAULTS_URL = "/__dev/emulator/faults";

const REPEAT_OPTIONS: Array<[string, string]> = [
  ["none", "Does not repeat"],
  ["daily", "Daily"],
  ["weekday", "Every weekday (Mon–Fri)"],
  ["weekly", "Weekly"],
  ["monthly", "Monthly on this date"],
  ["monthly-weekday", "Monthly on this weekday"],
  ["yearly", "Yearly"],
];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const WEEK_NUMBERS = ["first", "second", "third", "fourth", "last"] as const;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface EventsUiParts {
  /** Where the recurrence editor goes (the event form). */
  form: HTMLElement;
  /** Where the Send button goes (the ribbon). */
  ribbon: HTMLElement;
  /** Where the Events controls go (the controls grid). */
  controls: HTMLElement;
}

/** The recurrence the editor's fields describe, for an appointment starting at `start`. */
export function recurrenceFromEditor(
  repeat: string,
  interval: number,
  days: string[],
  endDate: string,
  start: Date,
): RecurrenceInit | null {
  if (repeat === "none") return null;
  const end = /^\d{4}-\d{2}-\d{2}$/.test(endDate) ? endDate : null;
  const every = Number.isInteger(interval) && interval > 0 ? interval : 1;
  const weekday = DAYS[start.getDay()] ?? "mon";
  switch (repeat) {
    case "daily":
      return { recurrenceType: "daily", interval: every, endDate: end };
    case "weekday":
      return { recurrenceType: "weekday", endDate: end };
    case "weekly":
      return {
        recurrenceType: "weekly",
        interval: every,
        days: days.length > 0 ? days : [weekday],
        endDate: end,
      };
    case "monthly":
      return { recurrenceType: "monthly", interval: every, dayOfMonth: start.getDate(), endDate: end };
    case "monthly-weekday": {
      const week = WEEK_NUMBERS[Math.min(4, Math.floor((start.getDate() - 1) / 7))] ?? "first";
      return {
        recurrenceType: "monthly",
        interval: every,
        dayOfWeek: weekday,
        weekNumber: week,
        endDate: end,
      };
    }
    default:
      return {
        recurrenceType: "yearly",
        interval: 1,
        month: MONTHS[start.getMonth()] ?? "jan",
        dayOfMonth: start.getDate(),
        endDate: end,
      };
  }
}

export function mountEventsUi(host: WorkbenchHost, doc: Document, parts: EventsUiParts): () => void {
  const make = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Record<string, string> = {},
    text?: string,
  ): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const labelled = (id: string, label: string, input: HTMLElement, className = "wb-field"): HTMLElement => {
    input.id = id;
    const row = make("div", { class: className });
    row.append(make("label", { for: id }, label), input);
    return row;
  };

  // ---- Recurrence editor --------------------------------------------------------------------------
  const repeat = make("select", { "data-testid": "field-repeat" });
  for (const [value, text] of REPEAT_OPTIONS) repeat.append(make("option", { value }, text));
  const interval = make("input", {
    type: "number",
    min: "1",
    max: "99",
    value: "1",
    "data-testid": "field-repeat-interval",
  });
  const days = make("input", { type: "text", placeholder: "mon, thu", "data-testid": "field-repeat-days" });
  const until = make("input", { type: "date", "data-testid": "field-repeat-end" });
  const editor = make("fieldset", { class: "wb-repeat", "data-testid": "recurrence-editor" });
  editor.append(
    make("legend", {}, "Repeat"),
    labelled("wb-repeat", "Repeat", repeat),
    labelled("wb-repeat-interval", "Every (days, weeks or months)", interval),
    labelled("wb-repeat-days", "On days (weekly)", days),
    labelled("wb-repeat-end", "Until (empty: no end)", until),
  );
  parts.form.append(editor);
  const applyRecurrence = (): void => {
    const start = new Date(host.store.snapshot().start);
    const list = days.value
      .split(/[\s,]+/)
      .map((d) => d.trim().toLowerCase().slice(0, 3))
      .filter((d) => DAYS.includes(d));
    host.edit({
      recurrence: recurrenceFromEditor(repeat.value, Number(interval.value), list, until.value, start),
    });
  };
  for (const input of [repeat, interval, days, until]) input.addEventListener("change", applyRecurrence);

  // ---- Send and the Smart Alerts dialog -------------------------------------------------------------
  const send = make(
    "button",
    { type: "button", class: "wb-ribbon-button", "data-testid": "ribbon-send" },
    "Send",
  );
  parts.ribbon.append(send);
  const status = make("p", { class: "wb-pending", role: "status", "data-testid": "send-status" });
  parts.form.append(status);
  send.addEventListener("click", () => {
    status.textContent = "Sending…";
    void host.send().then((outcome) => {
      status.textContent = outcome.sent ? "Sent." : "Not sent: back to the appointment.";
    });
  });

  let dialog: HTMLElement | null = null;
  const renderAlert = (): void => {
    const alert = host.smartAlert();
    if (!alert) {
      dialog?.remove();
      dialog = null;
      return;
    }
    if (dialog) return;
    const box = make("div", {
      class: "wb-dialog wb-smart-alert",
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": "wb-smart-alert-title",
      "aria-describedby": "wb-smart-alert-text",
      "data-testid": "smart-alert",
    });
    const dontSend = make(
      "button",
      { type: "button", class: "wb-button wb-button--primary", "data-testid": "smart-alert-dont-send" },
      "Don't Send",
    );
    const anyway = make(
      "button",
      { type: "button", class: "wb-button", "data-testid": "smart-alert-send-anyway" },
      "Send Anyway",
    );
    dontSend.addEventListener("click", () => host.answerSmartAlert("dont-send"));
    anyway.addEventListener("click", () => host.answerSmartAlert("send-anyway"));
    const buttons = make("div", { class: "wb-control-buttons" });
    buttons.append(dontSend, anyway);
    box.append(
      make("h2", { id: "wb-smart-alert-title", class: "wb-pane-title" }, "BlueJeans for Outlook"),
      make("p", { id: "wb-smart-alert-text", "data-testid": "smart-alert-message" }, alert.message),
      buttons,
    );
    doc.body.append(box);
    dialog = box;
    dontSend.focus();
  };

  // ---- Events controls ---------------------------------------------------------------------------
  const check = (id: string, label: string, testid: string, checked: boolean) => {
    const input = make("input", { type: "checkbox", "data-testid": testid });
    input.checked = checked;
    const row = labelled(id, label, input, "wb-control wb-control--check");
    row.prepend(input);
    return { input, row };
  };
  const enabled = check("wb-ev-enabled", "Raise events as Outlook does", "control-events-enabled", true);
  const twice = check("wb-ev-twice", "Raise each event twice", "control-events-twice", false);
  const fails = check("wb-ev-fails", "BlueJeans fails (503)", "control-bluejeans-fails", false);
  const delay = make("input", {
    type: "number",
    min: "0",
    step: "100",
    value: "0",
    "data-testid": "control-events-delay",
  });
  const runs = make("pre", { class: "wb-readout", tabindex: "0", "data-testid": "readout-events" });
  const fieldset = make("fieldset", { "data-testid": "events-controls" });
  fieldset.append(
    make("legend", {}, "Events"),
    enabled.row,
    twice.row,
    labelled("wb-ev-delay", "Delay each event (ms)", delay, "wb-control"),
    fails.row,
    make("h3", {}, "Event runs"),
    runs,
  );
  parts.controls.append(fieldset);
  const switches = () => host.eventRuntime()?.switches;
  enabled.input.addEventListener("change", () =>
    Object.assign(switches() ?? {}, { enabled: enabled.input.checked }),
  );
  twice.input.addEventListener("change", () =>
    Object.assign(switches() ?? {}, { twice: twice.input.checked }),
  );
  delay.addEventListener("change", () =>
    Object.assign(switches() ?? {}, { delayMs: Math.max(0, Number(delay.value) || 0) }),
  );
  fails.input.addEventListener("change", () => {
    const view = doc.defaultView;
    if (!view) return;
    void view.fetch(EMULATOR_FAULTS_URL, {
      method: fails.input.checked ? "POST" : "DELETE",
      headers: { "Content-Type": "application/json" },
      ...(fails.input.checked ? { body: JSON.stringify({ path: "/v1/**", fault: "status=503" }) } : {}),
    });
  });

  const renderRuns = (): void => {
    const list = host.eventRuntime()?.runs() ?? [];
    runs.textContent = list
      .slice(-8)
      .map(
        (r) =>
          `${r.type}: ${r.error ? `failed (${r.error})` : r.completedAt === null ? "running" : `completed ${r.completedCount}×, ${r.officeCalls} Office calls${r.completedOptions ? ` ${JSON.stringify(r.completedOptions)}` : ""}`}`,
      )
      .join("\n");
    const errors = host.eventRuntime()?.errors() ?? [];
    if (errors.length > 0) runs.textContent += `\n${errors.join("\n")}`;
  };
  const unsubscribe = host.onChange((topic: ChangeTopic) => {
    if (topic !== "events") return;
    renderRuns();
    renderAlert();
  });
  return () => {
    unsubscribe();
    dialog?.remove();
  };
}
