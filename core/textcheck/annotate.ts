/**
 * A copy of a Word draft with a comment at each finding, the way a reviewer would leave
 * them: the finding's span is marked with commentRangeStart/commentRangeEnd and a comment
 * reference run, and the comments go to word/comments.xml (created, or appended to when the
 * draft already has comments), with its relationship and content type. The package is read
 * with the same limits as any draft and rewritten with fflate; the XML is edited as a DOM
 * (@xmldom/xmldom). Everything else in the package is copied unchanged.
 */
import {
  DOMParser,
  XMLSerializer,
  type Document as XmlDocument,
  type Element,
  type Node as XmlNode,
} from '@xmldom/xmldom';
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { DEFAULT_XLSX_LIMITS } from '../xlsx/model.js';
import { readZipDirectory } from '../xlsx/zip.js';
import { TextReadError } from './read.js';
import type { TextCheckResult, TextFinding } from './types.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const AUTHOR = 'Tổng hợp CCHC';
const SEVERITY = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' } as const;

export interface AnnotateResult {
  docx: Uint8Array;
  /** Comments placed. */
  placed: number;
  /** Findings that could not be anchored (in footnotes, or text Word holds differently). */
  skipped: number;
}

function parseXml(text: string, part: string): XmlDocument {
  if (/<!DOCTYPE/i.test(text)) throw new TextReadError(`Phần ${part} của tệp .docx có khai báo DOCTYPE: không mở.`);
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as XmlDocument;
}

function elements(parent: XmlNode, localName: string): Element[] {
  const out: Element[] = [];
  const walk = (n: XmlNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) {
        const e = c as Element;
        if (e.namespaceURI === W && e.localName === localName) out.push(e);
        walk(e);
      }
    }
  };
  walk(parent);
  return out;
}

/** One character of a paragraph's visible text and where it comes from. */
interface CharRef {
  /** The w:t holding it (undefined for tabs and breaks). */
  t?: Element;
  offset: number;
  run: Element;
}

/** The paragraph's text as the reader sees it (deleted text and field codes excluded), char by char. */
function paragraphChars(p: Element): { text: string; refs: CharRef[] } {
  let text = '';
  const refs: CharRef[] = [];
  const walk = (n: XmlNode, run?: Element): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (e.namespaceURI !== W) continue;
      const name = e.localName;
      if (name === 'del' || name === 'instrText' || name === 'delText' || name === 'rPr' || name === 'pPr') continue;
      // Text boxes are paragraphs of their own.
      if (name === 'txbxContent' || name === 'p') continue;
      if (name === 'r') walk(e, e);
      else if (name === 't' && run) {
        const s = e.textContent ?? '';
        for (let i = 0; i < s.length; i++) refs.push({ t: e, offset: i, run });
        text += s;
      } else if ((name === 'tab' || name === 'br' || name === 'cr') && run) {
        refs.push({ offset: 0, run });
        text += name === 'tab' ? '\t' : ' ';
      } else walk(e, run);
    }
  };
  walk(p);
  return { text, refs };
}

/** Collapse spaces the way the reader does, keeping for each kept character its raw index. */
function collapsed(raw: string): { text: string; index: number[] } {
  let text = '';
  const index: number[] = [];
  let i = 0;
  while (i < raw.length && /\s/.test(raw[i] as string)) i++;
  let pendingSpace = -1;
  for (; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/\s/.test(c) || c === '\u00a0' || c === '\u202f') {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && text.length > 0) {
      text += ' ';
      index.push(pendingSpace);
    }
    pendingSpace = -1;
    text += c;
    index.push(i);
  }
  return { text: text.normalize('NFC'), index };
}

/**
 * Split the run holding raw character `at` so that the character starts a run of its own;
 * returns that run. A run is split by cloning it and trimming both halves.
 */
function splitBefore(ref: CharRef): Element {
  const run = ref.run;
  if (!ref.t) {
    return run;
  }
  const t = ref.t;
  const children: Element[] = [];
  for (let c = run.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) children.push(c as Element);
  const tIndex = children.indexOf(t);
  const firstContent = children.findIndex((c) => c.localName !== 'rPr');
  if (ref.offset === 0 && tIndex === firstContent) return run;
  const right = run.cloneNode(true) as Element;
  const rightChildren: Element[] = [];
  for (let c = right.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) rightChildren.push(c as Element);
  const text = t.textContent ?? '';
  // Left keeps everything before t, and t's prefix.
  for (let i = tIndex + 1; i < children.length; i++) run.removeChild(children[i] as Element);
  if (ref.offset === 0) run.removeChild(t);
  else setText(t, text.slice(0, ref.offset));
  // Right keeps t's suffix and everything after, with the run properties.
  for (let i = 0; i < tIndex; i++)
    if ((rightChildren[i] as Element).localName !== 'rPr') right.removeChild(rightChildren[i] as Element);
  setText(rightChildren[tIndex] as Element, text.slice(ref.offset));
  run.parentNode!.insertBefore(right, run.nextSibling);
  return right;
}

