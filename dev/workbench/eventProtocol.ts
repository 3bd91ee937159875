/** Messages between the workbench page and its event runtime worker (eventWorker.ts). Dev/test only. */
import type { JsonValue } from "./types";

export interface WorkerSnapshot {
  profile: Record<string, string>;
  diagnostics: Record<string, string>;
  roaming: Record<string, JsonValue>;
  /** Lower-cased set name → highest version. */
  requirements: Record<string, string>;
  /** Office's enums (AsyncResultStatus, CoercionType, MailboxEnums…). */
  enums: Record<string, JsonValue>;
  hasRecurrence: boolean;
}

export type PageMessage =
  | { type: "init"; snapshot: WorkerSnapshot; scriptUrl: string }
  | { type: "refresh"; roaming: Record<string, JsonValue> }
  | { type: "callback"; id: number; result: unknown }
  | { type: "token"; id: number; token?: string; error?: string }
  | { type: "fire"; runId: number; name: string; eventType: string };

export type WorkerMessage =
  | { type: "loaded" }
  | { type: "associate"; name: string }
  | { type: "call"; path: string; args: unknown[] }
  | { type: "token"; id: number }
  | { type: "completed"; runId: number; options?: unknown }
  | { type: "failed"; runId?: number; message: string };
