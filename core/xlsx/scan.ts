/**
 * A small, strict, non-validating XML scanner for the SpreadsheetML parts the importer
 * reads. One forward pass with tight `charCodeAt` loops (text runs and attribute values
 * are found and checked in the same loop) and `indexOf` over comments, CDATA sections and
 * processing instructions, instead of a state machine stepped once per character; attribute
 * strings are built only when a handler asks for them.
 *
 * It refuses what a well-formed document cannot hold and what matters for safety:
 * any DOCTYPE (so no entity is ever defined or expanded), unknown entities, unterminated
 * tags, comments, CDATA sections and processing instructions, unclosed or mismatched
 * elements, text or a second element outside the root, duplicate or unquoted attributes,
 * `<` in attribute values, `]]>` in text and characters XML does not allow.
 */

/** A document the scanner refuses; the message says why and where (character offset). */
export class XmlScanError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlScanError';
  }
}

/**
 * The attributes of the element being opened. Valid only during the `open` call that
 * receives it: the scanner reuses it for the next element.
 */
export interface XmlAttrs {
  /** The value of the attribute with this qualified name (prefix included), entities decoded. */
  get(name: string): string | undefined;
  /** The qualified names of the attributes, in document order. */
  names(): string[];
}

/** What the scanner reports. Element names are local names: the namespace prefix is dropped. */
export interface XmlHandlers {
  /** An element starts; a self-closing element is followed at once by its `close`. */
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  /** An element ends. */
  close?(name: string): void;
  /**
   * Character data inside the root element, entities decoded and line ends normalised;
   * one run of text may arrive in several pieces (CDATA sections come separately).
   */
  text?(text: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const AMP = 0x26;
const COLON = 0x3a;
const CR = 0x0d;

/** ASCII name characters: 1 = may start a name, 2 = may only continue one. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CHAR[c] = 1;
  else if (/[0-9.-]/.test(ch)) NAME_CHAR[c] = 2;
}

function isNameStart(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] === 1 : c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0xfffe;
}

function isNameChar(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] !== 0 : c >= 0xb7 && c !== 0xd7 && c !== 0xf7 && c < 0xfffe;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === CR;
}

/** What makes a run of text need more than a slice: an entity or character reference, a CR, a ">". */
const TEXT_SPECIAL = /[&\r>]/g;

/** Any character outside XML's `Char` production, or a surrogate (checked further when found). */
const SUSPECT_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/;

/** The offset of the first character XML does not allow, or -1. */
export function findInvalidChar(xml: string): number {
  const m = SUSPECT_CHAR.exec(xml);
  if (!m) return -1;
  for (let i = m.index; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== CR) return i;
    } else if (c >= 0xd800) {
      if (c >= 0xfffe) return i;
      if (c < 0xe000) {
        if (c > 0xdbff) return i;
        const d = xml.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) return i;
        i++;
      }
    }
  }
  return -1;
}

/** The XML declaration: version, then optional encoding and standalone, in that order. */
const XML_DECL =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z0-9][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Replace the five predefined entities and numeric character references in `s` (which
 * starts at `offset` in the document, for messages). Throws {@link XmlScanError} on
 * anything else: no other entity exists, since no DOCTYPE is accepted.
 */
export function decodeEntities(s: string, offset = 0): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) throw new XmlScanError('unterminated entity reference', offset + amp);
    const name = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (name.charCodeAt(0) === 0x23 /* # */) {
      const hex = name.charCodeAt(1) === 0x78; /* x */
      const digits = name.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
        throw new XmlScanError(`malformed character reference &${name};`, offset + amp);
      }
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp))
        throw new XmlScanError(`character reference &${name}; to a disallowed character`, offset + amp);
      rep = String.fromCodePoint(cp);
    } else {
      rep = PREDEFINED[name];
      if (rep === undefined) throw new XmlScanError(`undefined entity &${name};`, offset + amp);
    }
    out += s.slice(from, amp) + rep;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** Attribute positions of the current tag: [nameStart, nameEnd, valueStart, valueEnd, flags] each. */
const A_NS = 0;
const A_NE = 1;
const A_VS = 2;
const A_VE = 3;
const A_FLAGS = 4;
const A_STRIDE = 5;
/** From this many attributes on, duplicates are found through a set. */
const MANY_ATTRS = 16;
const F_AMP = 1;
const F_SPACE = 2;

class AttrView implements XmlAttrs {
  xml = '';
  count = 0;
  readonly pos: number[] = [];

