/**
 * What the one-click command's page requested, measured in the browser (the size check and
 * `npm run bench` share it): every script of the add-in the commands frame asked for, its
 * first load and any chunk a run of the command loaded, sized as the built file (gzip -9).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { sizeOf } from "./bundleSizes";
import type { ScriptSize } from "./firstView";

/** Scripts of the add-in (not the workbench's stand-in for office.js) the command page requested so far. */
export async function commandScripts(page: Page, addinRoot: string): Promise<ScriptSize[]> {
  const handle = await page.waitForSelector('[data-testid="commands-frame"]', { state: "attached" });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("the commands frame has no content");
  const urls = await frame.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .sort((a, b) => a.startTime - b.startTime)
      .map((e) => e.name),
  );
  return urls
    .map((url) => new URL(url).pathname)
    .filter((p) => p.endsWith(".js") && !p.startsWith("/workbench/"))
    .map((p) => path.posix.basename(p))
    .map((file) => ({ file, gzip: sizeOf(addinRoot, [file]).gzip }));
}

export const totalGzip = (scripts: ScriptSize[]) => scripts.reduce((sum, s) => sum + s.gzip, 0);
