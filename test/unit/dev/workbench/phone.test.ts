/** @jest-environment jsdom */
/** The workbench's phone mode: how it is chosen, what the fake Outlook reports, what the page shows. */
import { WorkbenchHost, configFromQuery } from "../../../../dev/workbench/host";
import { PHONE_OFF_HINT } from "../../../../dev/workbench/phone";
import { mountWorkbench } from "../../../../dev/workbench/ui";

function mount(host: WorkbenchHost): void {
  document.body.className = "";
  document.body.innerHTML =
    '<header id="wb-header"></header><main id="wb-main"></main>' +
    '<aside id="wb-taskpane" hidden></aside><aside id="wb-controls"></aside><div id="wb-hidden-frames" hidden></div>';
  mountWorkbench(host, document, { loadCommands: false, loadIdpScenario: false });
}

const byTestId = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

describe("phone mode", () => {
  it("is chosen with ?form=phone and starts with a plain-text body on Android", async () => {
    expect(configFromQuery("?form=phone").formFactor).toBe("phone");
    expect(configFromQuery("?form=tablet").formFactor).toBeUndefined();
    const host = new WorkbenchHost({ config: configFromQuery("?form=phone&latency=0") });
    expect(host.formFactor()).toBe("phone");
    expect(host.store.snapshot().bodyType).toBe("text");
    const office = host.officeFor(window, { name: "commands" });
    await office.onReady();
    expect(office.context.platform).toBe("Android");
    expect(office.context.mailbox.diagnostics.hostName).toBe("OutlookAndroid");
    // A body format asked for explicitly still wins.
    expect(
      new WorkbenchHost({ config: { formFactor: "phone", bodyType: "html" } }).store.snapshot().bodyType,
    ).toBe("html");
  });

  it("the desktop stays the default, with its ribbon and no toggle", () => {
    const host = new WorkbenchHost({ config: configFromQuery("") });
    expect(host.formFactor()).toBe("desktop");
    mount(host);
    expect(byTestId("ribbon")?.hidden).toBe(false);
    expect(byTestId("phone-online-meeting")).toBeNull();
  });

  it("hides the ribbon and the pane, shows the toggle, and says where to take a meeting out", async () => {
    const host = new WorkbenchHost({ config: { formFactor: "phone", latency: 0 } });
    mount(host);
    expect(document.body.classList.contains("wb-phone")).toBe(true);
    expect(byTestId("ribbon")?.hidden).toBe(true);
    await host.api().openTaskPane();
    expect(byTestId("taskpane")?.hidden).toBe(true);
    const toggle = byTestId("phone-online-meeting");
    expect(toggle?.getAttribute("role")).toBe("switch");
    expect(toggle?.getAttribute("aria-checked")).toBe("false");
    // The appointment carries a meeting (as after a run): the toggle shows it, and turning it off only explains.
    host.store.update({ customProperties: { bluejeansMeeting: "{}" } });
    expect(toggle?.getAttribute("aria-checked")).toBe("true");
    toggle?.click();
    expect(byTestId("phone-online-meeting-status")?.textContent).toBe(PHONE_OFF_HINT);
    expect(host.commandRuns()).toEqual([]);
  });
});