  get(name: string): string | undefined {
    const { pos, xml } = this;
    for (let k = 0, p = 0; k < this.count; k++, p += A_STRIDE) {
      const ns = pos[p + A_NS]!;
      if (pos[p + A_NE]! - ns === name.length && xml.startsWith(name, ns)) {
        return attrValue(xml, pos[p + A_VS]!, pos[p + A_VE]!, pos[p + A_FLAGS]!);
      }
    }
    return undefined;
  }

  names(): string[] {
    const out: string[] = [];
    for (let k = 0, p = 0; k < this.count; k++, p += A_STRIDE)
      out.push(this.xml.slice(this.pos[p + A_NS], this.pos[p + A_NE]));
    return out;
  }
}

/** An attribute value: literal tabs and line ends become spaces (XML attribute normalisation), then entities decoded. */
function attrValue(xml: string, vs: number, ve: number, flags: number): string {
  let v = xml.slice(vs, ve);
  if (flags & F_SPACE) v = v.replace(/\r\n?|[\n\t]/g, ' ');
  if (flags & F_AMP) v = decodeEntities(v, vs);
  return v;
}

/** Whether `xml[from, to)` holds only XML white space. */
function onlySpace(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

/**
 * The attribute view every scan uses, made once: it is valid only during an `open` call
 * anyway. A scan started from inside a handler (none does today) makes its own.
 */
let spareAttrs: AttrView | undefined = new AttrView();

/**
 * Scan a whole XML document (already decoded, byte-order mark removed), calling the
 * handlers in document order.
 *
 * @throws {XmlScanError} when the document is not well-formed or holds a DOCTYPE;
 *   errors thrown by the handlers propagate unchanged.
 */
export function scanXml(xml: string, h: XmlHandlers): void {
  const bad = findInvalidChar(xml);
  if (bad >= 0)
    throw new XmlScanError(`disallowed character U+${xml.charCodeAt(bad).toString(16).padStart(4, '0')}`, bad);

  let i = 0;
  // The XML declaration, only at the very start.
  if (xml.startsWith('<?xml') && (isSpace(xml.charCodeAt(5)) || xml.charCodeAt(5) === QUESTION)) {
    const end = xml.indexOf('?>', 5);
    if (end < 0) throw new XmlScanError('unterminated XML declaration', 0);
    if (!XML_DECL.test(xml.slice(0, end + 2))) {
      throw new XmlScanError('malformed XML declaration', 0);
    }
    i = end + 2;
  }
  const attrs = spareAttrs ?? new AttrView();
  spareAttrs = undefined;
  attrs.xml = xml;
  try {
    scanFrom(xml, xml.length, i, h, h.text, h.close, attrs, attrs.pos, [], [], new Set());
  } finally {
    attrs.xml = '';
    attrs.count = 0;
    // A hostile tag with thousands of attributes must not leave its positions held for
    // every later scan of the worker.
    if (attrs.pos.length > MAX_KEPT_POSITIONS) attrs.pos.length = 0;
    spareAttrs = attrs;
  }
}

/** Attribute positions the shared view keeps between scans (~200 attributes' worth). */
const MAX_KEPT_POSITIONS = 200 * A_STRIDE;

/**
 * The scanner's loop, from offset `i` (after the XML declaration) to the end. Everything it
 * starts from is passed in, so that it begins with the loop itself: V8 optimises it while the
 * first large part is scanned, before any code ahead of the loop has type feedback, and a
 * property read or an allocation up there would throw that optimised code away at the next
 * call (measured: a second optimisation of the whole loop, ~75 ms of compiler time, on every
 * import's first files).
 */
function scanFrom(
  xml: string,
  n: number,
  i: number,
  h: XmlHandlers,
  onText: XmlHandlers['text'],
  onClose: XmlHandlers['close'],
  attrs: AttrView,
  pos: number[],
  qnames: string[],
  locals: string[],
  seen: Set<string>,
): void {
  // No closure captures `xml` or the loop state: they stay in registers, which makes the
  // character loops several times faster.
  let depth = 0;
  let rootSeen = false;

  while (i < n) {
    // Text up to the next markup, found by the engine's own searches rather than a loop over
    // each character: a character loop runs in the interpreter until the code is optimised,
    // which is most of a short batch (shared strings are mostly text).
    let lt = xml.indexOf('<', i);
    if (lt < 0) lt = n;
    let special = false;
    if (lt > i) {
      // The first character needing care at or after i, if it comes before the markup. The
      // search stops at the latest at the markup's own closing ">".
      TEXT_SPECIAL.lastIndex = i;
      special = TEXT_SPECIAL.test(xml) && TEXT_SPECIAL.lastIndex <= lt;
      if (depth === 0) {
        if (!onlySpace(xml, i, lt)) throw new XmlScanError('text outside the root element', i);
      } else if (special || onText) {
        textRun(xml, i, lt, special, onText);
      }
    }
    if (lt >= n) break;
    const c = xml.charCodeAt(lt + 1);

    if (c === SLASH) {
      // End tag.
      const ns = lt + 2;
      let j = ns;
      while (j < n && isNameChar(xml.charCodeAt(j))) j++;
      const ne = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== GT) throw new XmlScanError('unterminated or malformed end tag', lt);
      if (depth === 0) throw new XmlScanError('end tag without a start tag', lt);
      const q = qnames[depth - 1]!;
      if (ne - ns !== q.length || !xml.startsWith(q, ns)) {
        throw new XmlScanError(`end tag </${xml.slice(ns, ne)}> does not match <${q}>`, lt);
      }
      depth--;
      if (onClose) onClose(locals[depth]!);
      i = j + 1;
      continue;
    }

    if (c === BANG) {
      i = markupDeclaration(xml, lt, depth, onText);
      continue;
    }

    if (c === QUESTION) {
      i = processingInstruction(xml, lt);
      continue;
    }

    // Start tag.
    const ns = lt + 1;
    if (!isNameStart(c)) throw new XmlScanError('malformed tag', lt);
    let j = ns + 1;
    let colon = c === COLON ? ns : -1;
    for (; j < n; j++) {
      const d = xml.charCodeAt(j);
      if (!isNameChar(d)) break;
      if (d === COLON && colon < 0) colon = j;
    }
    const ne = j;
    if (depth === 0 && rootSeen) throw new XmlScanError('a second root element', lt);
    const end = readAttributes(xml, n, lt, j, attrs, pos, seen);
    const selfClosing = end < 0;
    j = selfClosing ? -end : end;
    // An element is most often named like its previous sibling (c after c, row after row):
    // its names are then reused rather than sliced again, one allocation less per element.
    let qname = qnames[depth];
    let local: string;
    if (qname !== undefined && ne - ns === qname.length && xml.startsWith(qname, ns)) {
      local = locals[depth]!;
    } else {
      qname = xml.slice(ns, ne);
      local = colon < 0 ? qname : xml.slice(colon + 1, ne);
    }
    if (local === '') throw new XmlScanError('empty local name', lt);
    rootSeen = true;
    h.open(local, attrs, selfClosing);
    qnames[depth] = qname;
    locals[depth] = local;
    if (selfClosing) {
      if (onClose) onClose(local);
    } else {
      depth++;
    }
    i = j;
  }

  if (depth > 0) throw new XmlScanError(`element <${qnames[depth - 1]}> is not closed`, n);
  if (!rootSeen) throw new XmlScanError('no root element', 0);
}

