/**
 * How Outlook on the web treats body HTML, as far as add-ins can see it:
 * - HTML an add-in writes is sanitised and rewritten: every id and class gets an `x_` prefix, scripts and event
 *   handlers go, and serialisation escapes `&` in attribute values as `&amp;`.
 * - `getAsync(html)` answers a whole document whose body wraps the content in one styled `<div>`; writing that
 *   document back unwraps it again, so read → write → read is stable (no growing wrappers, no `x_x_` prefixes).
 * - `getAsync(text)` of an HTML body answers the visible text: block elements and `<br>` become line breaks.
 * Needs a DOM (`DOMParser`): the browser, or jsdom in unit tests.
 */

export const ID_PREFIX = "x_";
/** The class of the wrapper `<div>` OWA puts around the body content. */
export const WRAPPER_CLASS = "elementToProof";
const WRAPPER_STYLE =
  "font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; " +
  "font-size: 12pt; color: rgb(0, 0, 0);";

const DOC_START =
  '<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n' +
  '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\r\n' +
  '</head>\r\n<body dir="ltr">\r\n' +
  `<div class="${WRAPPER_CLASS}" style="${WRAPPER_STYLE}">`;
const DOC_END = "</div>\r\n</body>\r\n</html>\r\n";

/** Elements OWA drops from written HTML (with their content). */
const DROPPED_ELEMENTS = new Set([
  "SCRIPT",
  "NOSCRIPT",
  "STYLE",
  "LINK",
  "META",
  "BASE",
  "TITLE",
  "IFRAME",
  "FRAME",
  "FRAMESET",
  "OBJECT",
  "EMBED",
  "APPLET",
  "FORM",
  "TEMPLATE",
]);

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "background", "poster"]);

const BLOCK_ELEMENTS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BODY",
  "CAPTION",
  "CENTER",
  "DD",
  "DETAILS",
  "DIALOG",
  "DIR",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HGROUP",
  "HR",
  "HTML",
  "LI",
  "MAIN",
  "MENU",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "TFOOT",
  "THEAD",
  "TR",
  "UL",
]);

const INVISIBLE_ELEMENTS = new Set([
  "HEAD",
  "SCRIPT",
  "STYLE",
  "TITLE",
  "TEMPLATE",
  "NOSCRIPT",
  "META",
  "LINK",
]);

function parseDocument(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function isText(node: Node): node is Text {
  return node.nodeType === 3;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function prefixToken(token: string): string {
  return token.startsWith(ID_PREFIX) ? token : ID_PREFIX + token;
}

/** Removes what OWA would not keep and prefixes ids and classes, in place. */
function sanitizeAndRewrite(root: Element): void {
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (DROPPED_ELEMENTS.has(el.tagName)) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) {
        el.removeAttribute(attr.name);
      } else if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value)) {
        el.removeAttribute(attr.name);
      }
    }
    const id = el.getAttribute("id");
    if (id !== null && id !== "") el.setAttribute("id", prefixToken(id));
    const cls = el.getAttribute("class");
    if (cls !== null) {
      const tokens = cls.split(/\s+/).filter((t) => t !== "");
      if (tokens.length === 0) el.removeAttribute("class");
      else el.setAttribute("class", tokens.map(prefixToken).join(" "));
    }
  }
}

function hasClassToken(el: Element, token: string): boolean {
  return (el.getAttribute("class") ?? "").split(/\s+/).includes(token);
}

/** The nodes that make up the content: the body's children, or the children of OWA's wrapper if that is all. */
function contentNodes(body: HTMLElement): Node[] {
  const significant = Array.from(body.childNodes).filter(
    (n) => !(isText(n) && n.data.trim() === "") && n.nodeType !== 8,
  );
  const only = significant.length === 1 ? significant[0] : undefined;
  if (
    only !== undefined &&
    isElement(only) &&
    only.tagName === "DIV" &&
    (hasClassToken(only, WRAPPER_CLASS) || hasClassToken(only, ID_PREFIX + WRAPPER_CLASS))
  ) {
    return Array.from(only.childNodes);
  }
  return Array.from(body.childNodes);
}

/**
 * The content fragment OWA stores for HTML an add-in writes (full document or fragment): unwrapped, sanitised,
 * ids and classes prefixed, serialised canonically.
 */
