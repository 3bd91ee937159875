/** The server with its meetings API (see ../../server/apiStack) listening on a loopback port, for code that fetches. */
import type { AddressInfo } from "node:net";
import { startApiStack, type ApiStack } from "../../server/apiStack";

export interface ListeningStack {
  stack: ApiStack;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
}

/** Starts the stack before all tests, resets the emulator before each, closes it after all. */
export function useListeningStack(): ListeningStack {
  const handle = {} as ListeningStack;
  beforeAll(async () => {
    handle.stack = await startApiStack();
    await handle.stack.app.listen({ port: 0, host: "127.0.0.1" });
    handle.base = `http://127.0.0.1:${(handle.stack.app.server.address() as AddressInfo).port}`;
  }, 20_000);
  afterAll(() => handle.stack.close());
  beforeEach(async () => {
    await fetch(`${handle.stack.emulatorUrl}/__emulator/reset`, { method: "POST" });
  });
  return handle;
}
