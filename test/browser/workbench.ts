/**
 * Shared fixture for the browser tests: opens the workbench (a simulated Outlook compose window
 * with the real task pane and command inside it) in a fresh browser context, drives the pane
 * through its UI, and reads the fake host's state through `window.__workbench`.
 *
 * Every test gets its own browser context, so roaming settings (kept in the workbench's
 * localStorage) start empty unless a test seeds them.
 */
import { test as base, expect, type FrameLocator, type Locator, type Page } from "@playwright/test";
import { ROAMING_STORAGE_KEY } from "../../dev/workbench/roaming";
import type {
  AppointmentInit,
  AppointmentSnapshot,
  AsyncMethodName,
  BodyType,
  CallRecord,
  CallbackErrorRecord,
  CommandRun,
  InjectedError,
  JsonValue,
  NotificationRecord,
  ThemeName,
  UserProfileInit,
  WorkbenchConfig,
} from "../../dev/workbench/types";
import { OTHER_DEV_PEOPLE, type ScenarioName } from "../../dev/idp/scenarios";
import { JOIN_BLOCK_END_MARKER, JOIN_BLOCK_START_MARKER } from "../../src/shared/meeting/joinBlock";
import { SETTINGS_KEY } from "../../src/addin/settings/settings";
import { PERSONAL_MEETING_PATH } from "../../src/shared/api/personalMeeting";

export { JOIN_BLOCK_END_MARKER, JOIN_BLOCK_START_MARKER, SETTINGS_KEY };
export type { AppointmentSnapshot, AsyncMethodName, BodyType, JsonValue };

export const WORKBENCH_PATH = "/workbench/workbench.html";

/** The mailbox of someone the local identity provider signs in (by the sign-in's login hint). */
function mailboxOf(email: string): UserProfileInit {
  const person = OTHER_DEV_PEOPLE.find((p) => p.preferredUsername === email);
  if (!person) throw new Error(`${email} is not one of the identity provider's people`);
  return { displayName: person.name, emailAddress: person.preferredUsername };
}

/**
 * Signs in someone without a BlueJeans account: a first run keeps the settings form (nothing can
 * be looked up). For `test.use({ mailboxUser: WITHOUT_BLUEJEANS })` in tests of the form itself.
 */
export const WITHOUT_BLUEJEANS = mailboxOf("meganb@contoso.com");
/** Signs in Sam, who has a BlueJeans account (emulator user 1002) whose lookup a test can make fail. */
export const SAM = { ...mailboxOf("sam@contoso.example"), bluejeansUserId: 1002 } as const;

/** The personal room most tests configure. */
export const ROOM = { id: "1234567890", passcode: "4321" } as const;

/** Roaming settings with ROOM saved, as the pane leaves them (for `open({ roaming })`). */
export const ROOM_SETTINGS = {
  [SETTINGS_KEY]: {
    version: 1,
    personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
  },
};

/** The meeting defaults of a person who chose scheduled meetings (roaming `meetingDefaults`). */
export const SCHEDULED_DEFAULTS = {
  source: "scheduled",
  attendeePasscode: true,
  moderatorLess: false,
  muteOnEntry: false,
  autoRecord: false,
};

/** Settings with new scheduled meetings as the default (and `patch` over the defaults). */
export function scheduledRoaming(patch: Record<string, unknown> = {}) {
  return { [SETTINGS_KEY]: { version: 1, meetingDefaults: { ...SCHEDULED_DEFAULTS, ...patch } } };
}

/** What the one emulated BlueJeans of the dev stack holds and was asked (GET /__dev/emulator/state). */
export interface EmulatorState {
  meetings: { active: number };
  requests: { byRoute: Record<string, number> };
  faults: unknown[];
}

export async function emulatorState(page: Page): Promise<EmulatorState> {
  return (await (await page.request.get("/__dev/emulator/state")).json()) as EmulatorState;
}

/** Switches the dev server's identity provider (shared by the whole run) to a scenario. */
export async function idpScenario(page: Page, name: ScenarioName): Promise<void> {
  const response = await page.request.post("/__dev/idp/scenario", { data: { name } });
  expect(response.ok(), `identity provider scenario "${name}"`).toBe(true);
}

export function joinUrl(id: string, passcode?: string): string {
  return `https://bluejeans.com/${passcode ? `${id}/${passcode}` : id}?src=calendarLink`;
}

