/**
 * Two runtimes adding a scheduled meeting to one appointment at once (the pane clicked while the
 * OnNewAppointmentOrganizer handler adds, or the event raised in two runtimes), through the real
 * Office adapter against the workbench's fake Outlook, the real server and the BlueJeans emulator.
 * Each runtime loads its own copy of the custom properties and a save replaces what the item has
 * (the last save wins). The order of the Office calls is chosen by holding calls at gates.
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
// As the pages and the event runtime do: adds that settle need it.
import "../../../../src/addin/appointment/raceSettling";
import { JSDOM } from "jsdom";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import { addMeeting } from "../../../../src/addin/appointment/meetingFlow";
import {
  CREATE_KEY_PROPERTY,
  idempotencyKeyFor,
  MEETING_PROPERTY,
  parseStoredMeeting,
} from "../../../../src/addin/appointment/storedMeeting";
import { onNewAppointment, type EventEnv } from "../../../../src/addin/events/handlers";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import type { AppointmentPort } from "../../../../src/addin/host/ports";
import { saveSettings, type Settings } from "../../../../src/addin/settings/settings";
import { outsidePaneSources } from "../../../../src/addin/sources/outsidePane";
import { findJoinBlocks } from "../../../../src/shared/meeting";
import { useListeningStack } from "../sources/listeningStack";
import { APPOINTMENT, AUTO_SCHEDULED, ROOM, SERVER } from "./fixtures";

(globalThis as unknown as { DOMParser: unknown }).DOMParser = new JSDOM("").window.DOMParser;

const live = useListeningStack();

const TIME_ZONE = "Europe/Berlin";

interface Gate {
  /** The held call has been made and waits. */
  reached: Promise<void>;
  release(): void;
  /** The held call has been answered. */
  passed: Promise<void>;
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * One runtime's view of the item. `hold("load", n)` makes its n-th loadCustomProperties call wait
 * (counted from the start), `hold("save", n)` its n-th custom-properties save.
 */
class Runtime {
  readonly item: AppointmentPort;
  private readonly count = new Map<string, number>();
  private readonly gates = new Map<
    string,
    { gate: Gate; open: Promise<void>; arrive(): void; done(): void }
  >();

  constructor(inner: AppointmentPort) {
    const pass = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const n = (this.count.get(name) ?? 0) + 1;
      this.count.set(name, n);
      const held = this.gates.get(`${name}#${n}`);
      if (!held) return run();
      held.arrive();
      await held.open;
      try {
        return await run();
      } finally {
        held.done();
      }
    };
    this.item = {
      ...inner,
      loadCustomProperties: () =>
        pass("load", async () => {
          const props = await inner.loadCustomProperties();
          return {
            get: (name) => props.get(name),
            set: (name, value) => props.set(name, value),
            remove: (name) => props.remove(name),
            save: () => pass("save", () => props.save()),
          };
        }),
    };
  }

  hold(name: "load" | "save", nth: number): Gate {
    const reached = deferred();
    const open = deferred();
    const passed = deferred();
    const gate: Gate = { reached: reached.promise, release: open.resolve, passed: passed.promise };
    this.gates.set(`${name}#${nth}`, {
      gate,
      open: open.promise,
      arrive: reached.resolve,
      done: passed.resolve,
    });
    return gate;
  }
}

/**
 * The Office calls of each racer, numbered as `Runtime.hold` counts them. The event handler first
 * reads the appointment itself (load 1); the pane starts in addMeeting.
 */
const EVENT = { key: 3, readBack: 4, beforeWrite: 5, afterWrite: 6, keySave: 1, write: 2 };
const PANE = { key: 2, readBack: 3, beforeWrite: 4, afterWrite: 5, keySave: 1, write: 2 };

