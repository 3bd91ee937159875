/**
 * The README's picture of the workbench (docs/workbench.png), and a dark-theme picture for
 * review (test-results/workbench-dark.png). The README picture is written only when it is
 * missing or UPDATE_SCREENSHOT=1, so ordinary runs leave the committed file alone.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Workbench } from "./workbench";

const ROOT = path.resolve(__dirname, "../..");
const DOCS_PNG = path.join(ROOT, "docs/workbench.png");
const DARK_PNG = path.join(ROOT, "test-results/workbench-dark.png");

test.use({ viewport: { width: 1280, height: 800 } });

/** Tomorrow at 10:00 local time, as the datetime fields show it. */
function tomorrowAt(hour: number, minute = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(hour, minute, 0, 0);
  return d.toISOString();
}

async function scheduleWithMeeting(wb: Workbench, theme: "light" | "dark"): Promise<void> {
  await wb.open({
    theme,
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
  });
  await wb.configureRoom();
  await wb.add();
  // No focus ring or caret in the picture.
  await wb.page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement) active.blur();
  });
  await expect(wb.page.getByTestId("field-location")).toHaveValue(/^Room 4; https:\/\/bluejeans\.com\//);
}

test("README screenshot: docs/workbench.png", async ({ wb }) => {
  test.skip(
    existsSync(DOCS_PNG) && process.env.UPDATE_SCREENSHOT !== "1",
    "docs/workbench.png exists; set UPDATE_SCREENSHOT=1 to write it again",
  );
  await scheduleWithMeeting(wb, "light");
  mkdirSync(path.dirname(DOCS_PNG), { recursive: true });
  await wb.page.screenshot({ path: DOCS_PNG, animations: "disabled", caret: "hide" });
});

test("dark theme screenshot for review: test-results/workbench-dark.png", async ({ wb }) => {
  await scheduleWithMeeting(wb, "dark");
  mkdirSync(path.dirname(DARK_PNG), { recursive: true });
  await wb.page.screenshot({ path: DARK_PNG, animations: "disabled", caret: "hide" });
});
