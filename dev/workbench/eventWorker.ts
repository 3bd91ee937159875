/**
 * The workbench's event runtime: a Web Worker, so the add-in's event script runs where no DOM
 * exists, as in classic Outlook on Windows (any use of `document` or `window` throws here and
 * fails the tests). It installs an `Office` (and `OfficeRuntime`) whose calls go to the workbench
 * page, which answers them through its fake Outlook, then loads the event script.
 * Dev/test code only.
 */
import type { WorkerMessage, PageMessage, WorkerSnapshot } from "./eventProtocol";
import { compareVersions } from "./versions";

type Callback = (result: unknown) => void;

const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: "message", listener: (event: { data: PageMessage }) => void): void;
  importScripts(...urls: string[]): void;
  Office?: unknown;
  OfficeRuntime?: unknown;
};

let snapshot: WorkerSnapshot | undefined;
let nextId = 1;
const callbacks = new Map<number, Callback>();
const tokens = new Map<number, { resolve(token: string): void; reject(error: Error): void }>();
const handlers = new Map<string, (event: unknown) => void>();
const post = (message: WorkerMessage): void => scope.postMessage(message);

function wire(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg !== "function") return arg;
    const id = nextId++;
    callbacks.set(id, arg as Callback);
    return { __fn: id };
  });
}

const remote =
  (path: string) =>
  (...args: unknown[]): void =>
    post({ type: "call", path, args: wire(args) });

/** Rebuilds values the page could not send as they are (objects with methods). */
function revive(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const v = value as Record<string, unknown>;
  if (typeof v.__props === "number") {
    const handle = v.__props;
    const data = { ...(v.data as Record<string, unknown>) };
    const forward = (method: string, args: unknown[]) =>
      post({ type: "call", path: `#${handle}.${method}`, args: wire(args) });
    return {
      get: (name: string) => data[name],
      getAll: () => ({ ...data }),
      set: (name: string, val: unknown) => {
        data[name] = val;
        forward("set", [name, val]);
      },
      remove: (name: string) => {
        delete data[name];
        forward("remove", [name]);
      },
      saveAsync: (...args: unknown[]) => forward("saveAsync", args),
    };
  }
  if (typeof v.__series === "object" && v.__series !== null) {
    const s = v.__series as Record<string, unknown>;
    const times = s.seriesTime as Record<string, unknown>;
    return {
      ...s,
      seriesTime: {
        getStartDate: () => times.startDate,
        getEndDate: () => times.endDate,
        getStartTime: () => times.startTime,
        getDuration: () => times.duration,
      },
    };
  }
  return value;
}

function install(snap: WorkerSnapshot): void {
  const method = (path: string) => remote(`item.${path}`);
  const item: Record<string, unknown> = {
    itemType: "appointment",
    body: {
      getAsync: method("body.getAsync"),
      getTypeAsync: method("body.getTypeAsync"),
      setAsync: method("body.setAsync"),
      prependAsync: method("body.prependAsync"),
    },
    subject: { getAsync: method("subject.getAsync") },
    location: { getAsync: method("location.getAsync"), setAsync: method("location.setAsync") },
    start: { getAsync: method("start.getAsync") },
    end: { getAsync: method("end.getAsync") },
    requiredAttendees: { getAsync: method("requiredAttendees.getAsync") },
    notificationMessages: {
      addAsync: method("notificationMessages.addAsync"),
      replaceAsync: method("notificationMessages.replaceAsync"),
      removeAsync: method("notificationMessages.removeAsync"),
      getAllAsync: method("notificationMessages.getAllAsync"),
    },
    loadCustomPropertiesAsync: method("loadCustomPropertiesAsync"),
  };
  if (snap.hasRecurrence) item.recurrence = { getAsync: method("recurrence.getAsync") };
  const roaming = snap.roaming;
  const office = {
    ...snap.enums,
    context: {
      mailbox: { item, userProfile: snap.profile, diagnostics: snap.diagnostics },
      roamingSettings: {
        get: (name: string) => roaming[name],
        set: (name: string, value: unknown) => {
          roaming[name] = value as never;
          remote("roamingSettings.set")(name, value);
        },
        remove: (name: string) => {
          delete roaming[name];
          remote("roamingSettings.remove")(name);
        },
        saveAsync: remote("roamingSettings.saveAsync"),
      },
      requirements: {
        isSetSupported: (name: string, version?: string | number) => {
          const max = snap.requirements[String(name).toLowerCase()];
          if (max === undefined) return false;
          return version === undefined ? true : compareVersions(max, String(version)) >= 0;
        },
      },
    },
    actions: {
      associate: (name: string, fn: (event: unknown) => void) => {
        handlers.set(name, fn);
        post({ type: "associate", name });
      },
    },
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
  };
  scope.Office = office;
  scope.OfficeRuntime = {
    auth: {
      getAccessToken: () =>
        new Promise<string>((resolve, reject) => {
          const id = nextId++;
          tokens.set(id, { resolve, reject });
          post({ type: "token", id });
        }),
    },
  };
}

scope.addEventListener("message", ({ data }) => {
  switch (data.type) {
    case "init":
      snapshot = data.snapshot;
      install(snapshot);
      try {
        scope.importScripts(data.scriptUrl);
        post({ type: "loaded" });
      } catch (error) {
        post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      }
      break;
    case "refresh":
      if (snapshot) Object.assign(snapshot.roaming, data.roaming);
      break;
    case "callback": {
      const callback = callbacks.get(data.id);
      callbacks.delete(data.id);
      const result = data.result as Record<string, unknown>;
      try {
        callback?.({ ...result, value: revive(result.value) });
      } catch (error) {
        post({ type: "failed", message: `callback threw: ${String(error)}` });
      }
      break;
    }
    case "token": {
      const waiting = tokens.get(data.id);
      tokens.delete(data.id);
      if (data.token !== undefined) waiting?.resolve(data.token);
      else waiting?.reject(Object.assign(new Error(data.error ?? "no token"), { code: 13003 }));
      break;
    }
    case "fire": {
      const fn = handlers.get(data.name);
      const event = {
        type: data.eventType,
        completed: (options?: unknown) => post({ type: "completed", runId: data.runId, options }),
      };
      if (!fn) {
        post({ type: "failed", runId: data.runId, message: `nothing is associated with "${data.name}"` });
        break;
      }
      try {
        fn(event);
      } catch (error) {
        post({
          type: "failed",
          runId: data.runId,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      break;
    }
  }
});

// Uncaught errors and rejections (a handler touching `document`, say) reach the page as failures.
self.addEventListener("error", (event) => post({ type: "failed", message: String(event.message) }));
self.addEventListener("unhandledrejection", (event) =>
  post({ type: "failed", message: `unhandled rejection: ${String(event.reason)}` }),
);
