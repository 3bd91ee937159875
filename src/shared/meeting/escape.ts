/**
 * Escaping for text that goes into HTML we write. Pure string functions.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text content: every character that could start markup or end an attribute is escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Attribute values: we always double-quote them, and escaping all five covers any quoting. */
export function escapeAttr(value: string): string {
  return escapeHtml(value);
}
