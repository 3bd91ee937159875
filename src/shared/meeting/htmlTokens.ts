/**
 * A small, tolerant HTML tokenizer that reports source offsets, so edits can splice the
 * original string and leave every other byte alone. It follows the HTML tokenizer's rules
 * where bodies from Outlook need them (quoted attributes containing `>`, comments and Word's
 * conditional comments, raw text in <style>/<script>), and never throws.
 */

export interface HtmlAttribute {
  /** Lower-cased attribute name. */
  name: string;
  /** Raw value as written in the source (entities not decoded); "" when absent. */
  value: string;
}

export type HtmlToken =
  | { kind: "text"; start: number; end: number }
  | { kind: "rawtext"; start: number; end: number; parent: string }
  | {
      kind: "startTag";
      start: number;
      end: number;
      name: string;
      attrs: HtmlAttribute[];
      selfClosing: boolean;
    }
  | { kind: "endTag"; start: number; end: number; name: string }
  | { kind: "comment"; start: number; end: number }
  | { kind: "doctype"; start: number; end: number };

/** Elements whose content is not markup: it runs to the matching end tag. */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "plaintext",
]);

const ASCII_LETTER = /[A-Za-z]/;
const TAG_NAME_END = /[\s/>]/;
const ATTR_NAME_END = /[\s/>=]/;
const SPACE = /\s/;

export function tokenizeHtml(source: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let pos = 0;
  let textStart = -1;
  const flushText = (until: number): void => {
    if (textStart >= 0 && until > textStart) tokens.push({ kind: "text", start: textStart, end: until });
    textStart = -1;
  };
  while (pos < source.length) {
    const markup = source[pos] === "<" ? readMarkup(source, pos) : undefined;
    if (!markup) {
      if (textStart < 0) textStart = pos;
      pos += 1;
      continue;
    }
    flushText(pos);
    tokens.push(markup);
    pos = markup.end;
    if (markup.kind === "startTag" && RAW_TEXT_ELEMENTS.has(markup.name)) {
      pos = readRawText(source, pos, markup.name, tokens);
    }
  }
  flushText(source.length);
  return tokens;
}

/** The markup token starting at `<`, or undefined when this `<` is plain text. */
function readMarkup(source: string, pos: number): HtmlToken | undefined {
  const next = source[pos + 1] ?? "";
  if (source.startsWith("<!--", pos)) return readComment(source, pos);
  if (next === "!") {
    const isDoctype = source.slice(pos + 2, pos + 9).toLowerCase() === "doctype";
    const end = indexAfter(source, ">", pos + 2);
    return isDoctype ? { kind: "doctype", start: pos, end } : { kind: "comment", start: pos, end };
  }
  // <?xml ...> processing instructions and Word's <?xml:namespace ...> are bogus comments.
  if (next === "?") return { kind: "comment", start: pos, end: indexAfter(source, ">", pos + 2) };
  if (next === "/") return readEndTag(source, pos);
  if (ASCII_LETTER.test(next)) return readStartTag(source, pos);
  return undefined;
}

/** `<!-- ... -->`, including `<!--[if gte mso 9]>...<![endif]-->`, which is one comment. */
function readComment(source: string, pos: number): HtmlToken {
  const bodyStart = pos + 4;
  // "<!-->" and "<!--->" are complete (empty) comments.
  if (source[bodyStart] === ">") return { kind: "comment", start: pos, end: bodyStart + 1 };
  if (source.startsWith("->", bodyStart)) return { kind: "comment", start: pos, end: bodyStart + 2 };
  const close = /--!?>/g;
  close.lastIndex = bodyStart;
  const match = close.exec(source);
  const end = match ? match.index + match[0].length : source.length;
  return { kind: "comment", start: pos, end };
}

function readEndTag(source: string, pos: number): HtmlToken {
  const nameStart = pos + 2;
  const first = source[nameStart] ?? "";
  if (first === ">") return { kind: "comment", start: pos, end: nameStart + 1 };
  if (!ASCII_LETTER.test(first)) {
    return { kind: "comment", start: pos, end: indexAfter(source, ">", nameStart) };
  }
  const nameEnd = scanUntil(source, nameStart, TAG_NAME_END);
  const parsed = readAttributes(source, nameEnd);
  return {
    kind: "endTag",
    start: pos,
    end: parsed.end,
    name: source.slice(nameStart, nameEnd).toLowerCase(),
  };
}

function readStartTag(source: string, pos: number): HtmlToken {
  const nameStart = pos + 1;
  const nameEnd = scanUntil(source, nameStart, TAG_NAME_END);
  const parsed = readAttributes(source, nameEnd);
  if (!parsed.closed) return { kind: "comment", start: pos, end: source.length }; // a tag cut off by the end of the string shows nothing
  return {
    kind: "startTag",
    start: pos,
    end: parsed.end,
    name: source.slice(nameStart, nameEnd).toLowerCase(),
    attrs: parsed.attrs,
    selfClosing: parsed.selfClosing,
  };
}

interface ParsedAttributes {
  attrs: HtmlAttribute[];
  selfClosing: boolean;
  /** Offset just after the closing `>` (or the end of the source). */
  end: number;
  closed: boolean;
}

