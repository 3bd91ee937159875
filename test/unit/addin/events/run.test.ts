/** Every event ends with exactly one event.completed(): on success, on failure and when time runs out. */
import { runEvent } from "../../../../src/addin/events/run";

function event() {
  const calls: unknown[] = [];
  return { calls, completed: (options?: unknown) => void calls.push(options ?? "none") };
}

afterEach(() => jest.useRealTimers());

test("completes with what the handler returns", async () => {
  const e = event();
  await runEvent(e, async () => ({ allowEvent: false, errorMessage: "held" }), { allowEvent: true });
  expect(e.calls).toEqual([{ allowEvent: false, errorMessage: "held" }]);
});

test("a handler that throws completes with the fallback", async () => {
  const e = event();
  await runEvent(e, () => Promise.reject(new Error("boom")), { allowEvent: true });
  expect(e.calls).toEqual([{ allowEvent: true }]);
});

test("a handler that never settles is completed with the fallback when the budget runs out, once", async () => {
  jest.useFakeTimers();
  const e = event();
  let finish: (value: undefined) => void = () => undefined;
  void runEvent(e, () => new Promise((resolve) => (finish = resolve)), undefined, 1000);
  await jest.advanceTimersByTimeAsync(999);
  expect(e.calls).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(e.calls).toEqual(["none"]);
  finish(undefined);
  await jest.advanceTimersByTimeAsync(10);
  expect(e.calls).toEqual(["none"]);
});

test("events of one runtime run one after another", async () => {
  const order: string[] = [];
  const slow = runEvent(
    event(),
    async () => {
      order.push("first starts");
      await new Promise((r) => setTimeout(r, 20));
      order.push("first ends");
      return undefined;
    },
    undefined,
  );
  const fast = runEvent(
    event(),
    async () => {
      order.push("second starts");
      return undefined;
    },
    undefined,
  );
  await Promise.all([slow, fast]);
  expect(order).toEqual(["first starts", "first ends", "second starts"]);
});

test("Outlook throwing from completed() does not escape", async () => {
  const e = {
    completed: () => {
      throw new Error("item closed");
    },
  };
  await expect(runEvent(e, async () => undefined, undefined)).resolves.toBeUndefined();
});

test("a handler that hangs holds up the next event only until its budget runs out", async () => {
  jest.useFakeTimers();
  const second = event();
  void runEvent(event(), () => new Promise(() => undefined), undefined, 1000);
  void runEvent(second, async () => ({ allowEvent: true }), { allowEvent: true }, 5000);
  await jest.advanceTimersByTimeAsync(1001);
  expect(second.calls).toEqual([{ allowEvent: true }]);
});
