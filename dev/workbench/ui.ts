/**
 * The workbench page: a plain Outlook-like "new event" compose window (ribbon, form, body, info bar, task pane)
 * plus a collapsible controls panel for people and browser tests. Every control has a label and a `data-testid`.
 */
import { SCENARIO_LABELS, SCENARIO_NAMES, isScenarioName } from "../idp/scenarios";
import { OUTLOOK_ERRORS, isOutlookErrorName } from "./errors";
import { mountEventsUi } from "./eventsUi";
import { COMMAND_ACTION_ID, type ChangeTopic, type WorkbenchHost } from "./host";
import { mountPhoneMode } from "./phone";
import {
  ASYNC_METHODS,
  type AsyncMethodName,
  type BodyType,
  type NotificationRecord,
  type ThemeName,
} from "./types";

export const DEFAULT_TASKPANE_URL = "/workbench/taskpane.html";
export const DEFAULT_COMMANDS_URL = "/workbench/commands.html";
export const COMMAND_LABEL = "Add BlueJeans meeting";
export const TASKPANE_LABEL = "BlueJeans meeting";
/** The dev server's switch for the local identity provider (dev/idp/routes.ts). */
export const IDP_SCENARIO_URL = "/__dev/idp/scenario";
const MAILBOX_VERSIONS = Array.from({ length: 15 }, (_, i) => `1.${i + 1}`);

type Child = Node | string | null | undefined | false;

interface ElProps {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: ElProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? doc.createTextNode(child) : child);
  }
  return node;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Epoch ms → the value of an `<input type="datetime-local">` (local time). */
