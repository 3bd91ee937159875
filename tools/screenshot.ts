/**
 * `npm run screenshot`: draws the README's picture of the workbench (docs/workbench.png) from the
 * production build, and a dark-theme picture for review (test-results/workbench-dark.png).
 * A script, not a test: it asserts nothing and always writes. `--out DIR` writes both pictures
 * into DIR instead (to look at them without touching the committed one).
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { devCerts } from "../dev/certs";
import { startDevStack } from "../dev/devServer";
import type { WorkbenchConfig } from "../dev/workbench/types";
import { chromiumLaunch } from "../playwright.config";

const root = path.resolve(__dirname, "..");

function outputs(argv: string[]): { light: string; dark: string } {
  const at = argv.indexOf("--out");
  if (at >= 0) {
    const dir = argv[at + 1];
    if (!dir) throw new Error("--out needs a directory");
    return { light: path.resolve(dir, "workbench.png"), dark: path.resolve(dir, "workbench-dark.png") };
  }
  return {
    light: path.join(root, "docs/workbench.png"),
    dark: path.join(root, "test-results/workbench-dark.png"),
  };
}

/** Tomorrow at the given local time, as an ISO string the workbench accepts. */
function tomorrowAt(hour: number, minute = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(hour, minute, 0, 0);
  return d.toISOString();
}

const APPOINTMENT: WorkbenchConfig = {
  appointment: {
    subject: "Q3 planning sync",
    attendees: "Ann Lee <ann@contoso.com>, Bob Kim <bob@fabrikam.com>, Priya Shah <priya@contoso.com>",
    location: "Room 4",
    start: tomorrowAt(10),
    end: tomorrowAt(10, 30),
    body:
      "<div>Hi all,</div><div><br></div>" +
      "<div>Let's walk through the Q3 plan and the two open roles. Please read the plan beforehand.</div>" +
      "<div><br></div><div>Thanks,</div><div>Grace</div>",
  },
};

/** Opens the workbench, saves a personal room, adds the meeting and waits for the added view. */
async function scheduleWithMeeting(page: Page, origin: string, theme: "light" | "dark"): Promise<void> {
  await page.addInitScript((json: string) => {
    (window as unknown as { __workbenchInit: unknown }).__workbenchInit = JSON.parse(json);
  }, JSON.stringify(APPOINTMENT));
  await page.goto(`${origin}/workbench/workbench.html?theme=${theme}`);
  await page.getByTestId("ribbon-open-taskpane").click();
  const pane = page.frameLocator('[data-testid="taskpane-frame"]');
  await pane.getByRole("textbox", { name: "Personal meeting ID" }).fill("1234567890");
  await pane.getByRole("textbox", { name: "Attendee passcode" }).fill("4321");
  await pane.getByRole("button", { name: "Save", exact: true }).click();
  await pane.getByRole("button", { name: "Add BlueJeans meeting" }).click();
  await pane.getByRole("button", { name: "Update meeting details" }).waitFor();
  await page.waitForFunction(() => {
    const field = document.querySelector<HTMLInputElement>('[data-testid="field-location"]');
    return field !== null && field.value.startsWith("Room 4; https://bluejeans.com/");
  });
  // No focus ring or caret in the picture.
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement) active.blur();
  });
}

async function main(): Promise<void> {
  const out = outputs(process.argv.slice(2));
  const stack = await startDevStack({
    addinRoot: path.join(root, "dist"),
    workbenchRoot: path.join(root, "build/workbench"),
    certs: devCerts(),
    origin: "https://localhost:3000",
  });
  await stack.app.listen({ port: 0, host: "127.0.0.1" });
  const origin = `https://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunch);
  try {
    for (const [theme, file] of [
      ["light", out.light],
      ["dark", out.dark],
    ] as const) {
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      await scheduleWithMeeting(page, origin, theme);
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
      await context.close();
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
