/**
 * A small streaming XML scanner for the parts of an .xlsx file: text goes in chunk by chunk (as a
 * part is inflated), start tags, end tags and character data come out to a handler. No part is
 * ever held as one string, and the work is linear in the input whatever the markup: each
 * character is looked at a bounded number of times, and a construct split over chunks is kept as
 * pieces and joined once.
 *
 * It checks what a reader must not guess at: tags nest and close in order (an unclosed `<c>` is an
 * error at the end of the part, not a parse that runs on), no DOCTYPE (Office Open XML forbids DTDs
 * in a package: ECMA-376 Part 2, §8.1.4 "XML usage"), only the five predefined entities and
 * character references, at most MAX_MARKUP characters in one tag, comment, CDATA section or
 * processing instruction, at most MAX_DEPTH open elements, one root element. Names come out
 * without their namespace prefix (`x:row` → `row`).
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

export interface XmlHandler {
  /** a start tag: local name, the raw attribute text (read it with Attributes), self-closing? */
  open(name: string, attributes: string, selfClosing: boolean): void;
  /** an end tag; also called right after the open() of a self-closing tag */
  close(name: string): void;
  /** character data with entities decoded; one run of text may come in several calls */
  text(text: string): void;
}

/** Characters in one tag, comment, CDATA section or processing instruction. */
const MAX_MARKUP = 1024 * 1024;
/** Elements open at once (a worksheet needs about 6). */
const MAX_DEPTH = 256;

const QUOT = 34;
const APOS = 39;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const NAMED: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Decode the entities of a piece of XML text that holds whole entities only. */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 40) throw new XmlError(`a "&" that starts no entity`);
    out += text.slice(from, amp);
    const name = text.slice(amp + 1, semi);
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; /* x */
      const digits = name.slice(hex ? 2 : 1);
      const ok = hex ? /^[0-9A-Fa-f]+$/.test(digits) : /^[0-9]+$/.test(digits);
      const code = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code >= 0 && code <= 0x10ffff))
        throw new XmlError(`the character reference &${name}; is not a character`);
      // a surrogate or U+FFFE/U+FFFF is kept as such: the reader reports it
      out += code <= 0xffff ? String.fromCharCode(code) : String.fromCodePoint(code);
    } else {
      const c = NAMED.get(name);
      if (c === undefined)
        throw new XmlError(`the entity &${name}; is not defined (only &lt; &gt; &amp; &quot; &apos; are)`);
      out += c;
    }
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return out + text.slice(from);
}

/**
 * A tag's attributes, parsed into reusable arrays (no allocation but the values): names as written
 * (`r`, `t`, `r:id`), values with entities decoded. Linear in the attribute text; throws XmlError
 * when it is not attribute syntax.
 */
export class Attributes {
  private names: string[] = [];
  private values: string[] = [];
  private size = 0;

