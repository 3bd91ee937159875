/**
 * A stand-in for Outlook's nested app authentication bridge (`window.nestedAppAuthBridge`), which
 * MSAL's nestable client talks to instead of opening sign-in windows. It answers the same JSON
 * envelopes Outlook's bridge does:
 *
 *   { messageType: "NestedAppAuthRequest", method: "GetInitContext" | "GetToken" | "GetTokenPopup", requestId, tokenParams }
 *   -> { messageType: "NestedAppAuthResponse", requestId, success, initContext | token + account | error }
 *
 * Tokens and errors come from the local identity provider (through the dev server's
 * /__dev/idp/naa route), following its current scenario. Dev/test code only.
 */

export type BridgeListener = (response: string | { data: string }) => void;

/** The shape MSAL expects on window.nestedAppAuthBridge. */
export interface NaaBridge {
  addEventListener(eventName: string, callback: BridgeListener): void;
  removeEventListener(eventName: string, callback: BridgeListener): void;
  postMessage(message: string): void;
}

export interface NaaCallRecord {
  method: string;
  requestId: string;
  /** The scopes asked for (GetToken / GetTokenPopup). */
  scope?: string;
  success: boolean | null;
  /** The bridge error status when it failed. */
  errorStatus?: string;
}

export interface NaaBridgeOptions {
  /** Posts the token request to the dev server; defaults to fetch("/__dev/idp/naa"). */
  requestToken?: (body: Record<string, unknown>) => Promise<unknown>;
  onCall?: (record: NaaCallRecord) => void;
}

export const NAA_ROUTE = "/__dev/idp/naa";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function defaultRequestToken(body: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(NAA_ROUTE, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${NAA_ROUTE} answered ${response.status}`);
  return response.json();
}

export function createNaaBridge(options: NaaBridgeOptions = {}): NaaBridge {
  const listeners = new Set<BridgeListener>();
  const requestToken = options.requestToken ?? defaultRequestToken;

  const respond = (envelope: Record<string, unknown>): void => {
    const text = JSON.stringify({ messageType: "NestedAppAuthResponse", ...envelope });
    // Asynchronous like the real bridge: never inside the caller's postMessage.
    setTimeout(() => {
      for (const listener of Array.from(listeners)) listener(text);
    }, 0);
  };

  const handle = async (request: Record<string, unknown>): Promise<void> => {
    const requestId = typeof request["requestId"] === "string" ? request["requestId"] : "";
    const method = typeof request["method"] === "string" ? request["method"] : "";
    const record: NaaCallRecord = { method, requestId, success: null };
    const finish = (envelope: Record<string, unknown>) => {
      record.success = envelope["success"] === true;
      const error = envelope["error"];
      if (isObject(error) && typeof error["status"] === "string") record.errorStatus = error["status"];
      options.onCall?.({ ...record });
      respond({ requestId, ...envelope });
    };

    if (method === "GetInitContext") {
      finish({
        success: true,
        initContext: {
          sdkName: "workbench-naa-bridge",
          sdkVersion: "1.0.0",
          capabilities: { queryAccount: false },
        },
      });
      return;
    }
    if (method !== "GetToken" && method !== "GetTokenPopup") {
      finish({
        success: false,
        error: { status: "PERSISTENT_ERROR", code: "unsupported_method", description: method },
      });
      return;
    }
    const params = isObject(request["tokenParams"]) ? request["tokenParams"] : {};
    const scope = typeof params["scope"] === "string" ? params["scope"] : "";
    record.scope = scope;
    let answer: unknown;
    try {
      answer = await requestToken({
        method,
        clientId: params["clientId"],
        scope,
        ...(typeof params["claims"] === "string" ? { claims: params["claims"] } : {}),
      });
    } catch (error) {
      finish({
        success: false,
        error: {
          status: "TRANSIENT_ERROR",
          code: "workbench_idp_unavailable",
          description: `The workbench could not reach the local identity provider: ${String(error)}`,
        },
      });
      return;
    }
    if (isObject(answer) && answer["ok"] === true) {
      finish({ success: true, token: answer["token"], account: answer["account"] });
    } else {
      const error =
        isObject(answer) && isObject(answer["error"]) ? answer["error"] : { status: "PERSISTENT_ERROR" };
      finish({ success: false, error });
    }
  };

  return {
    addEventListener(_eventName, callback) {
      listeners.add(callback);
    },
    removeEventListener(_eventName, callback) {
      listeners.delete(callback);
    },
    postMessage(message) {
      let request: unknown;
      try {
        request = JSON.parse(message);
      } catch {
        return; // Not an envelope: Outlook's bridge ignores it too.
      }
      if (!isObject(request) || request["messageType"] !== "NestedAppAuthRequest") return;
      void handle(request);
    },
  };
}
