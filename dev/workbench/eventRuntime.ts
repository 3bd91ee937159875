/**
 * Outlook's event-based activation in the workbench: starts the add-in's event script in a Web
 * Worker (eventWorker.ts), answers its Office calls through the fake Outlook, and fires the
 * LaunchEvents of manifest.xml as Outlook does, with switches to fire twice or late.
 * Dev/test code only.
 */
import { EVENT_FUNCTIONS } from "../../src/addin/events/names";
import type { PageMessage, WorkerMessage, WorkerSnapshot } from "./eventProtocol";
import type { JsonValue } from "./types";

/** LaunchEvent Type (manifest.xml) → FunctionName the event script associates. */
export const LAUNCH_EVENTS = {
  OnNewAppointmentOrganizer: EVENT_FUNCTIONS.newAppointment,
  OnAppointmentTimeChanged: EVENT_FUNCTIONS.timeChanged,
  OnAppointmentAttendeesChanged: EVENT_FUNCTIONS.attendeesChanged,
  OnAppointmentRecurrenceChanged: EVENT_FUNCTIONS.recurrenceChanged,
  OnAppointmentSend: EVENT_FUNCTIONS.send,
} as const;
export type LaunchEventType = keyof typeof LAUNCH_EVENTS;

export function isLaunchEventType(value: string): value is LaunchEventType {
  return Object.prototype.hasOwnProperty.call(LAUNCH_EVENTS, value);
}

export interface EventRun {
  id: number;
  type: LaunchEventType;
  startedAt: number;
  completedAt: number | null;
  /** How often the handler called event.completed() (must be exactly 1). */
  completedCount: number;
  completedOptions: JsonValue | null;
  /** Office calls the handler made. */
  officeCalls: number;
  error: string | null;
}

export interface EventSwitches {
  /** Raise the events at all (Outlook raises them only for admin-deployed add-ins). */
  enabled: boolean;
  /** Raise each event twice, as Outlook sometimes does. */
  twice: boolean;
  /** Wait this long before raising an event. */
  delayMs: number;
}

/** What the runtime needs from the workbench host. */
export interface EventHostHooks {
  officeFor(realm: Window, options: { name: string }): typeof Office;
  snapshot(): WorkerSnapshot;
  getToken(): Promise<string>;
  callCount(frame: string): number;
  now(): number;
  changed(): void;
}

const WORKER_START_MS = 15_000;

export class EventRuntime {
  readonly switches: EventSwitches = { enabled: true, twice: false, delayMs: 0 };
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private office: typeof Office | null = null;
  private readonly handles = new Map<number, Record<string, (...args: unknown[]) => unknown>>();
  private nextHandle = 1;
  private nextRun = 1;
  private readonly log: EventRun[] = [];
  private readonly waiting = new Map<number, (run: EventRun) => void>();
  private readonly associated = new Set<string>();
  private loaded: (() => void) | null = null;
  private readonly failures: string[] = [];

  constructor(
    private readonly hooks: EventHostHooks,
    private readonly realm: Window,
    private readonly workerUrl: string,
    private readonly scriptUrl: string,
  ) {}

  runs(): EventRun[] {
    return this.log.map((run) => ({ ...run }));
  }

  /** Errors the worker reported outside a run (a handler throwing, DOM use, a failed load). */
  errors(): string[] {
    return [...this.failures];
  }

  functions(): string[] {
    return [...this.associated];
  }

  private post(message: PageMessage): void {
    this.worker?.postMessage(message);
  }

