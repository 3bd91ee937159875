/** The single instance's store is bounded by what its records weigh, not only by their count. */
import { createMemoryStore } from "../../../../src/server/store";

test("records beyond the character budget push out the least recently used", async () => {
  const store = createMemoryStore({ maxChars: 10_000 });
  const record = "x".repeat(988);
  for (let i = 0; i < 20; i++) await store.set(`create:${String(i).padStart(5, "0")}`, record, 60_000);
  const kept: number[] = [];
  for (let i = 0; i < 20; i++)
    if ((await store.get(`create:${String(i).padStart(5, "0")}`)) === record) kept.push(i);
  // Ten records of a thousand characters (key and value) fill the budget: the newest ten stay.
  expect(kept).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  // A claim still holds within the budget.
  expect(await store.setIfAbsent("create:00019", "other", 60_000)).toBe(false);
  expect(await store.setIfAbsent("create:00000", "pending", 60_000)).toBe(true);
  expect(await store.get("create:00000")).toBe("pending");
});

test("counters count within the budget", async () => {
  const store = createMemoryStore({ maxChars: 1_000 });
  for (let i = 0; i < 5; i++) await store.increment("tenant:new", 60_000);
  expect(await store.increment("tenant:new", 60_000)).toBe(6);
});
