/**
 * Fault injection. A fault is written as `name[=value][;param=value]`, several separated by
 * commas, in the `X-Emulator-Fault` header or in a rule posted to `/__emulator/faults`:
 *
 * - `latency=MS`                 answer normally, MS later
 * - `status=CODE[;retry-after=V]` answer CODE with `{message}` (V: seconds or an HTTP date)
 * - `hang`                       never answer (until the client gives up or the emulator closes)
 * - `malformed[=truncated|html|empty]` do the work, then send a body that is not valid JSON
 * - `expire-token`               revoke the presented token and answer 401, as an early expiry
 */

export interface Fault {
  latencyMs?: number;
  status?: number;
  retryAfter?: string;
  hang?: boolean;
  malformed?: "truncated" | "html" | "empty";
  expireToken?: boolean;
}

export class FaultSyntaxError extends Error {
  override readonly name = "FaultSyntaxError";
}

function parseOne(spec: string, into: Fault): void {
  const [head = "", ...params] = spec.split(";").map((part) => part.trim());
  const [name = "", value] = head.split("=").map((part) => part.trim());
  const param = (key: string) =>
    params
      .filter((p) => p.includes("="))
      .map((p) => [p.slice(0, p.indexOf("=")).trim(), p.slice(p.indexOf("=") + 1).trim()])
      .find(([k]) => k?.toLowerCase() === key)?.[1];
  switch (name.toLowerCase()) {
    case "latency": {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 0 || ms > 120_000)
        throw new FaultSyntaxError(`bad latency "${value}"`);
      into.latencyMs = ms;
      return;
    }
    case "status": {
      const status = Number(value);
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new FaultSyntaxError(`bad status "${value}" (use 400-599)`);
      }
      into.status = status;
      const retryAfter = param("retry-after");
      if (retryAfter !== undefined) into.retryAfter = retryAfter;
      return;
    }
    case "hang":
      into.hang = true;
      return;
    case "malformed": {
      const kind = value ?? "truncated";
      if (kind !== "truncated" && kind !== "html" && kind !== "empty") {
        throw new FaultSyntaxError(`bad malformed kind "${kind}"`);
      }
      into.malformed = kind;
      return;
    }
    case "expire-token":
      into.expireToken = true;
      return;
    default:
      throw new FaultSyntaxError(`unknown fault "${name}"`);
  }
}

const FAULT_START = /^\s*(latency|status|hang|malformed|expire-token)\b/i;

/** Splits on commas that start a new fault, so an HTTP-date Retry-After ("Wed, 21 Oct ...") survives. */
function splitFaults(spec: string): string[] {
  const parts: string[] = [];
  for (const piece of spec.split(",")) {
    const last = parts.length - 1;
    if (last >= 0 && !FAULT_START.test(piece)) parts[last] += `,${piece}`;
    else parts.push(piece);
  }
  return parts.map((part) => part.trim()).filter(Boolean);
}

export function parseFault(spec: string): Fault {
  const fault: Fault = {};
  const parts = splitFaults(spec);
  if (parts.length === 0) throw new FaultSyntaxError("empty fault");
  for (const part of parts) parseOne(part, fault);
  return fault;
}

export function mergeFaults(a: Fault | undefined, b: Fault | undefined): Fault | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...a, ...b };
}

export interface FaultRuleInput {
  /** Exact path, or a pattern where `*` is one path segment's characters and `**` anything. */
  path?: string;
  method?: string;
  fault: string;
  /** How many matching requests it hits; unlimited when absent. */
  times?: number;
}

export interface FaultRule {
  id: number;
  path?: string;
  method?: string;
  fault: string;
  remaining: number | null;
  hits: number;
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split("**")
    .map((piece) =>
      piece
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

/** The rules posted to the control endpoint, matched in the order they were added. */
export class FaultRules {
  private rules: Array<FaultRule & { parsed: Fault; pattern?: RegExp }> = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const parsed = parseFault(input.fault);
    if (input.times !== undefined && (!Number.isInteger(input.times) || input.times < 1)) {
      throw new FaultSyntaxError("times must be a whole number of at least 1");
    }
    const rule = {
      id: this.nextId++,
      path: input.path,
      method: input.method?.toUpperCase(),
      fault: input.fault,
      remaining: input.times ?? null,
      hits: 0,
      parsed,
      pattern: input.path === undefined ? undefined : pathPattern(input.path),
    };
    this.rules.push(rule);
    return this.describe(rule);
  }

  /** The fault for this request, counting it against its rule. */
  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.remaining === null || r.remaining > 0) &&
        (r.method === undefined || r.method === method.toUpperCase()) &&
        (r.pattern === undefined || r.pattern.test(path)),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.remaining !== null) rule.remaining -= 1;
    return rule.parsed;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => this.describe(rule));
  }

  private describe(rule: FaultRule): FaultRule {
    return {
      id: rule.id,
      path: rule.path,
      method: rule.method,
      fault: rule.fault,
      remaining: rule.remaining,
      hits: rule.hits,
    };
  }
}