/**
 * The attributes of the start tag at `lt`, from `j` (just after its name) to its end: their
 * positions go to `pos` and their number to `attrs.count`. Returns where the tag ends, negated
 * when it is self-closing. A function of its own, called once per element: V8 optimises it
 * once and quickly, and the scanner's loop stays small enough to optimise while the first
 * large part is being read.
 */
function readAttributes(
  xml: string,
  n: number,
  lt: number,
  j: number,
  attrs: AttrView,
  pos: number[],
  seen: Set<string>,
): number {
  let count = 0;
  let selfClosing = false;
  for (;;) {
    const before = j;
    let d = xml.charCodeAt(j);
    while (isSpace(d)) d = xml.charCodeAt(++j);
    if (d === GT) {
      j++;
      break;
    }
    if (d === SLASH) {
      if (xml.charCodeAt(j + 1) !== GT) throw new XmlScanError('malformed tag', lt);
      selfClosing = true;
      j += 2;
      break;
    }
    if (j >= n) throw new XmlScanError('unterminated tag', lt);
    if (j === before || !isNameStart(d)) throw new XmlScanError('malformed attribute', j);
    // Attribute name.
    const an = j;
    j++;
    while (j < n && isNameChar(xml.charCodeAt(j))) j++;
    const ae = j;
    d = xml.charCodeAt(j);
    while (isSpace(d)) d = xml.charCodeAt(++j);
    if (d !== EQUALS) throw new XmlScanError('attribute without a value', an);
    d = xml.charCodeAt(++j);
    while (isSpace(d)) d = xml.charCodeAt(++j);
    if (d !== DQUOTE && d !== SQUOTE) throw new XmlScanError('unquoted attribute value', j);
    // Attribute value: short, so one pass finds the closing quote and what needs care.
    const vs = j + 1;
    let ve = vs;
    let flags = 0;
    for (; ve < n; ve++) {
      const v = xml.charCodeAt(ve);
      if (v === d) break;
      if (v <= AMP) {
        if (v === AMP) flags |= F_AMP;
        else if (v < 0x20) flags |= F_SPACE;
      } else if (v === LT) throw new XmlScanError('"<" in an attribute value', ve);
    }
    if (ve >= n) throw new XmlScanError('unterminated attribute value', j);
    // Duplicate names (a smuggled second "r" or "t" must not pass): compared in place for
    // the few attributes of a real tag, through a set past that (no quadratic blow-up).
    if (count < MANY_ATTRS) {
      for (let k = 0, p = 0; k < count; k++, p += A_STRIDE) {
        if (sameRange(xml, pos[p + A_NS]!, pos[p + A_NE]!, an, ae)) {
          throw new XmlScanError(`duplicate attribute ${xml.slice(an, ae)}`, an);
        }
      }
    } else {
      if (count === MANY_ATTRS) {
        seen.clear();
        for (let p = 0; p < count * A_STRIDE; p += A_STRIDE) seen.add(xml.slice(pos[p + A_NS], pos[p + A_NE]));
      }
      const name = xml.slice(an, ae);
      if (seen.has(name)) throw new XmlScanError(`duplicate attribute ${name}`, an);
      seen.add(name);
    }
    if (flags & F_AMP) decodeEntities(xml.slice(vs, ve), vs);
    const p = count * A_STRIDE;
    pos[p + A_NS] = an;
    pos[p + A_NE] = ae;
    pos[p + A_VS] = vs;
    pos[p + A_VE] = ve;
    pos[p + A_FLAGS] = flags;
    count++;
    j = ve + 1;
  }
  attrs.count = count;
  return selfClosing ? -j : j;
}

