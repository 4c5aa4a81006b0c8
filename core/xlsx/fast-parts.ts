/**
 * Fast paths for the bulk of the two largest parts of a return: the rows and cells of a
 * worksheet's `sheetData`, and the items of the shared-string table.
 *
 * The strict scanner (scan.ts) reads a document one tag at a time in JavaScript; a batch of
 * forty returns is over before V8 has finished optimising that code, so most of a short import
 * runs it cold. Here the usual shapes of a row, a cell and a shared string — as Excel,
 * LibreOffice, openpyxl and our own templates write them — are each matched by one regular
 * expression, which V8 runs as compiled code from the first file on (measured: the forty data
 * sheets of a batch in a quarter of the time, cold).
 *
 * The shapes accepted are a strict subset of well-formed XML: names without prefixes, attributes
 * in double quotes without entities or white space inside, text without markup, carriage returns
 * or `>`. Anything else — another attribute order, a comment, a CDATA section, a prefix, white
 * space where these writers put none — makes the reader give up, and the caller reads the whole
 * part again with the strict scanner, which alone decides what is refused and with which
 * message. When the fast path does succeed, the rest of the document (everything around the
 * content read here) is still scanned strictly, with a marker element in place of that content:
 * only if the marker is read as the sole child of the expected element is the content known to
 * be that element's children (and not, say, text inside a comment that looks like rows).
 */
import { decodeEntities, scanXml, type XmlAttrs, type XmlHandlers } from './scan.js';

/** What {@link readRows} reports, in document order. */
export interface RowSink {
  /**
   * A `row` element starts, with its `r` and `hidden` attributes as written (undefined when
   * absent). Returns false to give up (a row number the strict reader refuses).
   */
  row(r: string | undefined, hidden: string | undefined): boolean;
  /**
   * A cell: its reference, `s` and `t` as written; `body` false for `<c …/>`; whether it has a
   * formula; the text of its `<v>` and of its inline string's `<t>`, entities decoded
   * (undefined when the element is absent).
   */
  cell(
    ref: string,
    s: string | undefined,
    t: string | undefined,
    body: boolean,
    formula: boolean,
    value: string | undefined,
    inline: string | undefined,
  ): void;
}

/** A name without a prefix or with one, ASCII only (anything else falls back). */
const NAME = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
/** Attributes in double quotes, their values free of entities, markup and white-space characters. */
const ATTRS = `((?: ${NAME}="[^"<&\\t\\n\\r]*")*)`;
const ATTR = new RegExp(` (${NAME})="([^"]*)"`, 'g');
/** Character data without markup, carriage return or `>` (entities are decoded). */
const TEXT = '([^<\\r>]*)';

const ROW = new RegExp(`<row${ATTRS}(\\/?)>`, 'y');
/** A row whose first attribute is its number (how every writer puts it). */
const NUMBERED_ROW = new RegExp(`<row r="([^"<&\\t\\n\\r]*)"${ATTRS}(\\/?)>`, 'y');
/** A cell's reference, style and type, in this order. */
const CELL_START = '<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"(?: s="([0-9]{1,9})")?(?: t="([A-Za-z]{1,12})")?';
const CELL = new RegExp(`${CELL_START}(\\/?)>`, 'y');
/** The commonest cells whole: empty (`<c …/>`, `<c …></c>`) or with a value only. */
const PLAIN_CELL = new RegExp(`${CELL_START}(?:(\\/)>|>(?:<v>${TEXT}<\\/v>)?<\\/c>)`, 'y');
const FORMULA = new RegExp(`<f${ATTRS}(?:\\/>|>${TEXT}<\\/f>)`, 'y');
const VALUE = new RegExp(`<v>${TEXT}<\\/v>`, 'y');
const INLINE = new RegExp(`<is><t(?: xml:space="preserve")?>${TEXT}<\\/t><\\/is>`, 'y');
const STRING = new RegExp(`<si><t(?: xml:space="preserve")?>${TEXT}<\\/t><\\/si>|<si\\/>`, 'y');

const LT = 0x3c;
const SLASH = 0x2f;

/** The first offset at or after `i` (before `to`) that is not XML white space. */
function skipSpace(xml: string, i: number, to: number): number {
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
  }
  return i;
}

/** Text matched by {@link TEXT} at `offset`, entities decoded (throws on a bad one). */
function decoded(text: string, offset: number): string {
  return text.includes('&') ? decodeEntities(text, offset) : text;
}

/**
 * The attribute list `list` (as {@link ATTRS} matched it) split into names and values; undefined
 * when a name repeats (the strict scanner refuses that).
 */