  /** Starts the worker and loads the event script once; later calls reuse it. */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = new Promise<void>((resolve, reject) => {
      const WorkerClass = (this.realm as unknown as { Worker: typeof Worker }).Worker;
      const worker = new WorkerClass(this.workerUrl);
      this.worker = worker;
      const timer = setTimeout(() => reject(new Error("the event script did not load")), WORKER_START_MS);
      this.loaded = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.addEventListener("message", (event: MessageEvent<WorkerMessage>) => this.receive(event.data));
      worker.addEventListener("error", (event: ErrorEvent) => {
        this.failures.push(`worker: ${event.message}`);
        this.hooks.changed();
      });
      this.post({ type: "init", snapshot: this.hooks.snapshot(), scriptUrl: this.scriptUrl });
    });
    this.starting.catch(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** A fresh namespace per event, as a fresh runtime loads roaming settings when it starts. */
  private async namespace(): Promise<typeof Office> {
    const office = this.hooks.officeFor(this.realm, { name: "events" });
    await office.onReady();
    this.office = office;
    this.post({ type: "refresh", roaming: this.hooks.snapshot().roaming });
    return office;
  }

  /** Raises one event (twice and late as the switches say); resolves with the first run's record. */
  async fire(type: LaunchEventType): Promise<EventRun | null> {
    if (!this.switches.enabled) return null;
    await this.start();
    if (this.switches.delayMs > 0) await new Promise((r) => setTimeout(r, this.switches.delayMs));
    await this.namespace();
    const first = this.raise(type);
    const second = this.switches.twice ? this.raise(type) : undefined;
    const [run] = await Promise.all([first, second]);
    return run ?? null;
  }

  private raise(type: LaunchEventType): Promise<EventRun> {
    const run: EventRun = {
      id: this.nextRun++,
      type,
      startedAt: this.hooks.now(),
      completedAt: null,
      completedCount: 0,
      completedOptions: null,
      officeCalls: this.hooks.callCount("events"),
      error: null,
    };
    this.log.push(run);
    this.hooks.changed();
    return new Promise((resolve) => {
      this.waiting.set(run.id, resolve);
      this.post({ type: "fire", runId: run.id, name: LAUNCH_EVENTS[type], eventType: type });
    });
  }

  private finish(runId: number, update: (run: EventRun) => void): void {
    const run = this.log.find((r) => r.id === runId);
    if (!run) return;
    update(run);
    this.hooks.changed();
    const resolve = this.waiting.get(runId);
    if (resolve && (run.completedAt !== null || run.error !== null)) {
      this.waiting.delete(runId);
      resolve({ ...run });
    }
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case "loaded":
        this.loaded?.();
        break;
      case "associate":
        this.associated.add(message.name);
        break;
      case "call":
        this.call(message.path, message.args);
        break;
      case "token":
        this.hooks.getToken().then(
          (token) => this.post({ type: "token", id: message.id, token }),
          (error: unknown) => this.post({ type: "token", id: message.id, error: String(error) }),
        );
        break;
      case "completed":
        this.finish(message.runId, (run) => {
          run.completedCount += 1;
          if (run.completedCount === 1) {
            run.completedAt = this.hooks.now();
            run.completedOptions = (message.options ?? null) as JsonValue | null;
            run.officeCalls = this.hooks.callCount("events") - run.officeCalls;
          }
        });
        break;
      case "failed":
        if (message.runId !== undefined) this.finish(message.runId, (run) => (run.error = message.message));
        else {
          this.failures.push(message.message);
          this.hooks.changed();
        }
        break;
    }
  }

  /** Runs one Office call of the worker on this page's fake Outlook and sends the answer back. */
  private call(path: string, args: unknown[]): void {
    const office = this.office;
    if (!office) return;
    const callbackOf = (arg: unknown): unknown => {
      const id = (arg as { __fn?: unknown } | null)?.__fn;
      if (typeof id !== "number") return arg;
      return (result: Record<string, unknown>) =>
        this.post({ type: "callback", id, result: { ...result, value: this.marshal(result.value) } });
    };
    const live = args.map(callbackOf);
    const dot = path.lastIndexOf(".");
    const owner = path.slice(0, dot);
    const name = path.slice(dot + 1);
    let target: Record<string, unknown> | undefined;
    if (owner.startsWith("#")) target = this.handles.get(Number(owner.slice(1)));
    else if (owner === "roamingSettings") target = office.context.roamingSettings as never;
    else if (owner.startsWith("item")) {
      target = office.context.mailbox.item as never;
      for (const part of owner.split(".").slice(1))
        target = target?.[part] as Record<string, unknown> | undefined;
    }
    const fn = target?.[name];
    try {
      if (typeof fn !== "function") throw new Error(`${path} is not a function`);
      (fn as (...a: unknown[]) => unknown).apply(target, live);
    } catch (error) {
      // office.js throws argument errors synchronously; the worker hears of them as a failed call.
      const callback = live.find((a) => typeof a === "function") as ((r: unknown) => void) | undefined;
      callback?.({
        status: "failed",
        error: { code: 9999, name: (error as Error).name, message: (error as Error).message },
      });
    }
  }

  /** Values with methods cannot cross to the worker: custom properties become a handle. */
  private marshal(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    const v = value as Record<string, unknown>;
    if (typeof v.getAll === "function" && typeof v.saveAsync === "function") {
      const handle = this.nextHandle++;
      this.handles.set(handle, v as Record<string, (...args: unknown[]) => unknown>);
      return { __props: handle, data: (v.getAll as () => unknown)() };
    }
    const series = v.seriesTime as Record<string, () => unknown> | undefined;
    if (series && typeof series.getStartDate === "function") {
      const { seriesTime: _dropped, ...rest } = v;
      return {
        __series: {
          ...rest,
          seriesTime: {
            startDate: series.getStartDate(),
            endDate: series.getEndDate?.(),
            startTime: series.getStartTime?.(),
            duration: series.getDuration?.(),
          },
        },
      };
    }
    return value;
  }
}