/** `settings`: what the person saved, which the event reads (the pane's racer always makes a scheduled meeting). */
async function setup(settings: Settings = AUTO_SCHEDULED) {
  const wb = new WorkbenchHost({ config: { latency: 1, appointment: APPOINTMENT } });
  const realm = globalThis as unknown as Window;
  const runtime = async (name: string) => {
    const office = wb.officeFor(realm, { name });
    await office.onReady();
    (globalThis as unknown as { Office: typeof Office }).Office = office;
    return officeHost();
  };
  await saveSettings((await runtime("setup")).settings, settings);
  const eventHost = await runtime("events");
  const eventSide = new Runtime(eventHost.item);
  const paneHost = await runtime("taskpane");
  const paneSide = new Runtime(paneHost.item);
  const env: EventEnv = {
    host: { ...eventHost, item: eventSide.item },
    config: async () => SERVER,
    getToken: () => live.stack.tokenFor(),
    apiBase: live.base,
    timeZone: TIME_ZONE,
    fetch: (input, init) => fetch(input, init),
  };
  const pane = outsidePaneSources({
    settings: AUTO_SCHEDULED,
    scheduledAvailable: true,
    apiBase: live.base,
    getToken: () => live.stack.tokenFor(),
    organizerName: paneHost.user.displayName,
    timeZone: TIME_ZONE,
    idempotencyKey: () => idempotencyKeyFor(paneSide.item),
    fetch: (input, init) => fetch(input, init),
  });
  const racers = {
    event: { side: eventSide, calls: EVENT, add: () => onNewAppointment(env).then(() => undefined) },
    pane: {
      side: paneSide,
      calls: PANE,
      add: () => addMeeting(paneSide.item, pane.chosen!, pane.sources).then(() => undefined),
    },
    /** The pane before its sign-in is ready: it adds the personal room. */
    paneRoom: {
      side: paneSide,
      calls: PANE,
      add: () =>
        addMeeting(paneSide.item, pane.sources("personal-room")!, pane.sources).then(() => undefined),
    },
  };
  return { api: wb.api(), racers };
}

type Racer = Awaited<ReturnType<typeof setup>>["racers"]["event"];

/** Each race is run both ways round: which runtime goes first. */
const BOTH_ORDERS = [
  ["event", "pane"],
  ["pane", "event"],
] as const;

/** A gate that lets its call through at once: only to wait until it has been made or answered. */
function watch(side: Runtime, name: "load" | "save", nth: number): Gate {
  const gate = side.hold(name, nth);
  gate.release();
  return gate;
}

/**
 * Starts both adds; both read the item before either saves a key. `oneKey`: `a` reads its key back
 * after `b`'s save landed, so both use `b`'s. Otherwise `a` reads back before, and each uses its
 * own (then `b`'s key save still lands before `a` checks the item before writing).
 */
async function race(a: Racer, b: Racer, oneKey: boolean): Promise<Promise<void>[]> {
  const [aSave, bSave] = [a.side.hold("save", a.calls.keySave), b.side.hold("save", b.calls.keySave)];
  const readBack = a.side.hold("load", a.calls.readBack);
  const aCheck = a.side.hold("load", a.calls.beforeWrite);
  const runs = [a.add(), b.add()];
  await Promise.all([aSave.reached, bSave.reached]);
  aSave.release();
  await readBack.reached;
  if (!oneKey) {
    readBack.release();
    await readBack.passed;
  }
  bSave.release();
  await bSave.passed;
  readBack.release();
  aCheck.release();
  return runs;
}

async function meetingsAtBlueJeans(): Promise<Array<{ id: number; numericMeetingId: string }>> {
  return (await (await fetch(`${live.stack.emulatorUrl}/__emulator/meetings`)).json()) as Array<{
    id: number;
    numericMeetingId: string;
  }>;
}

