/** @jest-environment jsdom */
import { WorkbenchHost, configFromQuery } from "../../../../dev/workbench/host";
import { fromLocalInputValue, mountWorkbench, toLocalInputValue } from "../../../../dev/workbench/ui";
import { ASYNC_METHODS } from "../../../../dev/workbench/types";

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.querySelector(`[data-testid="${id}"]`);
  if (!found) throw new Error(`No element with data-testid=${id}`);
  return found as T;
}

function setup(): WorkbenchHost {
  document.body.innerHTML =
    '<header id="wb-header"></header><main id="wb-main"></main>' +
    '<aside id="wb-taskpane" hidden></aside><aside id="wb-controls"></aside><div id="wb-hidden-frames" hidden></div>';
  const host = new WorkbenchHost({ config: { latency: 1, appointment: { subject: "Weekly sync" } } });
  mountWorkbench(host, document, { loadCommands: false });
  return host;
}

describe("workbench page", () => {
  it("renders every control with a label and a stable test id", () => {
    setup();
    for (const id of [
      "ribbon-open-taskpane",
      "ribbon-add-meeting",
      "field-subject",
      "field-attendees",
      "field-start",
      "field-end",
      "field-location",
      "body-editor-html",
      "body-editor-text",
      "control-body-mode",
      "control-theme",
      "control-latency",
      "control-mailbox-version",
      "control-naa",
      "control-reset",
      "control-clear-roaming",
      "control-failure-error",
      "readout-custom-properties",
      "readout-roaming-settings",
      "readout-calls",
      "infobar",
      "command-status",
      ...ASYNC_METHODS.flatMap((m) => [`fail-${m}`, `fail-next-${m}`]),
    ]) {
      const el = byTestId(id);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
        expect(el.labels?.length ?? 0).toBeGreaterThan(0);
      }
    }
    expect(byTestId<HTMLInputElement>("field-subject").value).toBe("Weekly sync");
  });

  it("keeps the form and the item in sync both ways", () => {
    const host = setup();
    const subject = byTestId<HTMLInputElement>("field-subject");
    subject.value = "Planning";
    subject.dispatchEvent(new Event("input"));
    expect(host.store.snapshot().subject).toBe("Planning");
    host.store.update({ location: "Room 4" });
    expect(byTestId<HTMLInputElement>("field-location").value).toBe("Room 4");
    const editor = byTestId("body-editor-html");
    editor.innerHTML = "<div>Typed</div>";
    editor.dispatchEvent(new Event("input"));
    expect(host.store.snapshot().body).toBe("<div>Typed</div>");
    host.store.prependBody("<div id='bj'>Block</div>", "html");
    expect(editor.innerHTML).toBe('<div id="x_bj">Block</div><div>Typed</div>');
  });

  it("switches the body format, theme and failure switches from the controls", () => {
    const host = setup();
    host.store.update({ body: "<div>a</div><div>b</div>" });
    const mode = byTestId<HTMLSelectElement>("control-body-mode");
    mode.value = "text";
    mode.dispatchEvent(new Event("change"));
    expect(host.store.snapshot()).toEqual(expect.objectContaining({ bodyType: "text", body: "a\nb" }));
    expect(byTestId("body-editor-html").hidden).toBe(true);
    expect(byTestId<HTMLTextAreaElement>("body-editor-text").value).toBe("a\nb");

    const theme = byTestId<HTMLSelectElement>("control-theme");
    theme.value = "dark";
    theme.dispatchEvent(new Event("change"));
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");

    const always = byTestId<HTMLInputElement>("fail-body.setAsync");
    always.checked = true;
    always.dispatchEvent(new Event("change"));
    expect(host.failures()).toEqual({ "body.setAsync": { pending: 0, always: true } });
    byTestId("fail-next-location.setAsync").click();
    expect(byTestId("fail-pending-location.setAsync").textContent).toBe("1 queued");
  });

  it("shows notification messages in the info bar and lets the user dismiss them", () => {
    const host = setup();
    host.store.addNotification({
      key: "bj",
      type: "informationalMessage",
      message: "Meeting added",
      icon: "i",
      persistent: true,
    });
    host.store.addNotification({ key: "err", type: "errorMessage", message: "Could not reach BlueJeans" });
    expect(byTestId("notification-bj").textContent).toContain("Meeting added");
    expect(byTestId("notification-err").getAttribute("data-type")).toBe("errorMessage");
    byTestId("notification-dismiss-bj").click();
    expect(host.store.notifications().map((n) => n.key)).toEqual(["err"]);
  });

  it("opens and closes the task pane frame", () => {
    const host = setup();
    const api = host.api();
    void api.openTaskPane();
    expect(api.isTaskPaneOpen()).toBe(true);
    expect(byTestId("taskpane").hidden).toBe(false);
    expect(byTestId<HTMLIFrameElement>("taskpane-frame").getAttribute("src")).toBe(
      "/workbench/taskpane.html",
    );
    expect(byTestId("ribbon-open-taskpane").getAttribute("aria-pressed")).toBe("true");
    byTestId("taskpane-close").click();
    expect(api.isTaskPaneOpen()).toBe(false);
    expect(document.querySelector('[data-testid="taskpane-frame"]')).toBeNull();
  });
});

describe("configuration and helpers", () => {
  it("reads the query string over the init object", () => {
    expect(
      configFromQuery("?body=text&theme=dark&fresh=1&latency=25&naa=1&mailbox=1.13", { latency: 3 }),
    ).toEqual(
      expect.objectContaining({
        bodyType: "text",
        theme: "dark",
        fresh: true,
        latency: 25,
        nestedAppAuth: true,
        mailboxVersion: "1.13",
      }),
    );
  });

  it("sets the mailbox user's address and account type (a first visit's domain, a personal account)", () => {
    expect(configFromQuery("?email=alex%40outlook.com&account=outlookCom").userProfile).toEqual({
      emailAddress: "alex@outlook.com",
      accountType: "outlookCom",
    });
    expect(configFromQuery("?email=not-an-address&account=x%20y").userProfile).toEqual({});
    expect(configFromQuery("?body=html").userProfile).toBeUndefined();
  });

  it("converts datetime-local values", () => {
    const ms = new Date(2030, 0, 2, 9, 30).getTime();
    expect(toLocalInputValue(ms)).toBe("2030-01-02T09:30");
    expect(fromLocalInputValue("2030-01-02T09:30")).toBe(ms);
    expect(fromLocalInputValue("")).toBeNull();
  });
});
