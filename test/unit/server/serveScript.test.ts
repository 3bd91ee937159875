/**
 * `npm run serve` gives node a heap limit: without one, V8 lets the heap of a busy server grow to
 * several times what is live before collecting (README, production: memory).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

test("the production server runs with a heap limit", () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const serve = pkg.scripts.serve!;
  expect(serve).toMatch(/^node .*--import tsx src\/server\/main\.ts$/);
  const limit = Number(/--max-old-space-size=(\d+)/.exec(serve)?.[1]);
  expect(limit).toBeGreaterThanOrEqual(128);
  expect(limit).toBeLessThanOrEqual(512);
});