/** Exactly one meeting at BlueJeans, the one stored on the item and the one the body's one block shows. */
async function expectOneMeeting(api: Awaited<ReturnType<typeof setup>>["api"]) {
  await api.idle();
  const held = await meetingsAtBlueJeans();
  expect(held).toHaveLength(1);
  const stored = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
  expect(stored).toMatchObject({ meetingId: held[0]!.id, numericMeetingId: held[0]!.numericMeetingId });
  const text = api.readBody("text");
  const blocks = findJoinBlocks(text, "text");
  expect(blocks).toHaveLength(1);
  const shown = text.slice(blocks[0]!.start, blocks[0]!.end).match(/bluejeans\.com\/\d{4,20}/g) ?? [];
  expect(new Set(shown)).toEqual(new Set([`bluejeans.com/${held[0]!.numericMeetingId}`]));
  expect(text).toContain("Agenda: budget");
  const location = api.state().location;
  expect(location.startsWith("Room 4; ")).toBe(true);
  expect(location.match(/bluejeans\.com\/\d{4,20}/g)).toEqual([`bluejeans.com/${held[0]!.numericMeetingId}`]);
  return stored!;
}

describe("the create key, asked for by two runtimes at once", () => {
  test.each([
    ["the event's save lands first", "event", "pane"],
    ["the pane's save lands first", "pane", "event"],
  ] as const)("%s: both read back the key that stayed", async (_name, first, second) => {
    const { api, racers } = await setup();
    const [a, b] = [racers[first], racers[second]];
    const keys = [a, b].map((r) => {
      const save = r.side.hold("save", 1);
      return { save, key: idempotencyKeyFor(r.side.item) };
    });
    await Promise.all(keys.map((k) => k.save.reached));
    // A's read-back waits until B's key is saved too.
    const readBack = a.side.hold("load", 2);
    keys[0]!.save.release();
    await readBack.reached;
    keys[1]!.save.release();
    await keys[1]!.save.passed;
    readBack.release();
    const [ka, kb] = await Promise.all(keys.map((k) => k.key));
    expect(ka).toBe(kb);
    expect(api.customProperties()[CREATE_KEY_PROPERTY]).toBe(ka);
  });
});

/**
 * `b`'s check of the item before it writes is held until `a` has stored its meeting and checked
 * again. Returns with that check still held. `oneKey`: both ask for the create with one key.
 */
async function secondChecksLast(a: Racer, b: Racer, oneKey: boolean) {
  const bCheck = b.side.hold("load", b.calls.beforeWrite);
  const aDone = watch(a.side, "load", a.calls.afterWrite);
  const runs = await race(a, b, oneKey);
  await Promise.all([bCheck.reached, aDone.passed]);
  return { runs, releaseSecond: () => bCheck.release() };
}

describe("two adds racing end with one meeting at BlueJeans, in the body and stored", () => {
  test.each(BOTH_ORDERS)(
    "one key (%s saves its key first): one create, the other shows it",
    async (first, second) => {
      const { api, racers } = await setup();
      const { runs, releaseSecond } = await secondChecksLast(racers[first], racers[second], true);
      releaseSecond();
      await Promise.all(runs);
      await expectOneMeeting(api);
      // Made once: no meeting was created and deleted on the way.
      const state = (await (await fetch(`${live.stack.emulatorUrl}/__emulator/state`)).json()) as {
        meetings: { total: number };
      };
      expect(state.meetings.total).toBe(1);
    },
  );

  test.each(BOTH_ORDERS)(
    "two keys, %s stores its meeting first: the other ends its own before writing",
    async (first, second) => {
      const { api, racers } = await setup();
      const { runs, releaseSecond } = await secondChecksLast(racers[first], racers[second], false);
      const aStored = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
      releaseSecond();
      await Promise.all(runs);
      const stored = await expectOneMeeting(api);
      expect(stored.numericMeetingId).toBe(aStored?.numericMeetingId);
    },
  );

  test.each(BOTH_ORDERS)(
    "two keys, both write, %s saves first: the last save stays and the first ends its own",
    async (first, second) => {
      const { api, racers } = await setup();
      const [a, b] = [racers[first], racers[second]];
      const writes = [a.side.hold("save", a.calls.write), b.side.hold("save", b.calls.write)];
      const aCheck = a.side.hold("load", a.calls.afterWrite);
      const runs = await race(a, b, false);
      // Both have checked the item and are saving their meeting (stored before the block goes in).
      await Promise.all(writes.map((w) => w.reached));
      writes[0]!.release();
      await aCheck.reached;
      writes[1]!.release();
      await writes[1]!.passed;
      const bStored = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
      aCheck.release();
      await Promise.all(runs);
      const stored = await expectOneMeeting(api);
      expect(stored.numericMeetingId).toBe(bStored?.numericMeetingId);
    },
  );
});

