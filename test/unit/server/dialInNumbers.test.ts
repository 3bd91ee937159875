/**
 * BlueJeans gives dial-in numbers per meeting (GET /v1/user/{user}/meetings/{meeting}/numbers),
 * so the server asks for each meeting's own numbers, once, and never answers one meeting with
 * another's.
 */
import { SAMPLE_REQUEST, startApiStack, type ApiStack } from "./apiStack";

const numbersAsked: string[] = [];
const recording: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.endsWith("/numbers")) numbersAsked.push(url.pathname);
  return fetch(input, init);
};

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack({ bluejeans: { fetch: recording } });
});
afterAll(() => stack.close());

test("each meeting's numbers are fetched for that meeting, and once", async () => {
  const authorization = `Bearer ${await stack.tokenFor()}`;
  const ids: number[] = [];
  for (const key of ["numbers-per-meeting-1", "numbers-per-meeting-2"]) {
    const created = await stack.app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: { authorization, "idempotency-key": key },
      payload: SAMPLE_REQUEST,
    });
    expect(created.statusCode).toBe(201);
    ids.push(Number(created.json().meeting.meetingId));
  }
  for (const id of ids) {
    const read = await stack.app.inject({
      method: "GET",
      url: `/api/meetings/${id}`,
      headers: { authorization },
    });
    expect(read.statusCode).toBe(200);
  }
  const paths = ids.map(
    (id) => numbersAsked.filter((path) => path.includes(`/meetings/${id}/numbers`)).length,
  );
  expect(paths).toEqual([1, 1]);
});
