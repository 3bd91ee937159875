/**
 * For the command's tests: the real command module loaded into the workbench's fake Outlook,
 * with roaming settings seeded as if saved on another device first (undefined: none saved).
 */
import { WorkbenchHost } from "../../../../dev/workbench/host";
import type { WorkbenchConfig } from "../../../../dev/workbench/types";
import { SETTINGS_KEY } from "../../../../src/addin/settings/settings";

export async function commandIn(config: WorkbenchConfig, settings: unknown) {
  localStorage.clear();
  const seed = new WorkbenchHost({ storage: localStorage });
  seed.roaming.save(JSON.stringify(settings === undefined ? {} : { [SETTINGS_KEY]: settings }));
  const wb = new WorkbenchHost({ config, storage: localStorage });
  const office = wb.officeFor(window, { name: "commands" });
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  await jest.isolateModulesAsync(async () => {
    await import("../../../../src/addin/pages/commands/commands");
    // The command loads HTML body editing itself when it meets an HTML body to edit; loaded here
    // too, inside the isolation, so it reaches this copy of the modules (a later import would
    // register with the test file's own copy). The browser tests run the command's own loading.
    await import("../../../../src/shared/meeting/htmlBodies");
  });
  await office.onReady();
  return { wb, api: wb.api() };
}
