// requirement set: events
/**
 * The event runtime's entry: registers the handlers named in manifest.xml. One bundled script
 * with no imports at run time and no DOM, because classic Outlook on Windows runs it on its own
 * (the other clients load it through events.html). Handlers are associated at once, without
 * waiting for Office.onReady, as Outlook asks of event-based add-ins.
 */
import "../../shared/meeting/htmlBodies";
import "../appointment/raceSettling";
import { officeItemHost } from "../host/officeAdapter";
import { loadEventConfig, type EventConfig } from "./config";
import {
  onAppointmentSend,
  onDetailsChanged,
  onNewAppointment,
  type Completion,
  type EventEnv,
} from "./handlers";
import { EVENT_FUNCTIONS } from "./names";
import { runEvent, type OfficeEvent } from "./run";
import { silentToken } from "./token";

declare const __ADDIN_ORIGIN__: string | undefined;

/** Where the add-in's server is: the page's origin, or the built-in one where there is no page. */
function addinOrigin(): string {
  const here = typeof location !== "undefined" ? location.origin : "";
  if (here.startsWith("https://")) return here;
  return typeof __ADDIN_ORIGIN__ === "string" ? __ADDIN_ORIGIN__ : "";
}

let config: Promise<EventConfig> | undefined;

function environment(): EventEnv {
  const origin = addinOrigin();
  const doFetch: typeof fetch = (input, init) => fetch(input, init);
  return {
    host: officeItemHost(),
    config: () => (config ??= loadEventConfig(origin, doFetch)),
    getToken: silentToken,
    apiBase: origin,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    fetch: doFetch,
  };
}

function handler(work: (env: EventEnv) => Promise<Completion>, fallback: Completion) {
  return (event: OfficeEvent): void => {
    void runEvent(event, () => work(environment()), fallback);
  };
}

// Our own failure never stops a send: the check only holds for the reasons it names.
const register: Array<[string, (event: OfficeEvent) => void]> = [
  [EVENT_FUNCTIONS.newAppointment, handler(onNewAppointment, undefined)],
  [EVENT_FUNCTIONS.timeChanged, handler(onDetailsChanged, undefined)],
  [EVENT_FUNCTIONS.attendeesChanged, handler(onDetailsChanged, undefined)],
  [EVENT_FUNCTIONS.recurrenceChanged, handler(onDetailsChanged, undefined)],
  [EVENT_FUNCTIONS.send, handler(onAppointmentSend, { allowEvent: true })],
];
for (const [name, fn] of register) Office.actions.associate(name, fn);