/** Attributes after a tag name, up to and including `>`; quoted values may contain `>`. */
function readAttributes(source: string, from: number): ParsedAttributes {
  const attrs: HtmlAttribute[] = [];
  let pos = from;
  while (pos < source.length) {
    const ch = source[pos] ?? "";
    if (ch === ">") return { attrs, selfClosing: false, end: pos + 1, closed: true };
    if (ch === "/" && source[pos + 1] === ">")
      return { attrs, selfClosing: true, end: pos + 2, closed: true };
    if (SPACE.test(ch) || ch === "/") {
      pos += 1;
      continue;
    }
    // An attribute name may begin with "=" (the tokenizer's rule); it ends at space, "/", ">" or "=".
    const nameEnd = scanUntil(source, pos + 1, ATTR_NAME_END);
    const name = source.slice(pos, nameEnd).toLowerCase();
    const value = readAttributeValue(source, nameEnd);
    attrs.push({ name, value: value.value });
    pos = value.end;
  }
  return { attrs, selfClosing: false, end: source.length, closed: false };
}

function readAttributeValue(source: string, from: number): { value: string; end: number } {
  const eq = skipSpaces(source, from);
  if (source[eq] !== "=") return { value: "", end: from };
  const valueStart = skipSpaces(source, eq + 1);
  const quote = source[valueStart];
  if (quote === '"' || quote === "'") {
    const close = source.indexOf(quote, valueStart + 1);
    const end = close < 0 ? source.length : close;
    return { value: source.slice(valueStart + 1, end), end: Math.min(source.length, end + 1) };
  }
  const end = scanUntil(source, valueStart, /[\s>]/);
  return { value: source.slice(valueStart, end), end };
}

/** Raw text up to `</name` followed by space, "/" or ">"; pushes it and returns the offset after. */
function readRawText(source: string, from: number, name: string, tokens: HtmlToken[]): number {
  const end = name === "plaintext" ? source.length : findRawTextEnd(source, from, name);
  if (end > from) tokens.push({ kind: "rawtext", start: from, end, parent: name });
  return end;
}

function findRawTextEnd(source: string, from: number, name: string): number {
  const lower = source.toLowerCase();
  let at = lower.indexOf(`</${name}`, from);
  while (at >= 0) {
    const after = source[at + 2 + name.length] ?? ">";
    if (TAG_NAME_END.test(after)) return at;
    at = lower.indexOf(`</${name}`, at + 1);
  }
  return source.length;
}

function scanUntil(source: string, from: number, stop: RegExp): number {
  let pos = from;
  while (pos < source.length && !stop.test(source[pos] ?? "")) pos += 1;
  return pos;
}

function skipSpaces(source: string, from: number): number {
  return scanUntil(source, from, /\S/);
}

/** Offset just after the next `needle` at or after `from`, or the end of the source. */
function indexAfter(source: string, needle: string, from: number): number {
  const at = source.indexOf(needle, from);
  return at < 0 ? source.length : at + needle.length;
}

/**
 * The named entities that can change what the add-in looks for in a body: spaces and invisible
 * characters (a line that only has them is empty), the markup characters and the punctuation of
 * markers and links. Any other name (&copy;, &mdash;) stays as written: it changes no marker,
 * link or provider's wording, so decoding it would only cost the event script bytes.
 */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: "\u00a0",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  equals: "=",
  period: ".",
  comma: ",",
  excl: "!",
  quest: "?",
  num: "#",
  sol: "/",
  lpar: "(",
  rpar: ")",
  lowbar: "_",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwnj: "\u200c",
  zwj: "\u200d",
  shy: "\u00ad",
};

/** Entities HTML still honours without the trailing semicolon (of those decoded). */
const LEGACY_NO_SEMICOLON: ReadonlySet<string> = new Set(["nbsp", "amp", "lt", "gt", "quot", "shy"]);

const ENTITY = /&(?:#[xX]([0-9A-Fa-f]{1,8});?|#([0-9]{1,9});?|([A-Za-z][A-Za-z0-9]{0,31})(;?))/g;

/** Decodes character references in text; unknown or malformed ones are left as they are. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    ENTITY,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string) => {
      if (hex !== undefined) return codePointText(parseInt(hex, 16));
      if (dec !== undefined) return codePointText(parseInt(dec, 10));
      return decodeNamed(whole, name ?? "", semi === ";");
    },
  );
}

function decodeNamed(whole: string, name: string, hasSemicolon: boolean): string {
  const known = NAMED_ENTITIES[name];
  if (known !== undefined && (hasSemicolon || LEGACY_NO_SEMICOLON.has(name))) return known;
  // "&nbspx" reads as "&nbsp" + "x" in HTML: try the longest legacy prefix.
  for (const legacy of LEGACY_NO_SEMICOLON) {
    if (name.startsWith(legacy)) {
      const rest = whole.slice(1 + legacy.length);
      return (NAMED_ENTITIES[legacy] ?? "") + rest;
    }
  }
  return whole;
}

function codePointText(codePoint: number): string {
  if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
    return "\ufffd";
  return String.fromCodePoint(codePoint);
}