/** Non-overlapping occurrences of `needle` in `haystack`. */
export function countOf(haystack: string, needle: string): number {
  if (needle === "") throw new Error("countOf: empty needle");
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

/** Where two strings first differ, for readable failures on large bodies. */
export function firstDifference(a: string, b: string): string {
  if (a === b) return "identical";
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `lengths ${a.length} vs ${b.length}, first difference at ${i}: ${around(a)} vs ${around(b)}`;
}

/** The parts of the appointment the add-in may change. */
export interface AppointmentParts {
  body: string;
  bodyType: BodyType;
  location: string;
  customProperties: Record<string, JsonValue>;
}

export function partsOf(s: AppointmentSnapshot): AppointmentParts {
  return { body: s.body, bodyType: s.bodyType, location: s.location, customProperties: s.customProperties };
}

export interface OpenOptions {
  /** Body format at start (`?body=`). */
  body?: BodyType;
  /** Office theme at start (`?theme=`). */
  theme?: ThemeName;
  /** The appointment at start (subject, attendees, location, body …), via `window.__workbenchInit`. */
  appointment?: AppointmentInit;
  /** Other start-up configuration. */
  config?: Omit<WorkbenchConfig, "appointment" | "bodyType" | "theme">;
  /**
   * Roaming settings stored before the workbench starts (as the whole stored JSON dictionary, or
   * raw text for damaged storage). The host has no API to seed them, so they go into its
   * localStorage key from a same-origin page first.
   */
  roaming?: Record<string, JsonValue> | string;
  /** Open the task pane and wait until it has settled (default true). */
  pane?: boolean;
}

/** What the pane shows once it has settled ("damaged": the report on unreadable settings). */
export type PaneState = "settings" | "ready" | "added" | "damaged";

export class Workbench {
  readonly pane: FrameLocator;

  /** HTTP errors the test expects the browser to log (see `test`). */
  readonly failedLoads: FailedLoad[] = [];

  /** `mailboxUser`: the mailbox (and so the person signed in) unless a test's `config` names one. */
  constructor(
    readonly page: Page,
    private readonly mailboxUser?: UserProfileInit,
  ) {
    this.pane = page.frameLocator('[data-testid="taskpane-frame"]');
  }

  /** The browser will log an HTTP error for this path of the page's origin: expected, not a failure. */
  expectFailedLoad(path: string, status: number): void {
    this.failedLoads.push({ path, status });
  }

  // ---- Opening --------------------------------------------------------------------------------------

  async open(options: OpenOptions = {}): Promise<void> {
    const { page } = this;
    if (options.roaming !== undefined) {
      const raw = typeof options.roaming === "string" ? options.roaming : JSON.stringify(options.roaming);
      await page.goto("/health");
      await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [
        ROAMING_STORAGE_KEY,
        raw,
      ] as const);
    }
    const init: WorkbenchConfig = { ...options.config };
    if (this.mailboxUser && !init.userProfile) init.userProfile = { ...this.mailboxUser };
    if (options.appointment) init.appointment = options.appointment;
    // Runs in every frame of every navigation (reloads too); only the workbench page reads it.
    // Passed as JSON: dates become ISO strings, which the workbench accepts.
    await page.addInitScript((json: string) => {
      window.__workbenchInit = JSON.parse(json) as WorkbenchConfig;
    }, JSON.stringify(init));
    const query = new URLSearchParams();
    if (options.body) query.set("body", options.body);
    if (options.theme) query.set("theme", options.theme);
    const search = query.toString();
    await page.goto(`${WORKBENCH_PATH}${search ? `?${search}` : ""}`);
    await page.waitForFunction(() => window.__workbench !== undefined);
    if (options.pane !== false) await this.openTaskPane();
  }

  /** Opens the pane (as the ribbon button does) and waits until it shows a settled view. */
  async openTaskPane(): Promise<PaneState> {
    await this.page.evaluate(() => __workbenchApi().openTaskPane());
    return this.settled();
  }

  closeTaskPane(): Promise<void> {
    return this.page.evaluate(() => __workbenchApi().closeTaskPane());
  }

  /** Reloads the page; roaming settings survive (localStorage), the appointment starts again. */
  async reload(): Promise<PaneState> {
    await this.page.reload();
    await this.page.waitForFunction(() => window.__workbench !== undefined);
    return this.openTaskPane();
  }

  /**
   * Waits until the pane is idle and shows the settings form, the ready view, the added view or the
   * damaged-settings report.
   */
  async settled(): Promise<PaneState> {
    const form = this.settingsForm;
    const ready = this.addButton;
    const added = this.updateButton;
    const damaged = this.startOverButton;
    await expect(this.pane.locator("main")).toHaveAttribute("aria-busy", "false");
    await expect(form.or(ready).or(added).or(damaged)).toBeVisible();
    if (await form.isVisible()) return "settings";
    if (await added.isVisible()) return "added";
    if (await damaged.isVisible()) return "damaged";
    return "ready";
  }

  // ---- The pane's parts -----------------------------------------------------------------------------

  get settingsForm(): Locator {
    return this.pane.getByRole("form", { name: "BlueJeans settings" });
  }
  get meetingIdInput(): Locator {
    return this.pane.getByRole("textbox", { name: "Personal meeting ID" });
  }
  get passcodeInput(): Locator {
    return this.pane.getByRole("textbox", { name: "Attendee passcode" });
  }
  get saveButton(): Locator {
    return this.pane.getByRole("button", { name: "Save", exact: true });
  }
  /** On the report of settings this version cannot read. */
  get startOverButton(): Locator {
    return this.pane.getByRole("button", { name: "Start over with new settings" });
  }
  get settingsButton(): Locator {
    return this.pane.getByRole("button", { name: "Settings", exact: true });
  }
  get addButton(): Locator {
    return this.pane.getByRole("button", { name: "Add BlueJeans meeting" });
  }
  get updateButton(): Locator {
    return this.pane.getByRole("button", { name: "Update meeting details" });
  }
  get removeButton(): Locator {
    return this.pane.getByRole("button", { name: "Remove BlueJeans meeting" });
  }
  /** The pane's message bar for failures (field messages are alerts too, but inside the form). */
  get errorBar(): Locator {
    return this.pane.locator("main > *:not(form)").and(this.pane.getByRole("alert"));
  }
  /** A message bar (or its loading fallback) announcing an outcome politely. */
  status(title: string): Locator {
    return this.pane.getByRole("status").filter({ hasText: title });
  }

  // ---- Pane actions ---------------------------------------------------------------------------------

  /** Fills the settings form (opening it from the ready/added view if needed) and saves. */
  async configureRoom(id: string = ROOM.id, passcode: string = ROOM.passcode): Promise<void> {
    if (!(await this.settingsForm.isVisible())) await this.settingsButton.click();
    await this.meetingIdInput.fill(id);
    await this.passcodeInput.fill(passcode);
    await this.saveButton.click();
    await expect(this.status("Settings saved")).toBeVisible();
    await expect(this.settingsForm).toBeHidden();
  }

  async add(): Promise<void> {
    await this.addButton.click();
    await expect(this.status("Meeting details added")).toBeVisible();
    await expect(this.updateButton).toBeVisible();
    await this.idle();
  }

  async update(): Promise<void> {
    await this.updateButton.click();
    await expect(this.status("Meeting details updated")).toBeVisible();
    await expect(this.updateButton).toBeVisible();
    await this.idle();
  }

  async remove(): Promise<void> {
    await this.removeButton.click();
    await expect(this.status("Meeting removed")).toBeVisible();
    await expect(this.addButton.or(this.settingsForm)).toBeVisible();
    await this.idle();
  }

  // ---- The fake host (window.__workbench) -------------------------------------------------------------

  state(): Promise<AppointmentSnapshot> {
    return this.page.evaluate(() => __workbenchApi().state());
  }
  parts(): Promise<AppointmentParts> {
    return this.state().then(partsOf);
  }
  setState(patch: AppointmentInit): Promise<void> {
    return this.page.evaluate(
      (json) => __workbenchApi().setState(JSON.parse(json) as AppointmentInit),
      JSON.stringify(patch),
    );
  }
  setBody(content: string, bodyType?: BodyType): Promise<void> {
    return this.page.evaluate(([c, t]) => __workbenchApi().setBody(c, t), [content, bodyType] as const);
  }
  readBody(coercionType: BodyType): Promise<string> {
    return this.page.evaluate((t) => __workbenchApi().readBody(t), coercionType);
  }
  customProperties(): Promise<Record<string, JsonValue>> {
    return this.page.evaluate(() => __workbenchApi().customProperties());
  }
  notifications(): Promise<NotificationRecord[]> {
    return this.page.evaluate(() => __workbenchApi().notifications());
  }
  roamingSettings(): Promise<Record<string, JsonValue>> {
    return this.page.evaluate(() => __workbenchApi().roamingSettings());
  }
  failNext(method: AsyncMethodName, error?: InjectedError): Promise<void> {
    return this.page.evaluate(([m, e]) => __workbenchApi().failNext(m, e), [method, error] as const);
  }
  setFailure(method: AsyncMethodName, on: boolean, error?: InjectedError): Promise<void> {
    return this.page.evaluate(([m, o, e]) => __workbenchApi().setFailure(m, o, e), [
      method,
      on,
      error,
    ] as const);
  }
  clearFailures(): Promise<void> {
    return this.page.evaluate(() => __workbenchApi().clearFailures());
  }
  calls(): Promise<CallRecord[]> {
    return this.page.evaluate(() => __workbenchApi().calls());
  }
  clearCalls(): Promise<void> {
    return this.page.evaluate(() => __workbenchApi().clearCalls());
  }
  /** Resolves when no Office call is pending. */
  idle(): Promise<void> {
    return this.page.evaluate(() => __workbenchApi().idle());
  }
  callbackErrors(): Promise<CallbackErrorRecord[]> {
    return this.page.evaluate(() => __workbenchApi().callbackErrors());
  }
  setTheme(theme: ThemeName): Promise<void> {
    return this.page.evaluate((t) => __workbenchApi().setTheme(t), theme);
  }
  /** Presses the one-click command; resolves when the add-in calls `event.completed()`. */
  runCommand(): Promise<CommandRun> {
    return this.page.evaluate(() => __workbenchApi().runCommand());
  }
  commandRuns(): Promise<CommandRun[]> {
    return this.page.evaluate(() => __workbenchApi().commandRuns());
  }
  /** A fresh command runtime: it takes a new copy of the roaming settings, as Outlook's would. */
  reloadCommands(): Promise<void> {
    return this.page.evaluate(() => __workbenchApi().reloadCommands());
  }
}

