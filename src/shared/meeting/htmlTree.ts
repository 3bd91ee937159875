/**
 * A tolerant element tree over the tokens, with source offsets on every node. It applies the
 * few implied-end-tag rules that matter for Outlook bodies (an unclosed <p> ends where the next
 * block starts, <li>/<td>/<tr> end at their next sibling) so sibling runs match what a browser sees.
 */

import { tokenizeHtml, type HtmlAttribute, type HtmlToken } from "./htmlTokens";

export interface HtmlElementNode {
  type: "element";
  name: string;
  attrs: HtmlAttribute[];
  /** Offset of `<`. */
  start: number;
  /** Offset after the end tag, or where the element was implicitly closed. */
  end: number;
  /** True when the source has this element's own end tag (or it is void / self-closed). */
  closedExplicitly: boolean;
  children: HtmlNode[];
  parent: HtmlElementNode | undefined;
}

export interface HtmlLeafNode {
  type: "text" | "rawtext" | "comment" | "doctype";
  start: number;
  end: number;
  parent: HtmlElementNode;
}

export type HtmlNode = HtmlElementNode | HtmlLeafNode;

const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "basefont",
  "bgsound",
  "br",
  "col",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/**
 * The block elements: opening one closes an open <p> (the HTML "close a p element" rule), and each
 * starts a new line where it opens and where it closes (visibleText.ts). The one list of them.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "dd",
  "dt",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "ul",
  "xmp",
  "plaintext",
]);

/** Elements that stop the search for an open element to close (HTML's default "scope" markers). */
const DEFAULT_SCOPE: readonly string[] = [
  "html",
  "table",
  "td",
  "th",
  "caption",
  "marquee",
  "object",
  "applet",
  "template",
];
/** Inside tables only the table itself bounds the search, so `<tr>` or `</tr>` can end an open cell. */
const TABLE_SCOPE: readonly string[] = ["html", "table", "template"];
/** The elements a table is built of. */
export const TABLE_PARTS: ReadonlySet<string> = new Set([
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
]);

interface ImpliedEnd {
  /** Open elements the start tag ends. */
  closes: readonly string[];
  /** Elements that stop the search: an element beyond one of these is left open. */
  scope: readonly string[];
}

/** For a start tag, which open elements it implicitly ends. */
const IMPLIED_ENDS: Readonly<Record<string, ImpliedEnd>> = {
  li: { closes: ["li"], scope: [...DEFAULT_SCOPE, "ul", "ol"] },
  dt: { closes: ["dt", "dd"], scope: [...DEFAULT_SCOPE, "dl"] },
  dd: { closes: ["dt", "dd"], scope: [...DEFAULT_SCOPE, "dl"] },
  tr: { closes: ["tr"], scope: [...TABLE_SCOPE, "thead", "tbody", "tfoot"] },
  td: { closes: ["td", "th"], scope: [...TABLE_SCOPE, "tr"] },
  th: { closes: ["td", "th"], scope: [...TABLE_SCOPE, "tr"] },
  tbody: { closes: ["thead", "tbody", "tfoot"], scope: TABLE_SCOPE },
  thead: { closes: ["thead", "tbody", "tfoot"], scope: TABLE_SCOPE },
  tfoot: { closes: ["thead", "tbody", "tfoot"], scope: TABLE_SCOPE },
  option: { closes: ["option"], scope: [...DEFAULT_SCOPE, "select"] },
};

const P_SCOPE: readonly string[] = [...DEFAULT_SCOPE, "button"];

export interface HtmlDocument {
  source: string;
  root: HtmlElementNode;
}

export function parseHtml(source: string): HtmlDocument {
  const root: HtmlElementNode = {
    type: "element",
    name: "#root",
    attrs: [],
    start: 0,
    end: source.length,
    closedExplicitly: true,
    children: [],
    parent: undefined,
  };
  const builder = new TreeBuilder(root);
  for (const token of tokenizeHtml(source)) builder.add(token);
  builder.finish(source.length);
  return { source, root };
}

class TreeBuilder {
  private readonly stack: HtmlElementNode[];

  constructor(private readonly root: HtmlElementNode) {
    this.stack = [root];
  }

  private get current(): HtmlElementNode {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  add(token: HtmlToken): void {
    if (token.kind === "startTag") this.open(token);
    else if (token.kind === "endTag") this.close(token.name, token.start, token.end);
    else
      this.current.children.push({
        type: token.kind,
        start: token.start,
        end: token.end,
        parent: this.current,
      });
  }

  finish(end: number): void {
    while (this.stack.length > 1) this.popAt(end, false);
  }

  private open(token: Extract<HtmlToken, { kind: "startTag" }>): void {
    this.closeImplied(token.name, token.start);
    const element: HtmlElementNode = {
      type: "element",
      name: token.name,
      attrs: token.attrs,
      start: token.start,
      end: token.end,
      closedExplicitly: true,
      children: [],
      parent: this.current,
    };
    this.current.children.push(element);
    const isLeaf = VOID_ELEMENTS.has(token.name) || token.selfClosing;
    if (!isLeaf) {
      element.closedExplicitly = false;
      this.stack.push(element);
    }
  }

  private closeImplied(name: string, at: number): void {
    if (BLOCK_ELEMENTS.has(name)) this.closeOpen(["p"], P_SCOPE, at);
    if (/^h[1-6]$/.test(name) && /^h[1-6]$/.test(this.current.name)) this.popAt(at, false);
    const rule = IMPLIED_ENDS[name];
    if (rule) this.closeOpen(rule.closes, rule.scope, at);
  }

  /** Closes the nearest open element named in `names`, unless a scope boundary comes first. */
  private closeOpen(names: readonly string[], scope: readonly string[], at: number): void {
    const index = this.findOpen(names, scope);
    if (index > 0) this.popTo(index, at, false);
  }

  private close(name: string, start: number, end: number): void {
    const index = this.findOpen([name], TABLE_PARTS.has(name) ? TABLE_SCOPE : DEFAULT_SCOPE);
    if (index > 0) this.popTo(index, start, true, end);
  }

  /** Stack index of the nearest open element with one of `names`; -1 when none is in scope. */
  private findOpen(names: readonly string[], scope: readonly string[]): number {
    for (let i = this.stack.length - 1; i > 0; i -= 1) {
      const name = this.stack[i]?.name ?? "";
      if (names.includes(name)) return i;
      if (scope.includes(name)) return -1;
    }
    return -1;
  }

  /** Pops elements above `index` as implicitly closed at `at`, then the one at `index`. */
  private popTo(index: number, at: number, explicit: boolean, explicitEnd = at): void {
    while (this.stack.length - 1 > index) this.popAt(at, false);
    const element = this.stack.pop();
    if (!element) return;
    element.end = explicit ? explicitEnd : at;
    element.closedExplicitly = explicit;
  }

  private popAt(at: number, explicit: boolean): void {
    const element = this.stack.pop();
    if (!element) return;
    element.end = at;
    element.closedExplicitly = explicit;
  }
}

export function attributeValue(element: HtmlElementNode, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** Every node in document order (depth first), the root excluded; iterative so deep nesting cannot overflow. */
export function* walkNodes(parent: HtmlElementNode): Generator<HtmlNode> {
  const pending: HtmlNode[] = [...parent.children].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    yield node;
    if (node.type === "element") {
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child) pending.push(child);
      }
    }
  }
}
