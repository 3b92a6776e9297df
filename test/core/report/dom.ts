/**
 * A few DOM helpers over parse5 (the WHATWG HTML parser that browsers follow), so that report tests
 * read the HTML as a browser would: elements by id, class or tag, their text, table cells.
 */
import { parse, type DefaultTreeAdapterMap } from "parse5";

export type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];
export type Document = DefaultTreeAdapterMap["document"];

export function parseHtml(html: string): Document {
  return parse(html);
}

function children(node: Node): readonly Node[] {
  const n = node as { childNodes?: Node[]; content?: { childNodes?: Node[] } };
  return n.childNodes ?? [];
}

export function isElement(node: Node): node is Element {
  return "tagName" in node;
}

/** Every element under `root` (depth first, document order) that `match` accepts. */
export function all(root: Node, match: (e: Element) => boolean = () => true): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    for (const c of children(n)) {
      if (isElement(c)) {
        if (match(c)) out.push(c);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

export function byId(root: Node, id: string): Element {
  const found = all(root, (e) => attr(e, "id") === id);
  if (found.length !== 1) throw new Error(`expected one element with id ${id}, found ${found.length}`);
  return found[0];
}

export function byTag(root: Node, tag: string): Element[] {
  return all(root, (e) => e.tagName === tag);
}

export function byClass(root: Node, cls: string): Element[] {
  return all(root, (e) => (attr(e, "class") ?? "").split(/\s+/).includes(cls));
}

/** The text of a node exactly as the DOM's textContent gives it. */
export function rawText(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return children(node).map(rawText).join("");
}

/**
 * The text of a node as a reader sees it: runs of white space (the template's line breaks and
 * indentation, which a browser collapses) as one space, trimmed.
 */
export function text(node: Node): string {
  return rawText(node)
    .replace(/[ \t\n\r\f]+/g, " ")
    .trim();
}

/** A table's body rows as arrays of cell texts. */
export function tableRows(table: Element): string[][] {
  return byTag(table, "tr")
    .filter((tr) => byTag(tr, "td").length > 0)
    .map((tr) => byTag(tr, "td").map(text));
}

/** The table whose caption starts with `caption`, under `root`. */
export function tableByCaption(root: Node, caption: string): Element {
  const found = byTag(root, "table").filter((t) => {
    const c = byTag(t, "caption")[0];
    return c !== undefined && text(c).startsWith(caption);
  });
  if (found.length !== 1) throw new Error(`expected one table captioned "${caption}", found ${found.length}`);
  return found[0];
}

/** The value shown for a figure of At a glance (data-figure attribute). */
export function figure(root: Node, key: string): string {
  const found = all(root, (e) => attr(e, "data-figure") === key);
  if (found.length !== 1) throw new Error(`expected one figure ${key}, found ${found.length}`);
  return text(found[0]);
}
