/**
 * Keeps the client secret (and access tokens) out of errors and logs. Every string that leaves the
 * client through an error detail or a log event goes through a Redactor first; it also knows the
 * encoded forms a secret takes in URLs and JSON, in case a server echoes a request back.
 */

export const REDACTED = "[redacted]";

export interface Redactor {
  /** Adds a value to hide from now on (e.g. each access token as it is issued). */
  add(secret: string): void;
  text(value: string): string;
  /** A deep copy of a log event with every string redacted. */
  value(value: unknown): unknown;
}

function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  try {
    forms.add(Buffer.from(secret, "utf8").toString("base64"));
  } catch {
    // Buffer is always there in Node; the base64 form is a nicety.
  }
  return [...forms].filter((form) => form.length > 0);
}

export function createRedactor(initial: string[]): Redactor {
  const forms: string[] = [];
  const add = (secret: string) => {
    // Very short values would blank out ordinary text; secrets and tokens are long.
    if (secret.length < 4) return;
    for (const form of formsOf(secret)) if (!forms.includes(form)) forms.push(form);
    forms.sort((a, b) => b.length - a.length);
  };
  initial.forEach(add);

  const text = (value: string): string => {
    let out = value;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };

  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === "string") return text(input);
    if (depth > 6 || input === null || typeof input !== "object") return input;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) out[key] = value(item, depth + 1);
    return out;
  };

  return { add, text, value: (input) => value(input) };
}
