/**
 * Seeded mutations of a return workbook, at four levels: raw bytes, zip structure, XML parts,
 * and the number and text cells of the data sheet. Each takes the workbook's bytes and a
 * random source and gives new bytes; the same seed always gives the same file.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { Rng } from '../../core/sample/random.js';

export interface Mutation {
  kind: string;
  bytes: Uint8Array;
}

type Mutator = (bytes: Uint8Array, rng: Rng) => Uint8Array;

const randomBytes = (rng: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(0, 255));

// --- Raw bytes ----------------------------------------------------------------------------

const RAW: Record<string, Mutator> = {
  'raw-bit-flips': (b, rng) => {
    const out = b.slice();
    for (let i = rng.int(1, 16); i > 0; i--) {
      const at = rng.int(0, out.length - 1);
      out[at] = (out[at] as number) ^ (1 << rng.int(0, 7));
    }
    return out;
  },
  'raw-overwrite': (b, rng) => {
    const out = b.slice();
    const at = rng.int(0, out.length - 1);
    out.set(randomBytes(rng, Math.min(rng.int(1, 64), out.length - at)), at);
    return out;
  },
  'raw-truncate': (b, rng) => b.slice(0, rng.int(0, b.length - 1)),
  'raw-insert': (b, rng) => {
    const at = rng.int(0, b.length);
    const out = new Uint8Array(b.length + rng.int(1, 200));
    out.set(b.subarray(0, at));
    out.set(randomBytes(rng, out.length - b.length), at);
    out.set(b.subarray(at), at + out.length - b.length);
    return out;
  },
  'raw-zero-range': (b, rng) => {
    const out = b.slice();
    const at = rng.int(0, out.length - 1);
    out.fill(0, at, at + rng.int(1, 4096));
    return out;
  },
  'raw-append': (b, rng) => {
    const out = new Uint8Array(b.length + rng.int(1, 5000));
    out.set(b);
    out.set(randomBytes(rng, out.length - b.length), b.length);
    return out;
  },
};

// --- Zip structure ------------------------------------------------------------------------

interface ZipRecords {
  eocd: number;
  central: number[];
  local: number[];
}

function records(b: Uint8Array): ZipRecords {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const central: number[] = [];
  const local: number[] = [];
  let eocd = -1;
  for (let p = 0; p + 4 <= b.length; p++) {
    if (b[p] !== 0x50 || b[p + 1] !== 0x4b) continue;
    const sig = v.getUint32(p, true);
    if (sig === 0x02014b50) central.push(p);
    else if (sig === 0x04034b50) local.push(p);
    else if (sig === 0x06054b50) eocd = p;
  }
  return { eocd, central, local };
}

const EXTREMES16 = [0, 1, 0x7fff, 0xffff];
const EXTREMES32 = [0, 1, 0x7fffffff, 0xffffffff, 100 * 1024 * 1024];

function setField(b: Uint8Array, at: number, size: 2 | 4, rng: Rng): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (at + size > b.length) return;
  if (size === 2) {
    const old = v.getUint16(at, true);
    v.setUint16(at, rng.next() < 0.5 ? rng.pick(EXTREMES16) : (old + rng.int(-3, 3)) & 0xffff, true);
  } else {
    const old = v.getUint32(at, true);
    v.setUint32(at, rng.next() < 0.5 ? rng.pick(EXTREMES32) : (old + rng.int(-300, 300)) >>> 0, true);
  }
}

/** Offsets (and sizes) of the fields of a central-directory record, a local header, the end record. */
const CENTRAL_FIELDS: [number, 2 | 4][] = [
  [8, 2],
  [10, 2],
  [16, 4],
  [20, 4],
  [24, 4],
  [28, 2],
  [30, 2],
  [32, 2],
  [42, 4],
];
const LOCAL_FIELDS: [number, 2 | 4][] = [
  [6, 2],
  [8, 2],
  [14, 4],
  [18, 4],
  [22, 4],
  [26, 2],
  [28, 2],
];
const EOCD_FIELDS: [number, 2 | 4][] = [
  [8, 2],
  [10, 2],
  [12, 4],
  [16, 4],
  [20, 2],
];

function parts(b: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(b);
}

function rezip(files: Record<string, Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [v, { level }];
  return zipSync(z);
}

