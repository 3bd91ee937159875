/**
 * What the task pane asks for before its primary button is ready, measured in the browser (the
 * size check in `npm test` and `npm run bench` share it).
 *
 * An init script in the pane's frame notes, from a MutationObserver, the moment the primary
 * button is first in the page and enabled: the observer runs right after the DOM change, before
 * any idle callback or timer the pane may use to load more. Every script whose request started
 * before that moment (resource timing) counts; its size is the built file's, gzip -9, so the
 * figure does not depend on how the server compresses.
 */
import path from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { sizeOf } from "./bundleSizes";

/** The two states the budgets are for, and the primary button of each. */
export const PANE_STATES = {
  /** A personal room is saved: "Add BlueJeans meeting". */
  setUp: { label: "set-up (personal room saved)", button: "Add BlueJeans meeting" },
  /** Nothing saved yet: the settings form's "Save". */
  firstRun: { label: "first run (no settings)", button: "Save" },
} as const;
export type PaneState = keyof typeof PANE_STATES;

export interface ScriptSize {
  file: string;
  gzip: number;
}

export interface FirstView {
  /** Scripts requested before the button was ready, in request order (office.js excluded). */
  scripts: ScriptSize[];
  gzip: number;
  /** Epoch milliseconds when the button was first enabled. */
  readyAt: number;
  /**
   * Epoch milliseconds of the page's DOMContentLoaded: its scripts (office.js, the entry) have run.
   * From there to `readyAt` is Office getting ready plus what the page draws once it is.
   */
  scriptsRanAt: number;
}

interface ReadyRecord {
  readyAt: number;
  scriptsRanAt: number;
  scripts: Array<{ url: string; startTime: number }>;
}

declare global {
  interface Window {
    __benchReadyAt?: number;
    __benchScriptsRanAt?: number;
  }
}

/**
 * Runs in every frame; only a task pane page records. Kept as source text: a function would be
 * serialised from what tsx compiled, with helpers (`__name`) the page does not have.
 */
function recordReadyScript(button: string): string {
  return `(() => {
  if (!/\\/taskpane\\.html$/.test(window.location.pathname)) return;
  const button = ${JSON.stringify(button)};
  // Registered before any of the page's scripts run, so it fires first: no handler's work counts.
  document.addEventListener("DOMContentLoaded", () => {
    window.__benchScriptsRanAt = performance.timeOrigin + performance.now();
  }, { once: true });
  const observer = new MutationObserver(() => {
    if (window.__benchReadyAt !== undefined) return;
    for (const b of document.querySelectorAll("button")) {
      if (b.textContent.trim() === button && !b.disabled && b.getAttribute("aria-disabled") !== "true") {
        window.__benchReadyAt = performance.timeOrigin + performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["disabled", "aria-disabled"],
  });
})();`;
}

/** Call once per context, before the pane opens: `button` is the primary button's text. */
export async function recordPaneReady(context: BrowserContext, button: string): Promise<void> {
  await context.addInitScript({ content: recordReadyScript(button) });
}

/** The task pane's frame once it shows the pane's page (it may just be opening). */
async function taskpaneFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('[data-testid="taskpane-frame"]', { state: "attached" });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("the task pane frame has no content");
  await frame.waitForURL(/\/taskpane\.html(\?|$)/);
  return frame;
}

/** Waits until the pane has recorded its ready moment, then reads the scripts requested before it. */
async function readyRecord(page: Page): Promise<ReadyRecord> {
  const frame = await taskpaneFrame(page);
  await frame.waitForFunction(() => window.__benchReadyAt !== undefined, undefined, { polling: 10 });
  return frame.evaluate(() => {
    const readyAt = window.__benchReadyAt!;
    const scriptsRanAt = window.__benchScriptsRanAt ?? NaN; // checked below, outside the page
    const ready = readyAt - performance.timeOrigin;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.endsWith(".js") && e.startTime <= ready)
      .map((e) => ({ url: e.name, startTime: e.startTime }));
    return { readyAt, scriptsRanAt, scripts };
  });
}

/**
 * The first view of the pane that is opening (or open) in `page`. Scripts outside the add-in
 * (the workbench's stand-in for office.js under /workbench/) do not count.
 */
export async function measureFirstView(page: Page, addinRoot: string): Promise<FirstView> {
  const record = await readyRecord(page);
  // The button can only be ready after the page's scripts ran (both pages' are plain or deferred).
  if (!Number.isFinite(record.scriptsRanAt))
    throw new Error("no DOMContentLoaded time was recorded for the pane");
  const scripts = record.scripts
    .sort((a, b) => a.startTime - b.startTime)
    .map((s) => new URL(s.url).pathname)
    .filter((p) => !p.startsWith("/workbench/"))
    .map((p) => path.posix.basename(p))
    .map((file) => ({ file, gzip: sizeOf(addinRoot, [file]).gzip }));
  return {
    scripts,
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    readyAt: record.readyAt,
    scriptsRanAt: record.scriptsRanAt,
  };
}
