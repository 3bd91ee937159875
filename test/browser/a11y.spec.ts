/**
 * Accessibility: axe scans of the workbench page with the task pane open (axe descends into the
 * pane's frame) in each of the pane's states, in the light and the dark theme.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import { expect, test, WITHOUT_BLUEJEANS, type Workbench } from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

/** One line per failing node: rule, where, and axe's summary. */
function describe(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? "?"}) at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)} -- ` +
        (n.failureSummary ?? "").replace(/\s+/g, " "),
    ),
  );
}

/** The join block as the body editor shows it (its wrapper id gets Outlook's prefix). */
const JOIN_BLOCK = '[data-testid="body-editor-html"] [id$="bluejeans-join-block"]';

/**
 * Scans the whole page, the pane's frame included. The join block inside the body editor is the
 * add-in's content, not the page's: it has its own test below.
 */
async function expectNoViolations(wb: Workbench, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: wb.page }).exclude(JOIN_BLOCK).analyze();
  expect(describe(results.violations), `axe violations, ${state}`).toEqual([]);
}

for (const theme of ["light", "dark"] as const) {
  test(`axe: workbench and pane in every state, ${theme} theme`, async ({ wb }) => {
    test.setTimeout(60_000);
    await wb.open({ theme, appointment: { body: "<div>Agenda</div>", location: "Room 4" } });
    await expectNoViolations(wb, "settings form");

    await wb.meetingIdInput.fill("12ab");
    await wb.saveButton.click();
    await expect(wb.settingsForm.getByRole("alert")).toBeVisible();
    await expectNoViolations(wb, "settings form with a field error");

    await wb.configureRoom();
    await expectNoViolations(wb, "ready");

    await wb.add();
    await expectNoViolations(wb, "added");

    await wb.failNext("body.getTypeAsync");
    await wb.updateButton.click();
    await expect(wb.errorBar).toBeVisible();
    await expectNoViolations(wb, "error");
  });
}

test("axe: the damaged-settings report, and the form after starting over", async ({ wb }) => {
  await wb.open({ roaming: { "bluejeans.settings": "garbage" } });
  await expect(wb.status("Your saved settings could not be read")).toBeVisible();
  await expect(wb.startOverButton).toBeVisible();
  await expectNoViolations(wb, "damaged settings report");
  await wb.startOverButton.click();
  await expect(wb.settingsForm).toBeVisible();
  await expect(wb.status("Saved settings removed")).toBeVisible();
  await expectNoViolations(wb, "started over");
});

test("axe: the form with the lookup's message (no BlueJeans account)", async ({ wb }) => {
  await wb.open();
  await expect(wb.status("Type your personal meeting ID below")).toBeVisible();
  await expectNoViolations(wb, "lookup found nothing");
});

test.describe("signed in with a BlueJeans account", () => {
  test.use({ mailboxUser: undefined });

  test("axe: a first run set up from BlueJeans", async ({ wb }) => {
    await wb.open();
    await expect(wb.status("Your personal meeting is set up")).toBeVisible();
    await expect(wb.addButton).toBeEnabled();
    await expectNoViolations(wb, "set up from BlueJeans");
  });
});

test("axe: the join block written into the body", async ({ wb }) => {
  await wb.open({ appointment: { body: "<div>Agenda</div>" } });
  await wb.configureRoom();
  await wb.add();
  const results = await new AxeBuilder({ page: wb.page }).include(JOIN_BLOCK).analyze();
  expect(describe(results.violations)).toEqual([]);
});