const ZIP: Record<string, Mutator> = {
  'zip-central-field': (b, rng) => {
    const out = b.slice();
    const r = records(out);
    if (r.central.length === 0) return out;
    const [off, size] = rng.pick(CENTRAL_FIELDS);
    setField(out, rng.pick(r.central) + off, size, rng);
    return out;
  },
  'zip-local-field': (b, rng) => {
    const out = b.slice();
    const r = records(out);
    if (r.local.length === 0) return out;
    const [off, size] = rng.pick(LOCAL_FIELDS);
    setField(out, rng.pick(r.local) + off, size, rng);
    return out;
  },
  'zip-end-field': (b, rng) => {
    const out = b.slice();
    const r = records(out);
    if (r.eocd < 0) return out;
    const [off, size] = rng.pick(EOCD_FIELDS);
    setField(out, r.eocd + off, size, rng);
    return out;
  },
  'zip-changed-stored-data': (b, rng) => {
    // Stored parts, then one digit of the data changed in place: only the CRC-32 can tell.
    const out = rezip(parts(b), 0);
    const digits: number[] = [];
    for (let i = 0; i < out.length; i++) if (out[i]! >= 0x30 && out[i]! <= 0x39) digits.push(i);
    const at = rng.pick(digits);
    out[at] = 0x30 + ((out[at]! - 0x30 + rng.int(1, 9)) % 10);
    return out;
  },
  'zip-duplicate-name': (b, rng) => {
    const files = parts(b);
    const names = Object.keys(files).filter((n) => /sheet\d\.xml$/.test(n));
    if (names.length < 2) return b;
    const [a, c] = [rng.pick(names), rng.pick(names)];
    if (a === c) return b;
    // Same length names: rename `c` to `a` in the headers, so that two entries share a name.
    const out = rezip(files);
    const from = strToU8(c);
    const to = strToU8(a);
    for (let p = 0; p + from.length <= out.length; p++) {
      if (from.every((x, i) => out[p + i] === x)) out.set(to, p);
    }
    return out;
  },
  'zip-drop-part': (b, rng) => {
    const files = parts(b);
    delete files[rng.pick(Object.keys(files))];
    return rezip(files);
  },
  'zip-bomb-part': (b, rng) => {
    const files = parts(b);
    files[rng.pick(['xl/media/image1.bin', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml'])] = new Uint8Array(
      rng.int(1, 8) * 1024 * 1024,
    );
    return rezip(files);
  },
  'zip-hostile-name': (b, rng) => {
    const files = parts(b);
    files[rng.pick(['../evil.xml', '/abs.xml', 'C:/x.xml', 'xl/../../up.xml', 'a\\..\\b.xml'])] = strToU8('<x/>');
    return rezip(files);
  },
};

// --- XML parts ----------------------------------------------------------------------------

const WEIRD_TEXT = [
  '\u200b',
  '\u202e',
  '\ufeff',
  '\uffff',
  '&#0;',
  '&#xD800;',
  '&amp;amp;',
  '&lt;',
  ']]>',
  '<![CDATA[x]]>',
  '&undefined;',
  'x'.repeat(70_000),
  '\u0007',
  'Ⅻ',
  '１２３',
];
const WEIRD_REFS = ['A0', 'XFD1048577', 'E-1', '', 'ZZZZ9', 'E1e9', 'e61', ' E61', 'A1:B2', '$E$61', 'E0061'];

function mutateXml(xml: string, rng: Rng): string {
  switch (rng.int(0, 9)) {
    case 0: {
      // Delete one tag.
      const at = xml.indexOf('<', rng.int(0, xml.length - 1));
      const end = xml.indexOf('>', at);
      return at < 0 || end < 0 ? xml : xml.slice(0, at) + xml.slice(end + 1);
    }
    case 1: {
      // Duplicate one element (a row, a cell, a shared string).
      const m = [...xml.matchAll(/<(row|c|si|sheet|Relationship)\b[^>]*(?:\/>|>[\s\S]*?<\/\1>)/g)];
      if (m.length === 0) return xml;
      const pick = rng.pick(m);
      return xml.slice(0, pick.index! + pick[0].length) + pick[0] + xml.slice(pick.index! + pick[0].length);
    }
    case 2:
      return xml.replace(/^(<\?xml[^>]*\?>)?/, (d) => `${d}<!DOCTYPE x [<!ENTITY a "${'a'.repeat(100)}">]>`);
    case 3: {
      const refs = [...xml.matchAll(/ r="[^"]*"/g)];
      if (refs.length === 0) return xml;
      const pick = rng.pick(refs);
      return xml.slice(0, pick.index!) + ` r="${rng.pick(WEIRD_REFS)}"` + xml.slice(pick.index! + pick[0].length);
    }
    case 4: {
      // A shared-string index out of range, or not a number.
      const ss = [...xml.matchAll(/t="s"[^>]*><v>\d+<\/v>/g)];
      if (ss.length === 0) return xml;
      const pick = rng.pick(ss);
      const v = rng.pick(['99999999', '-1', '1.5', 'x', '', '4294967296']);
      return (
        xml.slice(0, pick.index!) +
        pick[0].replace(/<v>\d+<\/v>/, `<v>${v}</v>`) +
        xml.slice(pick.index! + pick[0].length)
      );
    }
    case 5: {
      // Weird text inside a text node.
      const texts = [...xml.matchAll(/>([^<]+)</g)];
      if (texts.length === 0) return xml;
      const pick = rng.pick(texts);
      const at = pick.index! + 1 + rng.int(0, pick[1]!.length);
      return xml.slice(0, at) + rng.pick(WEIRD_TEXT) + xml.slice(at);
    }
    case 6: {
      // Remove one closing tag.
      const closes = [...xml.matchAll(/<\/[^>]+>/g)];
      if (closes.length === 0) return xml;
      const pick = rng.pick(closes);
      return xml.slice(0, pick.index!) + xml.slice(pick.index! + pick[0].length);
    }
    case 7: {
      // An attribute made huge or odd.
      const attrs = [...xml.matchAll(/ ([a-zA-Z:]+)="([^"]*)"/g)];
      if (attrs.length === 0) return xml;
      const pick = rng.pick(attrs);
      const value = rng.pick(['x'.repeat(50_000), '&quot;', '"', '<', '-1', '1e309', 'NaN']);
      return xml.slice(0, pick.index!) + ` ${pick[1]}="${value}"` + xml.slice(pick.index! + pick[0].length);
    }
    case 8: {
      // Truncate the part.
      return xml.slice(0, rng.int(0, xml.length));
    }
    default: {
      // Random characters anywhere.
      const at = rng.int(0, xml.length);
      return (
        xml.slice(0, at) +
        String.fromCharCode(...Array.from({ length: rng.int(1, 8) }, () => rng.int(0, 0xffff))) +
        xml.slice(at)
      );
    }
  }
}

const XML: Record<string, Mutator> = {
  'xml-part': (b, rng) => {
    const files = parts(b);
    const names = Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    const name = rng.pick(names);
    files[name] = strToU8(mutateXml(strFromU8(files[name]!), rng));
    return rezip(files);
  },
  'xml-rels-target': (b, rng) => {
    const files = parts(b);
    const name = rng.pick(['xl/_rels/workbook.xml.rels', '_rels/.rels']);
    const xml = files[name] ? strFromU8(files[name]) : '';
    const target = rng.pick([
      '../../../../etc/passwd',
      '/xl/worksheets/sheet2.xml',
      'missing.xml',
      '',
      'xl/../xl/workbook.xml',
    ]);
    files[name] = strToU8(xml.replace(/Target="[^"]*"/, `Target="${target}"`));
    return rezip(files);
  },
  'xml-sheet-names': (b, rng) => {
    const files = parts(b);
    const wb = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array());
    const name = rng.pick(['', 'Số liệu', 'Thông tin', 'x'.repeat(300), 'A&amp;B', '\u0000']);
    files['xl/workbook.xml'] = strToU8(wb.replace(/name="[^"]*"/, `name="${name}"`));
    return rezip(files);
  },
};

// --- Number and text cells ----------------------------------------------------------------

const NUMBERS = [
  '5e-324',
  '-5e-324',
  '1e308',
  '1.7976931348623157e308',
  '1e400',
  '-0',
  '0.1',
  '-5',
  '9007199254740993',
  '123456789012345678',
  '999999999999999',
  '1e15',
  '0.30000000000000004',
  '33.333333333333336',
  'NaN',
  'Infinity',
  '0x1A',
  '1e-20',
  '',
  ' 12 ',
];
const TEXTS = [
  '1.668',
  '1,668',
  `0,${'0'.repeat(150)}1`,
  '１２３',
  '12\t345',
  '1 234 567',
  '37,36%',
  '٣٤',
  '1e5',
  '--5',
  '5-',
  '9'.repeat(400),
  '\u200b12',
  '\u202e21',
  '-',
  '%',
  '1.234.567,891234567890123',
  '33,333333333333333',
  '0,00',
  'mười hai',
  '=1+1',
];

function mutateCells(xml: string, rng: Rng): string {
  const cells = [...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].filter((m) =>
    /^E\d+$/.test(m[1]!),
  );
  if (cells.length === 0) return xml;
  let out = xml;
  for (let n = rng.int(1, 5); n > 0; n--) {
    const pick = rng.pick(cells);
    const ref = pick[1]!;
    const style = (pick[2] ?? '').replace(/ t="[^"]*"/, '');
    let cell: string;
    switch (rng.int(0, 4)) {
      case 0:
        cell = `<c r="${ref}"${style}><v>${rng.pick(NUMBERS)}</v></c>`;
        break;
      case 1:
      case 2:
        cell = `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${rng.pick(TEXTS)}</t></is></c>`;
        break;
      case 3:
        cell = rng.pick([
          `<c r="${ref}"${style}><f>1/0</f></c>`,
          `<c r="${ref}"${style} t="e"><f>1/0</f><v>#DIV/0!</v></c>`,
          `<c r="${ref}"${style} t="b"><v>1</v></c>`,
          `<c r="${ref}"${style} t="str"><f>A1</f><v>${rng.pick(TEXTS)}</v></c>`,
          `<c r="${ref}"${style} t="d"><v>2023-06-30T00:00:00</v></c>`,
        ]);
        break;
      default:
        cell = `<c r="${ref}"${style} t="n"><v>${rng.pick(NUMBERS)}</v></c>`;
    }
    out = out.replace(pick[0], cell);
  }
  return out;
}

const CELLS: Record<string, Mutator> = {
  'cells-data': (b, rng) => {
    const files = parts(b);
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const name of sheets) files[name] = strToU8(mutateCells(strFromU8(files[name]!), rng));
    return rezip(files);
  },
  'cells-shared-strings': (b, rng) => {
    // The identity and the codes live in shared strings: give some of them odd text.
    const files = parts(b);
    const ss = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    let n = 0;
    files['xl/sharedStrings.xml'] = strToU8(
      ss.replace(/<t([^>]*)>([^<]*)<\/t>/g, (m, attrs: string) =>
        rng.next() < 0.08 && n++ < 6 ? `<t${attrs}>${rng.pick([...TEXTS, ...WEIRD_TEXT.slice(0, 11)])}</t>` : m,
      ),
    );
    return rezip(files);
  },
  'cells-flood': (b, rng) => {
    // A few thousand extra rows of codes and values below the table.
    const files = parts(b);
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    const name = rng.pick(sheets);
    const rows: string[] = [];
    const code = rng.pick(['TT01', 'KL01', 'ZZ99', '']);
    for (let r = 2000; r < 2000 + rng.int(100, 5000); r++) {
      rows.push(
        `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>${code || `Z${r}`}</t></is></c><c r="E${r}"><v>${r % 7}</v></c></row>`,
      );
    }
    files[name] = strToU8(strFromU8(files[name]!).replace('</sheetData>', `${rows.join('')}</sheetData>`));
    return rezip(files);
  },
};

const FAMILIES = [RAW, ZIP, XML, CELLS];

/**
 * One mutated return: a family (raw bytes, zip, XML, cells) and a mutation of it chosen by
 * `rng`; sometimes two mutations in a row.
 */
export function mutate(base: Uint8Array, rng: Rng): Mutation {
  let bytes = base;
  const kinds: string[] = [];
  for (let i = rng.next() < 0.15 ? 2 : 1; i > 0; i--) {
    const family = rng.pick(FAMILIES);
    const kind = rng.pick(Object.keys(family));
    try {
      bytes = family[kind]!(bytes, rng);
    } catch {
      // A structural mutation of an already broken file (it no longer unzips): keep the bytes.
    }
    kinds.push(kind);
  }
  return { kind: kinds.join('+'), bytes };
}