/**
 * Two keys, both write; `a`'s meeting is stored, its block and link go in and `a` checks the item,
 * all before `b`'s save lands (Outlook slow to save for one runtime): `a` sees its own meeting
 * stored and thinks it won. Returns with `b`'s save still held; `first` is what `a` stored.
 */
async function slowSecondSave(api: Awaited<ReturnType<typeof setup>>["api"], a: Racer, b: Racer) {
  const writes = [a.side.hold("save", a.calls.write), b.side.hold("save", b.calls.write)];
  const aDone = watch(a.side, "load", a.calls.afterWrite);
  const runs = await race(a, b, false);
  await Promise.all(writes.map((w) => w.reached));
  writes[0]!.release();
  await aDone.passed;
  const first = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
  return { runs, first, releaseSecond: () => writes[1]!.release() };
}

describe("a save that lands after the other add has checked the item", () => {
  test.each(BOTH_ORDERS)(
    "%s stores, shows and checks first; the other's save lands last: that one stays, the first one's meeting ends",
    async (first, second) => {
      const { api, racers } = await setup();
      const {
        runs,
        first: aStored,
        releaseSecond,
      } = await slowSecondSave(api, racers[first], racers[second]);
      releaseSecond();
      await Promise.all(runs);
      // a thought it had won; b, checking last, kept its own and had the server end a's.
      const stored = await expectOneMeeting(api);
      expect(stored.numericMeetingId).not.toBe(aStored?.numericMeetingId);
      expect(api.state().location).toBe(`Room 4; ${stored.joinUrl}`);
      expect(api.notifications().filter((n) => n.type === "errorMessage")).toEqual([]);
    },
  );
});