  parse(text: string): this {
    this.size = 0;
    const n = text.length;
    let i = 0;
    for (;;) {
      while (i < n && text.charCodeAt(i) <= 32) i++;
      if (i >= n) return this;
      const eq = text.indexOf("=", i);
      if (eq < 0) throw new XmlError(`an attribute with no value`);
      let nameEnd = eq;
      while (nameEnd > i && text.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
      const name = text.slice(i, nameEnd);
      i = eq + 1;
      while (i < n && text.charCodeAt(i) <= 32) i++;
      const q = text.charCodeAt(i);
      if (q !== QUOT && q !== APOS) throw new XmlError(`the attribute ${name} has no quoted value`);
      const end = text.indexOf(q === QUOT ? '"' : "'", i + 1);
      if (end < 0) throw new XmlError(`the attribute ${name} has no closing quote`);
      for (let k = 0; k < this.size; k++)
        if (this.names[k] === name) throw new XmlError(`the attribute ${name} is given twice`);
      this.names[this.size] = name;
      this.values[this.size] = decodeEntities(text.slice(i + 1, end));
      this.size++;
      i = end + 1;
    }
  }

  get(name: string): string | undefined {
    for (let k = 0; k < this.size; k++) if (this.names[k] === name) return this.values[k];
    return undefined;
  }

  /** The value of the first attribute whose name ends with `suffix` (e.g. ":id" for r:id). */
  getEndingWith(suffix: string): string | undefined {
    for (let k = 0; k < this.size; k++) if (this.names[k].endsWith(suffix)) return this.values[k];
    return undefined;
  }
}

/** The next `>`, `<` or quote from `from`: one native search instead of a loop over characters. */
const TAG_SPECIAL = /[<>"']/g;
/**
 * The rest of a tag up to its ">" (quoted values skipped whole). Each character is matched one
 * way only, so a tag that does not end in the chunk fails in time linear in what it looked at.
 */
const TAG_REST = /[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>/y;

type Pending =
  | { readonly kind: "none" }
  /** a tag whose end is in a later chunk; `quote` is the quote open at the end of the last piece */
  | { readonly kind: "tag"; quote: number }
  /** a comment, CDATA section or processing instruction: ends at `term` */
  | { readonly kind: "until"; readonly term: string; readonly cdata: boolean }
  /** "<" or "<!…" at the end of a chunk: not yet known which construct it starts */
  | { readonly kind: "head" };

const NONE: Pending = { kind: "none" };

export class XmlScanner {
  private readonly handler: XmlHandler;
  private pending: Pending = NONE;
  /** pieces of the construct being read, its "<" included */
  private pieces: string[] = [];
  private pieceLength = 0;
  /** the last two characters kept (a terminator such as "-->" may straddle pieces) */
  private lastTwo = "";
  /** the end of a text piece that may be the start of an entity ("&am") */
  private carry = "";
  private readonly stack: string[] = [];
  /** the local names of the open elements (as `stack`, without prefixes) */
  private readonly locals: string[] = [];
  private sawRoot = false;

  constructor(handler: XmlHandler) {
    this.handler = handler;
  }

  /** Scan the next piece of the document. */
  feed(chunk: string): void {
    const n = chunk.length;
    let i = this.pending.kind === "none" ? 0 : this.resume(chunk);
    while (i < n) {
      const lt = chunk.indexOf("<", i);
      if (lt < 0) {
        this.emitText(chunk.slice(i));
        return;
      }
      if (lt > i) this.emitText(chunk.slice(i, lt));
      if (this.carry !== "") throw new XmlError(`a "&" that starts no entity`);
      const next = lt + 1 < n ? chunk.charCodeAt(lt + 1) : -1;
      if (next === -1 || next === BANG || next === QUESTION) {
        this.pending = { kind: "head" };
        i = this.resume(chunk, lt);
        continue;
      }
      // the common case in one native search: a whole tag, quoted values may hold ">"
      TAG_REST.lastIndex = lt + 1;
      const end = TAG_REST.test(chunk) ? TAG_REST.lastIndex - 1 : this.tagEnd(chunk, lt + 1, 0);
      if (end < 0) {
        // the tag goes on in the next chunk (tagEnd set the pending quote)
        this.keep(chunk.slice(lt));
        return;
      }
      this.tag(chunk, lt, end);
      i = end + 1;
    }
  }

  /** The document is complete: throws XmlError when something is left open. */
  end(): void {
    if (this.pending.kind !== "none") throw new XmlError("the part ends inside a tag");
    if (this.carry !== "") throw new XmlError(`a "&" that starts no entity`);
    if (this.stack.length > 0) throw new XmlError(`<${this.stack[this.stack.length - 1]}> is never closed`);
    if (!this.sawRoot) throw new XmlError("the part holds no element");
  }

  /**
   * The index of the ">" that ends the tag whose content goes on from `from`, with `quote` open at
   * `from`; -1 when the chunk ends first (the tag is then pending, with its open quote).
   */
  private tagEnd(chunk: string, from: number, quote: number): number {
    let at = from;
    if (quote !== 0) {
      const close = chunk.indexOf(quote === QUOT ? '"' : "'", at);
      if (close < 0) {
        this.pending = { kind: "tag", quote };
        return -1;
      }
      at = close + 1;
    }
    TAG_SPECIAL.lastIndex = at;
    for (;;) {
      const m = TAG_SPECIAL.exec(chunk);
      if (!m) {
        this.pending = { kind: "tag", quote: 0 };
        return -1;
      }
      const c = m[0];
      if (c === ">") return m.index;
      if (c === "<") throw new XmlError(`a "<" inside a tag`);
      const close = chunk.indexOf(c, m.index + 1);
      if (close < 0) {
        this.pending = { kind: "tag", quote: c.charCodeAt(0) };
        return -1;
      }
      TAG_SPECIAL.lastIndex = close + 1;
    }
  }

  private emitText(raw: string): void {
    if (this.stack.length === 0) return; // outside the root element: ignored
    let s = raw;
    if (this.carry !== "") {
      s = this.carry + raw;
      this.carry = "";
    } else if (raw.indexOf("&") < 0) {
      this.handler.text(raw);
      return;
    }
    const amp = s.lastIndexOf("&");
    if (amp >= 0 && s.indexOf(";", amp) < 0) {
      if (s.length - amp > 40) throw new XmlError(`a "&" that starts no entity`);
      this.carry = s.slice(amp);
      s = s.slice(0, amp);
    }
    if (s.length > 0) this.handler.text(decodeEntities(s));
  }

  private keep(piece: string): void {
    this.pieceLength += piece.length;
    if (this.pieceLength > MAX_MARKUP)
      throw new XmlError(`a tag, comment or CDATA section longer than ${MAX_MARKUP / (1024 * 1024)} MB`);
    this.pieces.push(piece);
    this.lastTwo = piece.length >= 2 ? piece.slice(-2) : (this.lastTwo + piece).slice(-2);
  }

  private joinPieces(last: string): string {
    this.keep(last);
    const whole = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join("");
    this.pieces = [];
    this.pieceLength = 0;
    this.lastTwo = "";
    this.pending = NONE;
    return whole;
  }

  /**
   * Go on with a construct left pending at the end of the last chunk, or one starting at `from`
   * whose kind is not yet known; returns the index after it (chunk.length when it goes on).
   */
  private resume(chunk: string, from = 0): number {
    const n = chunk.length;
    let pending = this.pending;
    if (pending.kind === "head") {
      // enough of it to know what it is: "<!--", "<![CDATA[", "<?", "<!", "</", "<a"
      const more = chunk.slice(from, from + 9 - this.pieceLength);
      const head = this.pieces.join("") + more;
      const known =
        head.length >= 9 ||
        (head.length >= 2 && head.charCodeAt(1) !== BANG) ||
        head.startsWith("<!--") ||
        (head.length >= 3 && head[2] !== "-" && head[2] !== "[" && head[2] !== "D");
      if (!known) {
        this.keep(more);
        return from + more.length;
      }
      if (head.startsWith("<!--")) pending = { kind: "until", term: "-->", cdata: false };
      else if (head.startsWith("<![CDATA[")) pending = { kind: "until", term: "]]>", cdata: true };
      else if (head.startsWith("<?")) pending = { kind: "until", term: "?>", cdata: false };
      else if (head.startsWith("<!DOCTYPE"))
        throw new XmlError("it has a DOCTYPE declaration, which Office Open XML forbids");
      else if (head.startsWith("<!")) throw new XmlError(`"${head}" is not markup a workbook holds`);
      else pending = { kind: "tag", quote: 0 };
      this.pending = pending;
      if (pending.kind === "tag") {
        // "<" (and perhaps more) is kept already; the tag goes on at chunk[from]
        const end = this.tagEnd(chunk, this.pieceLength === 0 ? from + 1 : from, 0);
        if (end < 0) {
          this.keep(chunk.slice(from));
          return n;
        }
        this.tagFromPieces(chunk, from, end);
        return end + 1;
      }
      // a comment, CDATA section or instruction: its terminator is searched after its opening
      const opening = pending.cdata ? 9 : pending.term === "?>" ? 2 : 4;
      const skip = Math.max(0, opening - this.pieceLength);
      return this.until(chunk, from, from + skip, pending);
    }
    if (pending.kind === "tag") {
      const end = this.tagEnd(chunk, from, pending.quote);
      if (end < 0) {
        this.keep(chunk.slice(from));
        return n;
      }
      this.tagFromPieces(chunk, from, end);
      return end + 1;
    }
    if (pending.kind === "until") return this.until(chunk, from, from, pending);
    return from;
  }

  private tagFromPieces(chunk: string, from: number, end: number): void {
    const whole = this.joinPieces(chunk.slice(from, end + 1));
    this.tag(whole, 0, whole.length - 1);
  }

  /** A comment, CDATA section or instruction: find its terminator from `searchFrom`. */
  private until(
    chunk: string,
    from: number,
    searchFrom: number,
    pending: { readonly term: string; readonly cdata: boolean },
  ): number {
    this.pending = pending as Pending;
    const term = pending.term;
    let end = -1;
    if (this.pieceLength > 0) {
      // the terminator may straddle what was kept and this chunk
      const tail = this.lastTwo.slice(-(term.length - 1));
      const joint = tail + chunk.slice(from, from + term.length - 1);
      const at = joint.indexOf(term);
      if (at >= 0 && this.pieceLength - tail.length + at >= (pending.cdata ? 9 : term === "?>" ? 2 : 4))
        end = from + at - tail.length + term.length;
    }
    if (end < 0) {
      const at = chunk.indexOf(term, searchFrom);
      if (at >= 0) end = at + term.length;
    }
    if (end < 0) {
      this.keep(chunk.slice(from));
      return chunk.length;
    }
    const whole = this.joinPieces(chunk.slice(from, end));
    if (pending.cdata && this.stack.length > 0) this.handler.text(whole.slice(9, -3));
    return end;
  }

  /** The tag s[lt..end] ("<" … ">"). */
  private tag(s: string, lt: number, end: number): void {
    if (end - lt > MAX_MARKUP)
      throw new XmlError(`a tag, comment or CDATA section longer than ${MAX_MARKUP / (1024 * 1024)} MB`);
    if (s.charCodeAt(lt + 1) === SLASH) {
      const open = this.stack.pop();
      const local = this.locals.pop();
      let k = lt + 2 + (open?.length ?? 0);
      while (k < end && s.charCodeAt(k) <= 32) k++;
      if (open === undefined || local === undefined || k !== end || !s.startsWith(open, lt + 2)) {
        const name = s.slice(lt + 2, end).trim();
        throw new XmlError(
          open === undefined ? `</${name}> closes nothing` : `</${name}> where </${open}> was expected`,
        );
      }
      this.handler.close(local);
      return;
    }
    const selfClosing = s.charCodeAt(end - 1) === SLASH;
    const bodyEnd = selfClosing ? end - 1 : end;
    let k = lt + 1;
    while (k < bodyEnd && s.charCodeAt(k) > 32) k++;
    const name = s.slice(lt + 1, k);
    if (name === "") throw new XmlError(`a tag with no name`);
    if (this.stack.length === 0) {
      if (this.sawRoot) throw new XmlError(`a second root element <${name}>`);
      this.sawRoot = true;
    }
    const local = localName(name);
    if (!selfClosing) {
      if (this.stack.length >= MAX_DEPTH) throw new XmlError(`elements nested more than ${MAX_DEPTH} deep`);
      this.stack.push(name);
      this.locals.push(local);
    }
    this.handler.open(local, k < bodyEnd ? s.slice(k, bodyEnd) : "", selfClosing);
    if (selfClosing) this.handler.close(local);
  }
}
