/**
 * The event handlers' figures for `npm run bench` (kept apart from bench.ts): the event bundle's
 * size, and in Chromium through the workbench (events.js in its Web Worker, the real server and
 * emulator) the median time from an event being raised to `event.completed()` and the Office
 * calls each event makes. Printed, never asserted.
 */
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { devCerts } from "../../dev/certs";
import { startDevStack } from "../../dev/devServer";
import type { EventRun } from "../../dev/workbench/eventRuntime";
import { ROAMING_STORAGE_KEY } from "../../dev/workbench/roaming";
import { chromiumLaunch } from "../../playwright.config";
import { SETTINGS_KEY } from "../../src/addin/settings/settings";
import { BUDGETS, budgetText } from "./budgets";
import { kb, sizeOf } from "./bundleSizes";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const ROOM = { personalMeetingId: "123456789", attendeePasscode: "4321" };
const DEFAULTS = { attendeePasscode: true, moderatorLess: false, muteOnEntry: false, autoRecord: false };

type Api = {
  reset(init?: unknown): void;
  fireEvent(type: string): Promise<EventRun | null>;
  setState(patch: unknown): void;
  eventSwitches(patch?: unknown): unknown;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function row(label: string, value: string, target = ""): void {
  console.log(`${label.padEnd(46)} ${value.padStart(22)}  ${target}`);
}

async function openWith(page: Page, origin: string, settings: Record<string, unknown>): Promise<void> {
  await page.goto(`${origin}/health`);
  await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [
    ROAMING_STORAGE_KEY,
    JSON.stringify({ [SETTINGS_KEY]: { version: 1, ...settings } }),
  ] as const);
  await page.goto(`${origin}/workbench/workbench.html`);
  await page.waitForFunction(() =>
    (
      (window as unknown as { __workbench?: { eventRuns(): EventRun[] } }).__workbench?.eventRuns() ?? []
    ).some((r) => r.completedAt !== null),
  );
}

/** Raises `type` after `prepare`, RUNS times; each run starts from a fresh appointment. */
async function measure(page: Page, steps: string[]): Promise<Map<string, EventRun[]>> {
  const byType = new Map<string, EventRun[]>();
  for (let i = 0; i < RUNS; i++) {
    const runs = await page.evaluate(async (types) => {
      const wb = (window as unknown as { __workbench: Api }).__workbench;
      wb.reset({ subject: "Bench review", attendees: "sam@contoso.example", body: "<div>Agenda</div>" });
      const out: Array<EventRun | null> = [];
      for (const type of types) {
        if (type === "OnAppointmentTimeChanged") {
          const start = Date.now() + 86_400_000 * (2 + out.length);
          wb.setState({ start, end: start + 1_800_000 });
        }
        out.push(await wb.fireEvent(type));
      }
      return out;
    }, steps);
    runs.forEach((run, at) => {
      if (!run) return;
      const type = steps[at] ?? "";
      byType.set(type, [...(byType.get(type) ?? []), run]);
    });
  }
  return byType;
}

function report(label: string, runs: EventRun[] | undefined): void {
  const done = (runs ?? []).filter((r) => r.completedAt !== null && r.error === null);
  const times = done.map((r) => (r.completedAt ?? 0) - r.startedAt);
  const calls = median(done.map((r) => r.officeCalls));
  row(
    `  ${label}`,
    `${median(times).toFixed(0)} ms, ${calls} calls`,
    `${done.length}/${runs?.length ?? 0} completed`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function eventFigures(): Promise<void> {
  const size = sizeOf(dist, ["events.js"]);
  console.log("\nEvent handlers (events.js: one script, no chunks)");
  // The exact bytes too: the budget is tight enough for a tenth of a KB to matter.
  row(
    "event bundle",
    `${kb(size.raw)} / ${kb(size.gzip)} gz (${size.gzip} B)`,
    `${budgetText(BUDGETS.events)} (${BUDGETS.events.limit} B)`,
  );

  // The API's audience names the origin, so the stack must know its port before it starts.
  const port = await freePort();
  const origin = `https://localhost:${port}`;
  const stack = await startDevStack({
    addinRoot: dist,
    workbenchRoot: path.join(root, "build/workbench"),
    certs: devCerts(),
    origin,
  });
  await stack.app.listen({ port, host: "127.0.0.1" });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    console.log(
      `In Chromium through the workbench (${RUNS} runs): raised -> completed (median), Office calls`,
    );
    await openWith(page, origin, { personalRoom: ROOM, autoAdd: true });
    const room = await measure(page, ["OnNewAppointmentOrganizer", "OnAppointmentSend"]);
    report("new appointment, personal room added", room.get("OnNewAppointmentOrganizer"));
    report("send check, personal room", room.get("OnAppointmentSend"));
    await openWith(page, origin, { personalRoom: ROOM, autoAdd: false });
    const off = await measure(page, ["OnNewAppointmentOrganizer"]);
    report("new appointment, auto-add off", off.get("OnNewAppointmentOrganizer"));
    await page.request.post(`${origin}/__dev/idp/scenario`, { data: { name: "granted" } });
    await openWith(page, origin, {
      personalRoom: ROOM,
      autoAdd: true,
      meetingDefaults: { source: "scheduled", ...DEFAULTS },
    });
    const scheduled = await measure(page, [
      "OnNewAppointmentOrganizer",
      "OnAppointmentTimeChanged",
      "OnAppointmentSend",
    ]);
    report("new appointment, scheduled meeting created", scheduled.get("OnNewAppointmentOrganizer"));
    report("time change, BlueJeans updated (PUT)", scheduled.get("OnAppointmentTimeChanged"));
    report("send check, scheduled meeting", scheduled.get("OnAppointmentSend"));
  } finally {
    await browser.close();
    await stack.close();
  }
}
