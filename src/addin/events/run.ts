// requirement set: events
/**
 * Runs one event handler so that Outlook always hears back: `event.completed(...)` exactly once,
 * on success, on any failure and when the handler takes too long. Handlers of one runtime run one
 * after another, so an event fired twice finds the first one's work done.
 */
import type { Completion } from "./handlers";

export interface OfficeEvent {
  completed(options?: { allowEvent: boolean; errorMessage?: string }): void;
}

/** Well inside Outlook's limits (about 300 s for the runtime; Smart Alerts waits less). */
export const HANDLER_BUDGET_MS = 45_000;

let queue: Promise<void> = Promise.resolve();

export function runEvent(
  event: OfficeEvent,
  work: () => Promise<Completion>,
  /** What the event completes with when the handler fails or runs out of time. */
  fallback: Completion,
  budgetMs: number = HANDLER_BUDGET_MS,
): Promise<void> {
  let done = false;
  let settle: () => void = () => undefined;
  // The next event waits for this one to complete, by its work or by running out of time, so a
  // handler that hangs never holds up the ones after it for longer than its budget.
  const completedOnce = new Promise<void>((resolve) => (settle = resolve));
  const complete = (value: Completion): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    try {
      if (value === undefined) event.completed();
      else event.completed(value);
    } catch {
      // Outlook closed the item meanwhile: there is nobody left to tell.
    }
    settle();
  };
  const timer = setTimeout(() => complete(fallback), budgetMs);
  queue.then(work).then(
    (value) => complete(value),
    () => complete(fallback),
  );
  queue = completedOnce;
  return completedOnce;
}