function setText(t: Element, s: string): void {
  while (t.firstChild) t.removeChild(t.firstChild);
  t.appendChild(t.ownerDocument!.createTextNode(s));
  t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
}

function el(doc: XmlDocument, name: string, attrs: Record<string, string> = {}): Element {
  const e = doc.createElementNS(W, `w:${name}`);
  for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(W, `w:${k}`, v);
  return e;
}

/** Anchor one finding in paragraph `p`; false when its span cannot be found there. */
function anchor(doc: XmlDocument, p: Element, f: Pick<TextFinding, 'start' | 'end' | 'text'>, id: number): boolean {
  const locate = (): { refs: CharRef[]; start: number; end: number } | undefined => {
    const { text, refs } = paragraphChars(p);
    const c = collapsed(text);
    const start = c.text.slice(f.start, f.end) === f.text ? f.start : c.text.indexOf(f.text);
    if (start < 0) return undefined;
    const end = start + f.text.length;
    return { refs, start: c.index[start] as number, end: (c.index[end - 1] as number) + 1 };
  };
  let loc = locate();
  if (!loc) return false;
  // Isolate the end first (the start's offsets stay valid), then the start.
  const endRef = loc.refs[loc.end];
  if (endRef) splitBefore(endRef);
  loc = locate();
  if (!loc) return false;
  const firstRun = splitBefore(loc.refs[loc.start] as CharRef);
  loc = locate();
  if (!loc) return false;
  const lastRun = (loc.refs[loc.end - 1] as CharRef).run;
  firstRun.parentNode!.insertBefore(el(doc, 'commentRangeStart', { id: String(id) }), firstRun);
  const rangeEnd = el(doc, 'commentRangeEnd', { id: String(id) });
  lastRun.parentNode!.insertBefore(rangeEnd, lastRun.nextSibling);
  const refRun = el(doc, 'r');
  const rPr = el(doc, 'rPr');
  rPr.appendChild(el(doc, 'rStyle', { val: 'CommentReference' }));
  refRun.appendChild(rPr);
  refRun.appendChild(el(doc, 'commentReference', { id: String(id) }));
  rangeEnd.parentNode!.insertBefore(refRun, rangeEnd.nextSibling);
  return true;
}

/**
 * Where a finding's comment goes: the finding itself, or for one in a footnote the words its mark
 * follows in the body (up to three, within their clause); a footnote without a mark stays where it is.
 */
function atMark(result: TextCheckResult, f: TextFinding): Pick<TextFinding, 'paragraph' | 'start' | 'end' | 'text'> {
  const p = result.paragraphs[f.paragraph - 1];
  const mark = p?.where === 'footnote' ? p.mark : undefined;
  const body = mark && result.paragraphs[mark.paragraph - 1];
  if (!mark || !body) return f;
  const before = body.text.slice(0, mark.at);
  const words = /(?:[^\s,;:()]+\s+){0,2}[^\s,;:()]+\)?\s*$/u.exec(before);
  if (!words) return f;
  const text = words[0].trimEnd();
  return { paragraph: mark.paragraph, start: words.index, end: words.index + text.length, text };
}