export function toLocalInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` → epoch ms, or null if incomplete. */
export function fromLocalInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, 0, 0).getTime();
}

function icon(doc: Document, path: string): SVGSVGElement {
  const svg = doc.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const p = doc.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.append(p);
  return svg;
}

const CAMERA_ICON =
  "M3 5.5A2.5 2.5 0 0 1 5.5 3h6A2.5 2.5 0 0 1 14 5.5v.7l2.3-1.5A1.1 1.1 0 0 1 18 5.6v8.8a1.1 1.1 0 0 1-1.7.9L14 " +
  "13.8v.7a2.5 2.5 0 0 1-2.5 2.5h-6A2.5 2.5 0 0 1 3 14.5v-9Z";
const PANE_ICON =
  "M3 4.5A1.5 1.5 0 0 1 4.5 3h11A1.5 1.5 0 0 1 17 4.5v11a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 3 15.5v-11ZM12 4v12h3.5a.5.5 0 0 0 .5-.5v-11a.5.5 0 0 0-.5-.5H12Z";

const NOTE_GLYPH: Record<string, string> = {
  informationalMessage: "ℹ",
  progressIndicator: "⏳",
  errorMessage: "⚠",
  insightMessage: "💡",
};

export interface MountOptions {
  taskpaneUrl?: string;
  commandsUrl?: string;
  /** Load the hidden commands frame at start (default true). */
  loadCommands?: boolean;
  /** Ask the dev server for the identity provider's scenario at start (default true). */
  loadIdpScenario?: boolean;
}

export interface MountedWorkbench {
  destroy(): void;
}

function frameLoaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener("load", () => resolve(), { once: true }));
}

/** Builds the page inside the template's containers (or creates them) and wires it to the host. */
export function mountWorkbench(
  host: WorkbenchHost,
  doc: Document,
  options: MountOptions = {},
): MountedWorkbench {
  const taskpaneUrl = options.taskpaneUrl ?? DEFAULT_TASKPANE_URL;
  const commandsUrl = options.commandsUrl ?? DEFAULT_COMMANDS_URL;
  const body = doc.body;
  const byId = <T extends HTMLElement>(id: string, make: () => T): T => {
    const found = doc.getElementById(id);
    if (found) return found as T;
    const made = make();
    made.id = id;
    body.append(made);
    return made;
  };

  const header = byId("wb-header", () => el(doc, "header"));
  const main = byId("wb-main", () => el(doc, "main"));
  const pane = byId("wb-taskpane", () => el(doc, "aside"));
  const controls = byId("wb-controls", () => el(doc, "aside"));
  const hiddenFrames = byId("wb-hidden-frames", () => el(doc, "div"));
  header.replaceChildren();
  main.replaceChildren();
  pane.replaceChildren();
  controls.replaceChildren();
  hiddenFrames.replaceChildren();
  hiddenFrames.hidden = true;

  // ---- Header and ribbon ----------------------------------------------------------------------------

  const openButton = el(
    doc,
    "button",
    {
      className: "wb-ribbon-button",
      attrs: {
        type: "button",
        "data-testid": "ribbon-open-taskpane",
        "aria-pressed": "false",
        "aria-controls": "wb-taskpane",
      },
    },
    [icon(doc, PANE_ICON), el(doc, "span", { text: TASKPANE_LABEL })],
  );
  const commandButton = el(
    doc,
    "button",
    { className: "wb-ribbon-button", attrs: { type: "button", "data-testid": "ribbon-add-meeting" } },
    [icon(doc, CAMERA_ICON), el(doc, "span", { text: COMMAND_LABEL })],
  );
  const ribbonButtons = el(doc, "div", { className: "wb-ribbon-buttons" }, [openButton, commandButton]);
  header.append(
    el(doc, "div", { className: "wb-appbar" }, [
      el(doc, "span", { className: "wb-appbar-logo", text: "O", attrs: { "aria-hidden": "true" } }),
      el(doc, "h1", { className: "wb-title", text: "New event" }),
      el(doc, "span", {
        className: "wb-appbar-note",
        text: "Outlook workbench · simulated host for development",
      }),
    ]),
    el(doc, "div", { className: "wb-ribbon", attrs: { "data-testid": "ribbon" } }, [
      el(
        doc,
        "div",
        { className: "wb-ribbon-group", attrs: { role: "group", "aria-labelledby": "wb-group-label" } },
        [
          ribbonButtons,
          el(doc, "span", {
            className: "wb-ribbon-group-label",
            text: "BlueJeans",
            attrs: { id: "wb-group-label" },
          }),
        ],
      ),
    ]),
  );

  // ---- Compose form -----------------------------------------------------------------------------------

  const commandStatus = el(doc, "p", {
    className: "wb-note wb-note--progressIndicator wb-command-status",
    attrs: { "data-testid": "command-status" },
  });
  commandStatus.hidden = true;
  const noteList = el(doc, "ul", { className: "wb-notes", attrs: { "data-testid": "notification-list" } });
  const infobar = el(
    doc,
    "div",
    { className: "wb-infobar", attrs: { "data-testid": "infobar", role: "status", "aria-live": "polite" } },
    [commandStatus, noteList],
  );

  const field = (id: string, label: string, input: HTMLInputElement): HTMLElement => {
    input.id = id;
    return el(doc, "div", { className: "wb-field" }, [
      el(doc, "label", { text: label, attrs: { for: id } }),
      input,
    ]);
  };
  const textInput = (testid: string, extra: Record<string, string> = {}): HTMLInputElement =>
    el(doc, "input", { attrs: { type: "text", "data-testid": testid, autocomplete: "off", ...extra } });
  const subjectInput = textInput("field-subject", { placeholder: "Add a title" });
  const attendeesInput = textInput("field-attendees", { placeholder: "Name <address>, address, …" });
  const startInput = el(doc, "input", { attrs: { type: "datetime-local", "data-testid": "field-start" } });
  const endInput = el(doc, "input", { attrs: { type: "datetime-local", "data-testid": "field-end" } });
  const locationInput = textInput("field-location", { placeholder: "Add a location" });

  const form = el(
    doc,
    "form",
    { className: "wb-form", attrs: { "aria-label": "Event details", novalidate: "" } },
    [
      field("wb-subject", "Title", subjectInput),
      field("wb-attendees", "Required attendees", attendeesInput),
      el(doc, "div", { className: "wb-field-row" }, [
        field("wb-start", "Start", startInput),
        field("wb-end", "End", endInput),
      ]),
      field("wb-location", "Location", locationInput),
    ],
  );
  form.addEventListener("submit", (e) => e.preventDefault());

  const htmlEditor = el(doc, "div", {
    className: "wb-editor wb-editor--html",
    attrs: {
      contenteditable: "true",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": "Body",
      "aria-placeholder": "Add a description",
      "data-testid": "body-editor-html",
      spellcheck: "true",
      tabindex: "0",
    },
  });
  const textEditor = el(doc, "textarea", {
    className: "wb-editor wb-editor--text",
    attrs: { "aria-label": "Body (plain text)", "data-testid": "body-editor-text", spellcheck: "true" },
  });
  const bodyFormatNote = el(doc, "p", {
    className: "wb-body-format",
    attrs: { "data-testid": "body-format" },
  });

  main.setAttribute("aria-label", "New event");
  main.append(
    infobar,
    form,
    el(doc, "div", { className: "wb-body" }, [bodyFormatNote, htmlEditor, textEditor]),
  );

  // ---- Task pane ------------------------------------------------------------------------------------

  pane.setAttribute("aria-label", `${TASKPANE_LABEL} task pane`);
  pane.setAttribute("data-testid", "taskpane");
  pane.hidden = true;
  const closeButton = el(doc, "button", {
    className: "wb-pane-close",
    text: "✕",
    attrs: { type: "button", "aria-label": "Close task pane", "data-testid": "taskpane-close" },
  });
  const paneBody = el(doc, "div", { className: "wb-pane-body" });
  pane.append(
    el(doc, "div", { className: "wb-pane-header" }, [
      el(doc, "h2", { className: "wb-pane-title", text: TASKPANE_LABEL }),
      closeButton,
    ]),
    paneBody,
  );

  let paneFrame: HTMLIFrameElement | null = null;
  let paneLoaded: Promise<void> = Promise.resolve();

  const openTaskPane = (): Promise<void> => {
    // Outlook on phones has no task pane.
    if (host.formFactor() === "phone") return Promise.resolve();
    if (paneFrame) return paneLoaded;
    const frame = el(doc, "iframe", {
      className: "wb-pane-frame",
      attrs: {
        title: `${TASKPANE_LABEL} add-in`,
        "data-testid": "taskpane-frame",
        "data-workbench-frame": "taskpane",
      },
    });
    paneLoaded = frameLoaded(frame);
    frame.src = taskpaneUrl;
    paneFrame = frame;
    paneBody.append(frame);
    pane.hidden = false;
    openButton.setAttribute("aria-pressed", "true");
    body.classList.add("wb-pane-open");
    return paneLoaded;
  };

  const closeTaskPane = (): void => {
    if (!paneFrame) return;
    paneFrame.remove();
    paneFrame = null;
    pane.hidden = true;
    openButton.setAttribute("aria-pressed", "false");
    body.classList.remove("wb-pane-open");
    openButton.focus();
  };

  // ---- Hidden commands frame ------------------------------------------------------------------------

  let commandsFrame: HTMLIFrameElement | null = null;
  const loadCommands = (): Promise<void> => {
    commandsFrame?.remove();
    const frame = el(doc, "iframe", {
      attrs: {
        title: "BlueJeans commands (function file)",
        "data-testid": "commands-frame",
        "data-workbench-frame": "commands",
        tabindex: "-1",
        "aria-hidden": "true",
      },
    });
    const loaded = frameLoaded(frame);
    frame.src = commandsUrl;
    commandsFrame = frame;
    hiddenFrames.append(frame);
    return loaded;
  };

  // ---- Office dialog (displayDialogAsync) ---------------------------------------------------------------

  let dialogBox: HTMLElement | null = null;
  let dialogReturnFocus: Element | null = null;
  const closeDialog = (): void => {
    if (!dialogBox) return;
    dialogBox.remove();
    dialogBox = null;
    if (dialogReturnFocus instanceof HTMLElement) dialogReturnFocus.focus();
  };
  const openDialog = (url: string, onClosed: () => void): void => {
    closeDialog();
    dialogReturnFocus = doc.activeElement;
    const frame = el(doc, "iframe", {
      className: "wb-dialog-frame",
      attrs: {
        title: "BlueJeans dialog page",
        "data-testid": "dialog-frame",
        "data-workbench-frame": "dialog",
      },
    });
    const close = el(doc, "button", {
      className: "wb-pane-close",
      text: "✕",
      attrs: { type: "button", "aria-label": "Close the BlueJeans dialog", "data-testid": "dialog-close" },
    });
    close.addEventListener("click", () => {
      closeDialog();
      onClosed();
    });
    const box = el(
      doc,
      "div",
      {
        className: "wb-dialog",
        attrs: {
          role: "dialog",
          "aria-modal": "true",
          "aria-label": "BlueJeans dialog",
          "data-testid": "dialog",
        },
      },
      [
        el(doc, "div", { className: "wb-pane-header" }, [
          el(doc, "h2", { className: "wb-pane-title", text: "BlueJeans (dialog)" }),
          close,
        ]),
        frame,
      ],
    );
    frame.src = url;
    body.append(box);
    dialogBox = box;
    close.focus();
  };

  host.attachUi({
    openTaskPane,
    closeTaskPane,
    isTaskPaneOpen: () => paneFrame !== null,
    reloadCommands: loadCommands,
    openDialog,
    closeDialog,
  });

  // ---- Controls panel -------------------------------------------------------------------------------

  controls.setAttribute("aria-label", "Workbench controls");
  controls.setAttribute("data-testid", "controls");

  const select = (id: string, label: string, testid: string, values: Array<[string, string]>) => {
    const s = el(doc, "select", { attrs: { id, "data-testid": testid } });
    for (const [value, text] of values) s.append(el(doc, "option", { text, attrs: { value } }));
    return {
      select: s,
      row: el(doc, "div", { className: "wb-control" }, [
        el(doc, "label", { text: label, attrs: { for: id } }),
        s,
      ]),
    };
  };
  const checkbox = (id: string, label: string, testid: string) => {
    const c = el(doc, "input", { attrs: { type: "checkbox", id, "data-testid": testid } });
    return {
      input: c,
      row: el(doc, "div", { className: "wb-control wb-control--check" }, [
        c,
        el(doc, "label", { text: label, attrs: { for: id } }),
      ]),
    };
  };
  const button = (text: string, testid: string, extra: Record<string, string> = {}) =>
    el(doc, "button", {
      className: "wb-button",
      text,
      attrs: { type: "button", "data-testid": testid, ...extra },
    });

  const bodyMode = select("wb-ctl-body", "Body format", "control-body-mode", [
    ["html", "HTML"],
    ["text", "Plain text"],
  ]);
  const theme = select("wb-ctl-theme", "Theme", "control-theme", [
    ["light", "Light"],
    ["dark", "Dark"],
  ]);
  const latencyInput = el(doc, "input", {
    attrs: { type: "number", id: "wb-ctl-latency", min: "0", step: "1", "data-testid": "control-latency" },
  });
  const latencyRow = el(doc, "div", { className: "wb-control" }, [
    el(doc, "label", { text: "Latency per call (ms)", attrs: { for: "wb-ctl-latency" } }),
    latencyInput,
  ]);
  const mailbox = select(
    "wb-ctl-mailbox",
    "Mailbox requirement set",
    "control-mailbox-version",
    MAILBOX_VERSIONS.map((v) => [v, `Mailbox ${v}`]),
  );
  const naa = checkbox("wb-ctl-naa", "NestedAppAuth 1.1 supported", "control-naa");
  const idpScenario = select(
    "wb-ctl-idp-scenario",
    "Sign-in scenario (local identity provider)",
    "control-idp-scenario",
    SCENARIO_NAMES.map((name): [string, string] => [name, SCENARIO_LABELS[name]]),
  );
  const idpStatus = el(doc, "p", {
    className: "wb-pending",
    attrs: { "data-testid": "control-idp-status", role: "status" },
  });
  const resetButton = button("Reset appointment", "control-reset");
  const clearRoamingButton = button("Clear roaming settings", "control-clear-roaming");
  const clearCallsButton = button("Clear call log", "control-clear-calls");
  const reloadCommandsButton = button("Reload commands frame", "control-reload-commands");

  const errorChoice = select("wb-ctl-error", "Injected error", "control-failure-error", [
    ["default", "Default for the method"],
    ...Object.entries(OUTLOOK_ERRORS)
      .filter(([, e]) => e.code >= 9000)
      .map(([name, e]): [string, string] => [name, `${e.code} ${name}`]),
  ]);
  const chosenError = (): string | undefined => {
    const value = errorChoice.select.value;
    return isOutlookErrorName(value) ? value : undefined;
  };

  const failRows = new Map<AsyncMethodName, { always: HTMLInputElement; pending: HTMLElement }>();
  const failBody = el(doc, "tbody");
  for (const method of ASYNC_METHODS) {
    const alwaysId = `wb-fail-${method.replace(/\./g, "-")}`;
    const always = el(doc, "input", {
      attrs: { type: "checkbox", id: alwaysId, "data-testid": `fail-${method}` },
    });
    const next = button("Fail next", `fail-next-${method}`, { "aria-label": `Fail the next ${method} call` });
    const pending = el(doc, "span", {
      className: "wb-pending",
      attrs: { "data-testid": `fail-pending-${method}` },
    });
    always.addEventListener("change", () => host.setFailure(method, always.checked, chosenError()));
    next.addEventListener("click", () => host.failNext(method, chosenError()));
    failRows.set(method, { always, pending });
    failBody.append(
      el(doc, "tr", {}, [
        el(doc, "th", { attrs: { scope: "row" } }, [el(doc, "code", { text: method })]),
        el(doc, "td", {}, [
          always,
          el(doc, "label", {
            className: "wb-visually-hidden",
            text: `Always fail ${method}`,
            attrs: { for: alwaysId },
          }),
        ]),
        el(doc, "td", {}, [next, " ", pending]),
      ]),
    );
  }
  const failTable = el(
    doc,
    "table",
    { className: "wb-fail-table", attrs: { "data-testid": "failure-switches" } },
    [
      el(doc, "caption", { text: "Failure switches: a failed write changes nothing" }),
      el(doc, "thead", {}, [
        el(doc, "tr", {}, [
          el(doc, "th", { text: "Method", attrs: { scope: "col" } }),
          el(doc, "th", { text: "Always fail", attrs: { scope: "col" } }),
          el(doc, "th", { text: "Once", attrs: { scope: "col" } }),
        ]),
      ]),
      failBody,
    ],
  );
  const clearFailuresButton = button("Clear failure switches", "control-clear-failures");

  /** A scrollable JSON readout: focusable (keyboard scrolling) and named by its heading. */
  const readout = (testid: string, title: string) => {
    const headingId = `wb-h-${testid}`;
    const pre = el(doc, "pre", {
      className: "wb-readout",
      attrs: { "data-testid": testid, tabindex: "0", role: "region", "aria-labelledby": headingId },
    });
    return { pre, heading: el(doc, "h3", { text: title, attrs: { id: headingId } }) };
  };
  const customProps = readout("readout-custom-properties", "Custom properties (saved on the item)");
  const roamingReadout = readout("readout-roaming-settings", "Roaming settings (saved)");
  const errorsReadout = readout("readout-errors", "Callback errors");
  const customPropsOut = customProps.pre;
  const roamingOut = roamingReadout.pre;
  const errorsOut = errorsReadout.pre;
  const callsOut = el(doc, "p", { attrs: { "data-testid": "readout-calls" } });
  const commandsOut = el(doc, "p", { attrs: { "data-testid": "readout-commands" } });

  const details = el(
    doc,
    "details",
    { className: "wb-controls-panel", attrs: { "data-testid": "controls-panel" } },
    [
      el(doc, "summary", {}, [el(doc, "h2", { className: "wb-controls-title", text: "Workbench controls" })]),
      el(doc, "div", { className: "wb-controls-grid", attrs: { "data-testid": "controls-grid" } }, [
        el(doc, "fieldset", {}, [
          el(doc, "legend", { text: "Host" }),
          bodyMode.row,
          theme.row,
          latencyRow,
          mailbox.row,
          naa.row,
          idpScenario.row,
          idpStatus,
          el(doc, "div", { className: "wb-control-buttons" }, [
            resetButton,
            clearRoamingButton,
            clearCallsButton,
            reloadCommandsButton,
          ]),
        ]),
        el(doc, "fieldset", {}, [
          el(doc, "legend", { text: "Failures" }),
          errorChoice.row,
          failTable,
          clearFailuresButton,
        ]),
        el(doc, "fieldset", {}, [
          el(doc, "legend", { text: "Readouts" }),
          customProps.heading,
          customPropsOut,
          roamingReadout.heading,
          roamingOut,
          el(doc, "h3", { text: "Office calls" }),
          callsOut,
          el(doc, "h3", { text: "Command runs" }),
          commandsOut,
          errorsReadout.heading,
          errorsOut,
        ]),
      ]),
    ],
  );
  details.open = true;
  controls.append(details);
  const grid = details.querySelector<HTMLElement>("[data-testid=controls-grid]");
  const unmountEvents = grid
    ? mountEventsUi(host, doc, { form, ribbon: ribbonButtons, controls: grid })
    : () => undefined;

  // ---- Wiring: UI → host ----------------------------------------------------------------------------

  openButton.addEventListener("click", () => {
    void openTaskPane();
  });
  closeButton.addEventListener("click", closeTaskPane);
  commandButton.addEventListener("click", () => {
    void host.runCommand(COMMAND_ACTION_ID);
  });

  subjectInput.addEventListener("input", () => host.store.update({ subject: subjectInput.value }));
  attendeesInput.addEventListener("input", () => host.store.update({ attendees: attendeesInput.value }));
  // Outlook raises the attendee event once the person is done with the field, not per keystroke.
  attendeesInput.addEventListener(
    "change",
    () => void host.fireEvent("OnAppointmentAttendeesChanged").catch(() => undefined),
  );
  locationInput.addEventListener("input", () => host.store.update({ location: locationInput.value }));
  const onTime = (input: HTMLInputElement, key: "start" | "end") => () => {
    const ms = fromLocalInputValue(input.value);
    if (ms === null) return;
    // As in Outlook, moving the start keeps the meeting's length.
    const s = host.store.snapshot();
    const length = Date.parse(s.end) - Date.parse(s.start);
    host.edit(key === "start" ? { start: ms, end: ms + length } : { end: ms });
  };
  startInput.addEventListener("change", onTime(startInput, "start"));
  endInput.addEventListener("change", onTime(endInput, "end"));
  htmlEditor.addEventListener("input", () => host.store.setBodyRaw(htmlEditor.innerHTML, "html"));
  textEditor.addEventListener("input", () => host.store.setBodyRaw(textEditor.value, "text"));

  bodyMode.select.addEventListener("change", () => host.store.setBodyType(bodyMode.select.value as BodyType));
  theme.select.addEventListener("change", () => host.setTheme(theme.select.value as ThemeName));
  latencyInput.addEventListener("change", () => {
    const ms = Number(latencyInput.value);
    if (Number.isFinite(ms) && ms >= 0) host.setLatency(ms);
  });
  mailbox.select.addEventListener("change", () => host.setRequirement("Mailbox", mailbox.select.value));
  naa.input.addEventListener("change", () =>
    host.setRequirement("NestedAppAuth", naa.input.checked ? "1.1" : null),
  );
  resetButton.addEventListener("click", () => {
    host.store.reset();
    void host.fireEvent("OnNewAppointmentOrganizer").catch(() => undefined);
  });
  clearRoamingButton.addEventListener("click", () => host.roaming.clear());
  clearCallsButton.addEventListener("click", () => host.clearCalls());
  reloadCommandsButton.addEventListener("click", () => {
    void loadCommands();
  });
  clearFailuresButton.addEventListener("click", () => host.clearFailures());

  // The identity provider runs in the dev server, not in this page: ask it over HTTP.
  const view = doc.defaultView;
  const idpRequest = async (init?: RequestInit): Promise<string> => {
    if (!view || typeof view.fetch !== "function") throw new Error("no fetch in this page");
    const response = await view.fetch(IDP_SCENARIO_URL, { cache: "no-store", ...init });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body: unknown = await response.json();
    const name = typeof body === "object" && body !== null ? (body as { name?: unknown }).name : undefined;
    if (!isScenarioName(name)) throw new Error("unexpected answer");
    return name;
  };
  const showScenario = (name: string): void => {
    idpScenario.select.value = name;
    idpScenario.select.disabled = false;
    idpStatus.textContent = `Identity provider scenario: ${name}`;
  };
  const idpUnavailable = (error: unknown): void => {
    idpStatus.textContent = `No local identity provider answers (${error instanceof Error ? error.message : String(error)}).`;
  };
  idpScenario.select.addEventListener("change", () => {
    const name = idpScenario.select.value;
    idpStatus.textContent = `Switching to ${name}…`;
    idpRequest({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    }).then(showScenario, idpUnavailable);
  });
  if (options.loadIdpScenario !== false) idpRequest().then(showScenario, idpUnavailable);

  // ---- Rendering: host → UI -------------------------------------------------------------------------

  const setValue = (input: HTMLInputElement | HTMLTextAreaElement, value: string): void => {
    if (input.value !== value) input.value = value;
  };

  const renderNote = (note: NotificationRecord): HTMLElement => {
    const item = el(
      doc,
      "li",
      {
        className: `wb-note wb-note--${note.type}`,
        attrs: { "data-testid": `notification-${note.key}`, "data-type": note.type },
      },
      [
        el(doc, "span", {
          className: "wb-note-glyph",
          text: NOTE_GLYPH[note.type] ?? "•",
          attrs: { "aria-hidden": "true" },
        }),
        el(doc, "span", { className: "wb-note-text", text: note.message }),
      ],
    );
    const action = note.actions?.[0];
    if (
      action &&
      typeof action === "object" &&
      !Array.isArray(action) &&
      typeof action.actionText === "string"
    ) {
      const b = button(action.actionText, `notification-action-${note.key}`);
      b.addEventListener("click", () => void openTaskPane());
      item.append(b);
    }
    if (note.type === "informationalMessage" || note.type === "insightMessage") {
      const dismiss = el(doc, "button", {
        className: "wb-note-dismiss",
        text: "✕",
        attrs: {
          type: "button",
          "aria-label": `Dismiss: ${note.message}`,
          "data-testid": `notification-dismiss-${note.key}`,
        },
      });
      dismiss.addEventListener("click", () => host.store.dismissNotification(note.key));
      item.append(dismiss);
    }
    return item;
  };

  const renderState = (): void => {
    const s = host.store.snapshot();
    setValue(subjectInput, s.subject);
    setValue(attendeesInput, s.attendees);
    setValue(locationInput, s.location);
    const start = toLocalInputValue(Date.parse(s.start));
    const end = toLocalInputValue(Date.parse(s.end));
    if (doc.activeElement !== startInput) setValue(startInput, start);
    if (doc.activeElement !== endInput) setValue(endInput, end);
    const isHtml = s.bodyType === "html";
    htmlEditor.hidden = !isHtml;
    textEditor.hidden = isHtml;
    bodyFormatNote.textContent = isHtml ? "Body format: HTML" : "Body format: plain text";
    if (isHtml) {
      if (htmlEditor.innerHTML !== s.body) htmlEditor.innerHTML = s.body;
    } else if (textEditor.value !== s.body.replace(/\r\n?/g, "\n")) {
      textEditor.value = s.body;
    }
    bodyMode.select.value = s.bodyType;
    noteList.replaceChildren(...s.notifications.map(renderNote));
    infobar.classList.toggle("wb-infobar--empty", s.notifications.length === 0 && commandStatus.hidden);
    customPropsOut.textContent = JSON.stringify(s.customProperties, null, 2);
  };

  const renderRoaming = (): void => {
    roamingOut.textContent = JSON.stringify(host.roaming.load(), null, 2);
  };

  const renderTheme = (): void => {
    const t = host.theme();
    doc.documentElement.setAttribute("data-theme", t);
    theme.select.value = t;
  };

  const renderFailures = (): void => {
    const state = host.failures();
    for (const [method, row] of failRows) {
      const entry = state[method];
      row.always.checked = entry?.always ?? false;
      row.pending.textContent = entry && entry.pending > 0 ? `${entry.pending} queued` : "";
    }
  };

  const renderRequirements = (): void => {
    mailbox.select.value = host.requirement("Mailbox") ?? "1.1";
    naa.input.checked = host.requirement("NestedAppAuth") !== null;
    latencyInput.value = String(host.latency());
  };

  let callsScheduled = false;
  const renderCalls = (): void => {
    callsScheduled = false;
    const calls = host.calls();
    const pending = calls.filter((c) => c.status === "pending").length;
    const failed = calls.filter((c) => c.status === "failed").length;
    callsOut.textContent = `${calls.length} calls, ${host.rounds(calls)} rounds, ${pending} pending, ${failed} failed`;
  };
  const scheduleCalls = (): void => {
    if (callsScheduled) return;
    callsScheduled = true;
    const raf = doc.defaultView?.requestAnimationFrame;
    if (raf) raf.call(doc.defaultView, renderCalls);
    else setTimeout(renderCalls, 16);
  };

  const renderCommands = (): void => {
    const running = host.isCommandRunning();
    commandStatus.hidden = !running;
    commandStatus.textContent = running ? `BlueJeans is working on your ${COMMAND_LABEL} request…` : "";
    commandButton.setAttribute("aria-busy", running ? "true" : "false");
    commandButton.dataset.state = running ? "running" : "idle";
    const runs = host.commandRuns();
    const last = runs[runs.length - 1];
    commandsOut.textContent =
      runs.length === 0
        ? "No runs yet"
        : `${runs.length} runs; last: ${
            last?.error
              ? `failed to start (${last.error})`
              : last?.completedAt !== null
                ? `completed ${last?.completedCount ?? 0}×`
                : "running"
          }`;
    infobar.classList.toggle(
      "wb-infobar--empty",
      host.store.notifications().length === 0 && commandStatus.hidden,
    );
  };

  const renderErrors = (): void => {
    errorsOut.textContent = host
      .callbackErrors()
      .map((e) => `[${e.frame}] ${e.source}: ${e.message}`)
      .join("\n");
  };

  const unsubscribe = host.onChange((topic: ChangeTopic) => {
    switch (topic) {
      case "state":
        renderState();
        break;
      case "roaming":
        renderRoaming();
        break;
      case "calls":
        scheduleCalls();
        break;
      case "commands":
        renderCommands();
        break;
      case "theme":
        renderTheme();
        break;
      case "failures":
        renderFailures();
        break;
      case "requirements":
        renderRequirements();
        break;
      case "errors":
        renderErrors();
        break;
      default:
        break;
    }
  });

  renderState();
  renderRoaming();
  renderTheme();
  renderFailures();
  renderRequirements();
  renderCalls();
  renderCommands();
  renderErrors();
  if (options.loadCommands !== false) void loadCommands();
  const phone =
    host.formFactor() === "phone"
      ? mountPhoneMode(host, doc, {
          body,
          ribbon: header.querySelector<HTMLElement>('[data-testid="ribbon"]') ?? header,
          pane,
          form,
        })
      : null;

  return {
    destroy(): void {
      unsubscribe();
      unmountEvents();
      phone?.destroy();
      closeDialog();
      paneFrame?.remove();
      commandsFrame?.remove();
    },
  };
}
