import type { StorageLike } from "../../../../src/shared/consent/adminConsentUrl";

/** sessionStorage stand-in: a Map with the three calls the store uses. */
export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** Deterministic "random" bytes so issued states are predictable in tests. */
export function countingFill(): (bytes: Uint8Array) => Uint8Array {
  let next = 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = (next + i) & 0xff;
    next++;
    return bytes;
  };
}