export function normalizeWrittenHtml(data: string): string {
  const doc = parseDocument(data);
  const container = doc.createElement("div");
  for (const node of contentNodes(doc.body)) container.appendChild(node);
  sanitizeAndRewrite(container);
  return container.innerHTML;
}

/** Canonical serialisation of a fragment without rewriting it (what the editor shows). */
export function canonicalHtml(fragment: string): string {
  const doc = parseDocument(`<!DOCTYPE html><html><body><div>${fragment}</div></body></html>`);
  const div = doc.body.firstElementChild;
  return div ? div.innerHTML : "";
}

/** The whole document `body.getAsync(html)` answers for stored content. Same content, same string. */
export function wrapOwaDocument(content: string): string {
  return DOC_START + content + DOC_END;
}

/** HTML for plain text, line by line, as OWA shows a plain-text body converted to HTML. */
export function textToHtml(text: string): string {
  if (text === "") return "";
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line === "" ? "<div><br></div>" : `<div>${escapeHtml(line)}</div>`))
    .join("");
}

/** Escaped inline HTML for text inserted into an HTML body (line breaks become `<br>`). */
export function textToInlineHtml(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line))
    .join("<br>");
}

function isHidden(el: Element): boolean {
  if (INVISIBLE_ELEMENTS.has(el.tagName)) return true;
  if (el.hasAttribute("hidden")) return true;
  const style = (el.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none");
}

function isSignificant(node: Node): boolean {
  if (isText(node)) return node.data.trim() !== "";
  if (!isElement(node) || isHidden(node)) return false;
  if (node.tagName === "BR" || node.tagName === "IMG" || node.tagName === "HR") return true;
  return Array.from(node.childNodes).some(isSignificant);
}

/** A `<br>` with nothing visible after it in its block only ends the line; it does not add an empty one. */
function isTrailingBr(br: Element): boolean {
  let node: Node | null = br;
  while (node && !(isElement(node) && BLOCK_ELEMENTS.has(node.tagName))) {
    for (let sib: Node | null = node.nextSibling; sib; sib = sib.nextSibling) {
      if (isSignificant(sib)) return false;
    }
    node = node.parentNode;
  }
  return true;
}

class TextBuilder {
  private readonly lines: string[] = [];
  private current = "";
  private open = false;

  text(value: string, preformatted: boolean): void {
    if (preformatted) {
      const parts = value.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.hardBreak();
        if (part !== "") {
          this.current += part;
          this.open = true;
        }
      });
      return;
    }
    let collapsed = value.replace(/[ \t\n\r\f]+/g, " ");
    if (!this.open || this.current.endsWith(" ")) collapsed = collapsed.replace(/^ /, "");
    if (collapsed === "") return;
    this.current += collapsed;
    this.open = true;
  }

  /** A `<br>`: always ends the line, even an empty one. */
  hardBreak(): void {
    this.lines.push(this.current.replace(/ +$/, ""));
    this.current = "";
    this.open = false;
  }

  /** A block boundary: ends the line only if something is on it. */
  softBreak(): void {
    if (this.open) this.hardBreak();
  }

  /** True when the current line has visible content. */
  lineOpen(): boolean {
    return this.open;
  }

  cellBreak(): void {
    if (this.open) this.current = this.current.replace(/ +$/, "") + "\t";
  }

  result(): string {
    this.softBreak();
    return this.lines.join("\n").replace(/\u00a0/g, " ");
  }
}

function walkText(node: Node, out: TextBuilder, preformatted: boolean): void {
  if (isText(node)) {
    out.text(node.data, preformatted);
    return;
  }
  if (!isElement(node) || isHidden(node)) return;
  const tag = node.tagName;
  if (tag === "BR") {
    if (!(out.lineOpen() && isTrailingBr(node))) out.hardBreak();
    return;
  }
  const block = BLOCK_ELEMENTS.has(tag);
  const pre = preformatted || tag === "PRE" || tag === "TEXTAREA";
  if (block) out.softBreak();
  for (const child of Array.from(node.childNodes)) walkText(child, out, pre);
  if (tag === "TD" || tag === "TH") {
    if (node.nextElementSibling) out.cellBreak();
  }
  if (block) out.softBreak();
}

/** The visible text of HTML (a fragment or a whole document), as `body.getAsync(text)` answers it. */
export function htmlToText(html: string): string {
  const doc = parseDocument(html);
  const out = new TextBuilder();
  walkText(doc.body, out, false);
  return out.result();
}
