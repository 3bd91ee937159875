import { defineConfig } from "@playwright/test";

const port = Number(process.env.TEST_PORT ?? 3100);
/** Specs that change what every test shares: run by the "serial" project, after the rest. */
const SERIAL = /(events|commandSignIn)\.spec\.ts$/;

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
    { name: "suite", testIgnore: SERIAL },
    // These tests switch state every test shares (faults of the one emulated BlueJeans, the
    // identity provider's scenario), so they run after the rest, one at a time: no other test sees
    // BlueJeans fail or sign-in refused because of them (one worker: the files do not overlap either).
    { name: "serial", testMatch: SERIAL, dependencies: ["suite"], fullyParallel: false, workers: 1 },
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
