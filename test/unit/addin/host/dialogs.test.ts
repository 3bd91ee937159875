import {
  DialogError,
  dialogError,
  officeAuthContext,
  officeDialogChild,
  officeDialogs,
} from "../../../../src/addin/host/dialogs";
import { AddinError } from "../../../../src/addin/host/errors";

type Handler = (arg: unknown) => void;

/** Office's dialog API as office.js answers: later, through callbacks and events. */
function installOffice(options: { open?: "ok" | number; authContext?: unknown; naa?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const opened: string[] = [];
  let closed = 0;
  const sent: string[] = [];
  const office = {
    onReady: async () => ({ host: "Outlook" }),
    context: {
      ui: {
        displayDialogAsync: (url: string, _options: unknown, callback: (result: unknown) => void) => {
          opened.push(url);
          const open = options.open ?? "ok";
          setTimeout(() =>
            callback(
              open === "ok"
                ? {
                    status: "succeeded",
                    value: {
                      addEventHandler: (type: string, handler: Handler) => handlers.set(type, handler),
                      close: () => void (closed += 1),
                    },
                  }
                : { status: "failed", error: { code: open, message: "refused" } },
            ),
          );
        },
        messageParent: (message: string) => void sent.push(message),
      },
    },
    auth: {
      getAuthContext: async () => {
        if (options.authContext instanceof Error) throw options.authContext;
        return options.authContext;
      },
    },
  };
  (globalThis as { Office?: unknown }).Office = office;
  return {
    opened,
    sent,
    closed: () => closed,
    emit: (type: string, arg: unknown) => handlers.get(type)?.(arg),
    isSetSupported: (name: string) => name === "NestedAppAuth" && options.naa === true,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("Office dialogs (the opener's side)", () => {
  test("resolves with the first message and closes the dialog", async () => {
    const office = installOffice();
    const answer = officeDialogs()?.open("https://localhost/auth-dialog.html");
    await tick();
    office.emit("dialogMessageReceived", { message: '{"ok":true}', origin: "https://localhost" });
    office.emit("dialogMessageReceived", { message: "second", origin: "https://localhost" });
    await expect(answer).resolves.toBe('{"ok":true}');
    expect(office.opened).toEqual(["https://localhost/auth-dialog.html"]);
    expect(office.closed()).toBe(1);
  });

  test("only messages from the add-in's own origin are answers", async () => {
    for (const [ownOrigin, origin, shown] of [
      ["https://addin.example", "https://evil.example", "https://evil.example"],
      ["https://addin.example", "https://addin.example.evil.example", "https://addin.example.evil.example"],
      ["https://addin.example", "http://addin.example", "http://addin.example"],
      ["https://addin.example", "", "an unknown address"],
      ["https://addin.example", undefined, "an unknown address"],
    ] as const) {
      const office = installOffice();
      const answer = officeDialogs(ownOrigin)?.open(`${ownOrigin}/auth-dialog.html`);
      await tick();
      office.emit("dialogMessageReceived", { message: '{"type":"bluejeans-auth","ok":true}', origin });
      const error = await answer?.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DialogError);
      expect(error).toMatchObject({
        errorCode: "untrusted_dialog_message",
        message: `The BlueJeans window answered from ${shown}, which is not BlueJeans' own, so the answer was ignored.`,
      });
      expect(office.closed()).toBe(1);
    }
    const office = installOffice();
    const answer = officeDialogs("https://addin.example")?.open("https://addin.example/auth-dialog.html");
    await tick();
    office.emit("dialogMessageReceived", { message: "ok", origin: "https://addin.example" });
    await expect(answer).resolves.toBe("ok");
  });

  test("the person closing it rejects with an AddinError the sign-in classification reads", async () => {
    const office = installOffice();
    const answer = officeDialogs()?.open("https://localhost/x.html");
    await tick();
    office.emit("dialogEventReceived", { error: 12006 });
    const error = await answer?.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddinError);
    expect(error).toMatchObject({ errorCode: "user_cancelled", officeDialogCode: 12006 });
  });

  test("a dialog that cannot open rejects with Office's reason in words", async () => {
    installOffice({ open: 12007 });
    await expect(officeDialogs()?.open("https://localhost/x.html")).rejects.toMatchObject({
      errorCode: "interaction_in_progress",
      message: "Another BlueJeans window is still open.",
      action: "Finish or close the other window, then try again.",
    });
    installOffice({ open: 12011 });
    await expect(officeDialogs()?.open("https://localhost/x.html")).rejects.toMatchObject({
      errorCode: "popup_window_error",
    });
  });

  test("no dialog API, no port", () => {
    expect(officeDialogs()).toBeUndefined();
    (globalThis as { Office?: unknown }).Office = { context: {} };
    expect(officeDialogs()).toBeUndefined();
  });

  test("unknown codes keep Office's number and text", () => {
    const error = dialogError(12004, "domain not trusted");
    expect(error).toBeInstanceOf(DialogError);
    expect(error.message).toBe("Office could not show the window (12004): domain not trusted.");
    expect(error.code).toBe("office.ui.dialog_error");
  });
});

describe("the dialog page's side", () => {
  test("inside a dialog: ready, and the message reaches the opener", async () => {
    const office = installOffice();
    const child = officeDialogChild();
    await expect(child.ready()).resolves.toBe(true);
    await child.messageParent("hello");
    expect(office.sent).toEqual(["hello"]);
  });

  test("without Office: not ready, and messageParent rejects with an AddinError", async () => {
    const child = officeDialogChild();
    await expect(child.ready()).resolves.toBe(false);
    await expect(child.messageParent("hello")).rejects.toBeInstanceOf(AddinError);
  });
});

describe("Office's auth context", () => {
  test("the tenant where NestedAppAuth 1.1 is supported", async () => {
    const office = installOffice({ naa: true, authContext: { tenantId: "t-1", userPrincipalName: "a@b.c" } });
    await expect(officeAuthContext(office.isSetSupported)).resolves.toEqual({
      tenantId: "t-1",
      userPrincipalName: "a@b.c",
    });
  });

  test("nothing without NestedAppAuth, without a tenant, or without Office", async () => {
    const off = installOffice({ naa: false, authContext: { tenantId: "t-1" } });
    await expect(officeAuthContext(off.isSetSupported)).resolves.toBeUndefined();
    const empty = installOffice({ naa: true, authContext: { tenantId: "" } });
    await expect(officeAuthContext(empty.isSetSupported)).resolves.toBeUndefined();
    delete (globalThis as { Office?: unknown }).Office;
    await expect(officeAuthContext(() => true)).resolves.toBeUndefined();
  });

  test("Office failing to answer rejects with an AddinError", async () => {
    const office = installOffice({ naa: true, authContext: new Error("bridge down") });
    await expect(officeAuthContext(office.isSetSupported)).rejects.toMatchObject({
      code: "office.auth.getAuthContext",
      detail: "bridge down",
    });
  });
});