/**
 * `window.__workbench`, or a clear error when it is missing. Functions given to `page.evaluate`
 * are serialised and run in the page, so they cannot call this module's helpers: they call this
 * global, which `installWorkbenchAccessor` puts into every frame.
 */
declare global {
  function __workbenchApi(): NonNullable<Window["__workbench"]>;
}

/** Installs `__workbenchApi()` in every frame, failing loudly when the host is missing. */
function installWorkbenchAccessor(): void {
  Object.defineProperty(globalThis, "__workbenchApi", {
    configurable: true,
    value: () => {
      const api = window.__workbench;
      if (!api) throw new Error("window.__workbench is not there: is this the workbench page?");
      return api;
    },
  });
}

export interface Fixtures {
  wb: Workbench;
  /** The workbench's mailbox user (the workbench's default, the identity provider's own, when unset). */
  mailboxUser: UserProfileInit | undefined;
}

/** The browser's own log line for an answer that is an HTTP error (not the add-in's doing). */
function isFailedLoad(text: string, url: string, expected: FailedLoad): boolean {
  return (
    text.startsWith(`Failed to load resource: the server responded with a status of ${expected.status} `) &&
    new URL(url).pathname === expected.path
  );
}

interface FailedLoad {
  path: string;
  status: number;
}

/**
 * `test` with a `wb` fixture. After each test it checks that no add-in callback threw inside the
 * fake host, and that no frame had an uncaught exception or logged an error, apart from the
 * browser's line for an HTTP error the test expects (`wb.expectFailedLoad`; for someone without a
 * BlueJeans account, the lookup's 403).
 */
export const test = base.extend<Fixtures>({
  mailboxUser: [undefined, { option: true }],
  wb: async ({ page, mailboxUser }, use) => {
    const pageErrors: string[] = [];
    const wb = new Workbench(page, mailboxUser);
    if (mailboxUser?.emailAddress === WITHOUT_BLUEJEANS.emailAddress) {
      wb.expectFailedLoad(PERSONAL_MEETING_PATH, 403);
    }
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      const { url } = message.location();
      // The workbench has no favicon; that 404 is the browser's, not the add-in's.
      if (message.type() !== "error" || url.endsWith("/favicon.ico")) return;
      if (wb.failedLoads.some((expected) => isFailedLoad(message.text(), url, expected))) return;
      pageErrors.push(`console.error: ${message.text()} (${url})`);
    });
    await page.addInitScript(installWorkbenchAccessor);
    await use(wb);
    const hasHost = await page.evaluate(() => window.__workbench !== undefined).catch(() => false);
    if (hasHost) expect(await wb.callbackErrors(), "add-in callbacks that threw").toEqual([]);
    expect(pageErrors, "uncaught exceptions and console errors in the page or its frames").toEqual([]);
  },
});

export { expect };