/** Character data `xml[s, e)` inside the root: checked, normalised, decoded, then reported. */
function textRun(xml: string, s: number, e: number, special: boolean, onText: XmlHandlers['text']): void {
  let t = xml.slice(s, e);
  if (special) {
    const cdEnd = t.indexOf(']]>');
    if (cdEnd >= 0) throw new XmlScanError('"]]>" in text', s + cdEnd);
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    // Line ends are normalised first: a character reference to CR must survive.
    if (t.includes('&')) t = decodeEntities(t, s);
  }
  if (onText) onText(t);
}

/** A comment, a CDATA section or a refused DOCTYPE at `lt`; returns where scanning resumes. */
function markupDeclaration(xml: string, lt: number, depth: number, onText: XmlHandlers['text']): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    if (end < 0) throw new XmlScanError('unterminated comment', lt);
    if (xml.indexOf('--', lt + 4) !== end) throw new XmlScanError('"--" inside a comment', lt);
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    if (depth === 0) throw new XmlScanError('CDATA section outside the root element', lt);
    const end = xml.indexOf(']]>', lt + 9);
    if (end < 0) throw new XmlScanError('unterminated CDATA section', lt);
    if (onText) {
      const t = xml.slice(lt + 9, end);
      onText(t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t);
    }
    return end + 3;
  }
  if (xml.startsWith('<!DOCTYPE', lt)) throw new XmlScanError('DOCTYPE declarations are not allowed', lt);
  throw new XmlScanError('malformed markup declaration', lt);
}

/** A processing instruction at `lt`, skipped; returns where scanning resumes. */
function processingInstruction(xml: string, lt: number): number {
  let j = lt + 2;
  if (!isNameStart(xml.charCodeAt(j))) throw new XmlScanError('malformed processing instruction', lt);
  while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
  // "xml" in any case is reserved for the declaration, which only the start may hold.
  if (j - lt - 2 === 3 && xml.slice(lt + 2, j).toLowerCase() === 'xml') {
    throw new XmlScanError('XML declaration not at the start of the document', lt);
  }
  const end = xml.indexOf('?>', j);
  if (end < 0) throw new XmlScanError('unterminated processing instruction', lt);
  if (end > j && !isSpace(xml.charCodeAt(j))) throw new XmlScanError('malformed processing instruction', lt);
  return end + 2;
}

/** Whether `xml[a, ae)` and `xml[b, be)` hold the same characters. */
function sameRange(xml: string, a: number, ae: number, b: number, be: number): boolean {
  if (ae - a !== be - b) return false;
  for (; a < ae; a++, b++) if (xml.charCodeAt(a) !== xml.charCodeAt(b)) return false;
  return true;
}