function attributes(list: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  if (list === '') return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(list); m; m = ATTR.exec(list)) {
    if (out.has(m[1]!)) return undefined;
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/** What the attributes of a row after its number say: whether they repeat a name, and `hidden`. */
interface RowRest {
  ok: boolean;
  hidden: string | undefined;
}

/**
 * The rows of a sheet mostly have the same attributes after their number (height, spans…):
 * each such list is checked once. Bounded: cleared when full.
 */
const rowRests = new Map<string, RowRest>();
const MAX_ROW_RESTS = 256;

function rowRest(list: string): RowRest {
  let rest = rowRests.get(list);
  if (rest === undefined) {
    const attrs = attributes(list);
    rest = { ok: attrs !== undefined && !attrs.has('r'), hidden: attrs?.get('hidden') };
    if (rowRests.size >= MAX_ROW_RESTS) rowRests.clear();
    rowRests.set(list, rest);
  }
  return rest;
}

/** Match the sticky `re` at `at`; the match, with the offset after it in `re.lastIndex`. */
function at(re: RegExp, xml: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(xml);
}

/**
 * Read the content of a `sheetData` element, `xml[from, to)`: rows holding cells, with white
 * space between. False when it holds anything else (nothing is then to be trusted of what the
 * sink received).
 */
export function readRows(xml: string, from: number, to: number, sink: RowSink): boolean {
  let i = from;
  let inRow = false;
  for (;;) {
    i = skipSpace(xml, i, to);
    if (i >= to) break;
    if (xml.charCodeAt(i) !== LT) return false;
    const next = xml.charCodeAt(i + 1);
    if (next === 0x63 /* c */) {
      if (!inRow) return false;
      const p = at(PLAIN_CELL, xml, i);
      if (p) {
        i = PLAIN_CELL.lastIndex;
        const body = p[4] === undefined;
        const value = p[5] === undefined ? undefined : decoded(p[5], i);
        sink.cell(p[1]!, p[2], p[3], body, false, value, undefined);
        continue;
      }
      const c = at(CELL, xml, i);
      if (!c) return false;
      i = CELL.lastIndex;
      if (c[4] === '/') {
        sink.cell(c[1]!, c[2], c[3], false, false, undefined, undefined);
        continue;
      }
      let formula = false;
      let value: string | undefined;
      let inline: string | undefined;
      i = skipSpace(xml, i, to);
      if (xml.startsWith('<f', i)) {
        const f = at(FORMULA, xml, i);
        if (!f || !attributes(f[1]!)) return false;
        if (f[2] !== undefined) decoded(f[2], i);
        formula = true;
        i = skipSpace(xml, FORMULA.lastIndex, to);
      }
      if (xml.startsWith('<v>', i)) {
        const v = at(VALUE, xml, i);
        if (!v) return false;
        value = decoded(v[1]!, i + 3);
        i = skipSpace(xml, VALUE.lastIndex, to);
      } else if (xml.startsWith('<is>', i)) {
        const s = at(INLINE, xml, i);
        if (!s) return false;
        inline = decoded(s[1]!, i);
        i = skipSpace(xml, INLINE.lastIndex, to);
      }
      if (!xml.startsWith('</c>', i)) return false;
      i += 4;
      sink.cell(c[1]!, c[2], c[3], true, formula, value, inline);
    } else if (next === 0x72 /* r */) {
      if (inRow) return false;
      const n = at(NUMBERED_ROW, xml, i);
      if (n) {
        const rest = rowRest(n[2]!);
        if (!rest.ok || !sink.row(n[1], rest.hidden)) return false;
        inRow = n[3] !== '/';
        i = NUMBERED_ROW.lastIndex;
        continue;
      }
      const r = at(ROW, xml, i);
      if (!r) return false;
      const attrs = attributes(r[1]!);
      if (!attrs || !sink.row(attrs.get('r'), attrs.get('hidden'))) return false;
      inRow = r[2] !== '/';
      i = ROW.lastIndex;
    } else if (next === SLASH && inRow && xml.startsWith('</row>', i)) {
      inRow = false;
      i += 6;
    } else {
      return false;
    }
  }
  return !inRow && i === to;
}

/**
 * Read the content of a shared-string table, `xml[from, to)`: `si` items each holding one
 * plain `t`, with white space between; the texts (entities decoded, Excel's escapes not yet)
 * are pushed to `out`. False when it holds anything else (rich text, phonetic runs…).
 */
export function readStrings(xml: string, from: number, to: number, out: string[]): boolean {
  let i = from;
  for (;;) {
    i = skipSpace(xml, i, to);
    if (i >= to) break;
    const s = at(STRING, xml, i);
    if (!s) return false;
    out.push(s[1] === undefined ? '' : decoded(s[1], i));
    i = STRING.lastIndex;
  }
  return i === to;
}

/** The marker element put in place of the content read by a fast path. */
const MARKER = '_tonghop_fast_content_';

/**
 * Scan `xml` strictly with its content `[from, to)` replaced by a marker element, passing every
 * event to `h` — except those of the marker and of elements named in `refused`, any of which
 * makes the answer false. True when the document is well formed and the marker was read as the
 * one and only child of an element named `parent`: then the content replaced was exactly that
 * element's children. Throws what the scanner throws.
 */
export function scanAround(
  xml: string,
  from: number,
  to: number,
  parent: string,
  refused: ReadonlySet<string>,
  h: Partial<XmlHandlers> = {},
): boolean {
  const outer = `${xml.slice(0, from)}<${MARKER}/>${xml.slice(to)}`;
  let markers = 0;
  let refusedSeen = false;
  /** The element whose start tag was the last event, if it was one (not self-closing). */
  let justOpened: string | undefined;
  /** The marker's parent while the event after the marker's end is awaited. */
  let awaiting: string | undefined;
  let placed = false;
  scanXml(outer, {
    open(name: string, a: XmlAttrs, selfClosing: boolean) {
      if (name === MARKER) {
        markers++;
        awaiting = justOpened === parent ? parent : undefined;
        justOpened = undefined;
        return;
      }
      if (refused.has(name)) refusedSeen = true;
      else h.open?.(name, a, selfClosing);
      awaiting = undefined;
      justOpened = selfClosing ? undefined : name;
    },
    close(name: string) {
      if (name === MARKER) return;
      placed ||= awaiting !== undefined && name === awaiting;
      awaiting = undefined;
      justOpened = undefined;
      if (!refused.has(name)) h.close?.(name);
    },
  });
  return placed && markers === 1 && !refusedSeen;
}
