import { defineConfig } from "@playwright/test";

const port = Number(process.env.TEST_PORT ?? 3100);

/** Debian's Chromium, driven by playwright-core; Playwright's own browser download is not used. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "test/browser",
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `https://127.0.0.1:${port}`,
    ignoreHTTPSErrors: true,
    browserName: "chromium",
    launchOptions: chromiumLaunch,
    trace: "off",
  },
  projects: [
    { name: "suite", testIgnore: /events\.spec\.ts$/ },
    // The event tests switch faults of the one emulated BlueJeans that every test shares, so they
    // run after the rest, one at a time: no other test sees BlueJeans fail because of them.
    { name: "events", testMatch: /events\.spec\.ts$/, dependencies: ["suite"], fullyParallel: false },
  ],
  webServer: {
    command: `npx tsx dev/testServer.ts`,
    url: `https://127.0.0.1:${port}/health`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port) },
  },
});