/** A note's first words, for a comment to name it by. */
function excerpt(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77).replace(/\s+\S*$/u, '')}…`;
}

function commentParagraph(doc: XmlDocument, text: string, bold = false): Element {
  const p = el(doc, 'p');
  const r = el(doc, 'r');
  if (bold) {
    const rPr = el(doc, 'rPr');
    rPr.appendChild(el(doc, 'b'));
    r.appendChild(rPr);
  }
  const t = el(doc, 't');
  t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  p.appendChild(r);
  return p;
}

/**
 * Add a comment at each error and warning of `result` to a copy of the .docx `bytes` — and at
 * each `info` ("khớp số liệu tổng hợp …") too with `withInfo`: a table compared with the data
 * gives one per row, which would bury the comments that ask for a correction.
 */
export async function annotateDocx(
  bytes: Uint8Array,
  result: TextCheckResult,
  opts: { date?: Date; withInfo?: boolean } = {},
): Promise<AnnotateResult> {
  readZipDirectory(bytes, {
    ...DEFAULT_XLSX_LIMITS,
    maxFileBytes: 100 * 1024 * 1024,
    maxUncompressedBytes: 400 * 1024 * 1024,
  });
  const files = unzipSync(bytes);
  const docXml = files['word/document.xml'];
  if (!docXml) throw new TextReadError('Tệp không phải văn bản Word (.docx).');
  const doc = parseXml(strFromU8(docXml), 'word/document.xml');
  const body = elements(doc, 'body')[0];
  if (!body) throw new TextReadError('Văn bản Word không có phần thân (w:body).');

  // The reader's body and table paragraphs, matched in order to the XML's non-empty paragraphs.
  const xmlParas = elements(body, 'p')
    .map((p) => ({ p, text: collapsed(paragraphChars(p).text).text }))
    .filter((x) => x.text.length > 0);
  const byModel = new Map<number, Element>();
  let cursor = 0;
  result.paragraphs.forEach((mp, i) => {
    if (mp.where === 'footnote') return;
    for (let k = cursor; k < xmlParas.length; k++) {
      if (xmlParas[k]!.text === mp.text) {
        byModel.set(i + 1, xmlParas[k]!.p);
        cursor = k + 1;
        return;
      }
    }
  });

  // Comments part: the existing one, or a new one.
  let commentsDoc: XmlDocument;
  const existing = files['word/comments.xml'];
  if (existing) commentsDoc = parseXml(strFromU8(existing), 'word/comments.xml');
  else
    commentsDoc = parseXml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}"/>`,
      'word/comments.xml',
    );
  const root = commentsDoc.documentElement!;
  const firstId =
    Math.max(
      -1,
      ...elements(commentsDoc, 'comment').map((c) => Number(c.getAttributeNS(W, 'id') ?? c.getAttribute('w:id') ?? -1)),
    ) + 1;
  const date = (opts.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  let placed = 0;
  let skipped = 0;
  // Right to left within a paragraph, so that splitting runs never moves a later anchor.
  // Comment ids follow the document order of the findings.
  // A finding in a footnote (Word keeps no comment there) is anchored where its mark is, on the
  // words the mark follows, and says which note it is about.
  const ordered = result.findings
    .filter((f) => opts.withInfo || f.severity !== 'info')
    .map((f, i) => ({ f, id: firstId + i, at: atMark(result, f) }))
    .sort((a, b) => a.at.paragraph - b.at.paragraph || b.at.start - a.at.start);
  const made: Element[] = [];
  for (const { f, id, at } of ordered) {
    const p = byModel.get(at.paragraph);
    if (!p || !anchor(doc, p, at, id)) {
      skipped++;
      continue;
    }
    placed++;
    const c = el(commentsDoc, 'comment', { id: String(id), author: AUTHOR, date, initials: 'TH' });
    const note = at === f ? '' : ` (ở chú thích “${excerpt(result.paragraphs[f.paragraph - 1]!.text)}”)`;
    c.appendChild(commentParagraph(commentsDoc, `${SEVERITY[f.severity]}${note}: ${f.message}`, true));
    const facts = [
      f.stated !== null ? `Ghi: ${f.stated}` : '',
      f.computed !== null ? `Tính lại: ${f.computed}` : '',
      f.suggestion !== null ? `Đề nghị sửa: ${f.suggestion}` : '',
    ].filter(Boolean);
    if (facts.length) c.appendChild(commentParagraph(commentsDoc, facts.join(' · ')));
    made.push(c);
  }
  for (const c of made.reverse()) root.appendChild(c);

  const serialize = (d: XmlDocument): Uint8Array => {
    let s = new XMLSerializer().serializeToString(d as unknown as Parameters<XMLSerializer['serializeToString']>[0]);
    if (!s.startsWith('<?xml')) s = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`;
    return strToU8(s);
  };
  const out: Zippable = {};
  // [Content_Types].xml first, as Word writes it.
  const order = ['[Content_Types].xml', ...Object.keys(files).filter((n) => n !== '[Content_Types].xml')];
  for (const name of order) if (files[name]) out[name] = files[name] as Uint8Array;
  if (placed > 0) {
    out['word/document.xml'] = serialize(doc);
    out['word/comments.xml'] = serialize(commentsDoc);
    if (!existing) {
      const ct = parseXml(strFromU8(files['[Content_Types].xml'] as Uint8Array), '[Content_Types].xml');
      const o = ct.createElementNS('http://schemas.openxmlformats.org/package/2006/content-types', 'Override');
      o.setAttribute('PartName', '/word/comments.xml');
      o.setAttribute('ContentType', CT_COMMENTS);
      ct.documentElement!.appendChild(o);
      out['[Content_Types].xml'] = serialize(ct);
      const relsName = 'word/_rels/document.xml.rels';
      const relsBytes = files[relsName];
      if (!relsBytes) throw new TextReadError('Văn bản Word thiếu phần word/_rels/document.xml.rels.');
      const rels = parseXml(strFromU8(relsBytes), relsName);
      const ids = new Set(
        Array.from({ length: rels.documentElement!.childNodes.length }, (_, i) => rels.documentElement!.childNodes[i])
          .filter((n): n is Element => !!n && n.nodeType === 1)
          .map((e) => e.getAttribute('Id')),
      );
      let n = ids.size + 1;
      while (ids.has(`rId${n}`)) n++;
      const r = rels.createElementNS('http://schemas.openxmlformats.org/package/2006/relationships', 'Relationship');
      r.setAttribute('Id', `rId${n}`);
      r.setAttribute('Type', REL_COMMENTS);
      r.setAttribute('Target', 'comments.xml');
      rels.documentElement!.appendChild(r);
      out[relsName] = serialize(rels);
    }
  }
  return { docx: zipSync(out, { level: 6 }), placed, skipped };
}
