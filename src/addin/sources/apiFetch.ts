/**
 * Requests to the add-in's server, bounded in time: a server that never answers must not leave
 * the pane, the command or an event handler waiting for ever.
 */

/** How long one request to the add-in's server may take before it counts as unanswered. */
export const API_TIMEOUT_MS = 20_000;

export type ApiFetchResult = { ok: true; response: Response } | { ok: false; message: string };

/** Fetches with a deadline; a failure comes back as the sentence to show, never as a throw. */
export async function fetchWithTimeout(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number = API_TIMEOUT_MS,
): Promise<ApiFetchResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const seconds = Math.ceil(timeoutMs / 1000);
  try {
    return { ok: true, response: await doFetch(url, { ...init, signal }) };
  } catch {
    return {
      ok: false,
      message: signal.aborted
        ? `The BlueJeans add-in's server did not answer within ${seconds} second${seconds === 1 ? "" : "s"}.`
        : "The BlueJeans add-in's server could not be reached.",
    };
  }
}