test("the last add cannot have the first one's meeting ended: the appointment is right and the event says which to delete", async () => {
  const { api, racers } = await setup();
  const { runs, first, releaseSecond } = await slowSecondSave(api, racers.pane, racers.event);
  await fetch(`${live.stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "DELETE", fault: "status=503" }),
  });
  releaseSecond();
  await Promise.all(runs);
  await api.idle();
  const stored = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
  expect(stored?.numericMeetingId).not.toBe(first?.numericMeetingId);
  expect((await meetingsAtBlueJeans()).map((m) => m.numericMeetingId).sort()).toEqual(
    [first?.numericMeetingId, stored?.numericMeetingId].sort(),
  );
  const text = api.readBody("text");
  expect(findJoinBlocks(text, "text")).toHaveLength(1);
  expect(text).toContain(`bluejeans.com/${stored?.numericMeetingId}`);
  expect(api.notifications().map((n) => n.message)).toEqual([
    `A second BlueJeans meeting, ${first?.numericMeetingId}, made by mistake, could not be deleted. Delete it in BlueJeans; this appointment has meeting ${stored?.numericMeetingId}.`,
  ]);
});

test("the event's personal room is stored last over the pane's new meeting: the room stays, and the person is told which meeting to delete", async () => {
  const { api, racers } = await setup({ ...ROOM, autoAdd: true });
  const { event, pane } = racers;
  // The event's room is stored only after the pane has made, shown and checked its meeting.
  const roomSave = event.side.hold("save", 1);
  const eventRun = event.add();
  await roomSave.reached;
  await pane.add();
  const made = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
  expect(made?.source).toBe("scheduled");
  roomSave.release();
  await eventRun;
  await api.idle();
  expect(parseStoredMeeting(api.customProperties()[MEETING_PROPERTY])).toMatchObject({
    source: "personal-room",
    numericMeetingId: "123456789",
  });
  const text = api.readBody("text");
  expect(findJoinBlocks(text, "text")).toHaveLength(1);
  expect(new Set(text.match(/bluejeans\.com\/\d{4,20}/g))).toEqual(new Set(["bluejeans.com/123456789"]));
  expect(api.state().location).toBe("Room 4; https://bluejeans.com/123456789/4321?src=calendarLink");
  // A room cannot vouch for the pane's meeting at the server: it is named instead.
  expect((await meetingsAtBlueJeans()).map((m) => m.numericMeetingId)).toEqual([made?.numericMeetingId]);
  expect(api.notifications().map((n) => n.message)).toEqual([
    `A second BlueJeans meeting, ${made?.numericMeetingId}, made by mistake, could not be deleted. Delete it in BlueJeans; this appointment has meeting 123456789.`,
  ]);
});

test("BlueJeans refusing to delete the extra meeting: the appointment is right and the event says which to delete", async () => {
  const { api, racers } = await setup();
  const [a, b] = [racers.pane, racers.event];
  const bCheck = b.side.hold("load", b.calls.beforeWrite);
  const aDone = watch(a.side, "load", a.calls.afterWrite);
  const runs = await race(a, b, false);
  await Promise.all([bCheck.reached, aDone.passed]);
  await fetch(`${live.stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "DELETE", fault: "status=503" }),
  });
  bCheck.release();
  await Promise.all(runs);
  await api.idle();
  const stored = parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);
  const held = await meetingsAtBlueJeans();
  expect(held).toHaveLength(2);
  const extra = held.find((m) => m.numericMeetingId !== stored?.numericMeetingId);
  const text = api.readBody("text");
  expect(findJoinBlocks(text, "text")).toHaveLength(1);
  expect(text).toContain(`bluejeans.com/${stored?.numericMeetingId}`);
  expect(text).not.toContain(`bluejeans.com/${extra?.numericMeetingId}`);
  expect(api.notifications().map((n) => n.message)).toEqual([
    `A second BlueJeans meeting, ${extra?.numericMeetingId}, made by mistake, could not be deleted. Delete it in BlueJeans; this appointment has meeting ${stored?.numericMeetingId}.`,
  ]);
});

test("the pane adds the personal room while the event makes a scheduled meeting: the event ends its own", async () => {
  const { api, racers } = await setup();
  const { event, paneRoom } = racers;
  const eventCheck = event.side.hold("load", event.calls.beforeWrite);
  const eventRun = event.add();
  await eventCheck.reached;
  await paneRoom.add();
  eventCheck.release();
  await eventRun;
  await api.idle();
  expect(await meetingsAtBlueJeans()).toEqual([]);
  const state = (await (await fetch(`${live.stack.emulatorUrl}/__emulator/state`)).json()) as {
    meetings: { total: number };
  };
  expect(state.meetings.total).toBe(1);
  expect(parseStoredMeeting(api.customProperties()[MEETING_PROPERTY])).toMatchObject({
    source: "personal-room",
    numericMeetingId: "123456789",
  });
  const text = api.readBody("text");
  expect(findJoinBlocks(text, "text")).toHaveLength(1);
  expect(text.match(/bluejeans\.com\/\d{4,20}/g)).toEqual(["bluejeans.com/123456789"]);
  expect(api.state().location).toBe("Room 4; https://bluejeans.com/123456789/4321?src=calendarLink");
  expect(api.notifications().map((n) => n.message)).toEqual(["BlueJeans meeting 123456789 added."]);
});
