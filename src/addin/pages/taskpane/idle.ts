/**
 * Work that must wait until the first view is on screen and usable (issue 9): the consent check,
 * the flow chunk. Runs `task` when the browser is idle, or after `timeoutMs` at the latest;
 * a page without requestIdleCallback (Safari) uses a short timer. Returns a cancel function.
 */
export function whenIdle(task: () => void, timeoutMs = 1000): () => void {
  const w = window as Window & {
    requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number;
    cancelIdleCallback?: (handle: number) => void;
  };
  if (typeof w.requestIdleCallback === "function") {
    const handle = w.requestIdleCallback(task, { timeout: timeoutMs });
    return () => w.cancelIdleCallback?.(handle);
  }
  const timer = window.setTimeout(task, 50);
  return () => window.clearTimeout(timer);
}
