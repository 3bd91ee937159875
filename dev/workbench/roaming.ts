/**
 * Roaming settings as Outlook keeps them for one add-in: a JSON dictionary saved on the server (here in
 * localStorage, so it survives reloads). Each add-in frame loads a copy when it starts; `set` only changes that
 * copy and `saveAsync` replaces the stored dictionary with it.
 */
import type { JsonValue } from "./types";

/** The part of the Web Storage API the workbench uses (localStorage, or a Map-backed stand-in in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const ROAMING_STORAGE_KEY = "bluejeans-outlook-workbench:roamingSettings";
/** Outlook's limit for one add-in's serialised settings (characters). */
export const ROAMING_SETTINGS_LIMIT = 32 * 1024;

/** In-memory storage for environments without localStorage. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();

  getItem(key: string): string | null {
    return this.map.has(key) ? (this.map.get(key) ?? null) : null;
  }

  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }

  removeItem(key: string): void {
    this.map.delete(key);
  }
}

export class RoamingStore {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string = ROAMING_STORAGE_KEY,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of Array.from(this.listeners)) listener();
  }

  /** The stored settings (a fresh copy each time). */
  load(): Record<string, JsonValue> {
    const raw = this.storage.getItem(this.key);
    if (raw === null) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? (parsed as Record<string, JsonValue>)
        : {};
    } catch {
      return {};
    }
  }

  /** Replaces the stored settings; `json` is the JSON of the whole dictionary. */
  save(json: string): void {
    this.storage.setItem(this.key, json);
    this.changed();
  }

  clear(): void {
    this.storage.removeItem(this.key);
    this.changed();
  }
}

/**
 * Serialises settings the way office.js does before saving: each value as JSON, then the dictionary.
 * Returns the size Outlook checks against the limit and the JSON to store.
 */
export function serializeRoamingSettings(values: Record<string, unknown>): { size: number; json: string } {
  const perValue: Record<string, string> = {};
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const encoded = JSON.stringify(value);
    if (encoded === undefined) continue;
    perValue[name] = encoded;
    plain[name] = JSON.parse(encoded) as unknown;
  }
  return { size: JSON.stringify(perValue).length, json: JSON.stringify(plain) };
}
