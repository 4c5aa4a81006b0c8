/**
 * The report as a pdfmake document in the layout of Nghị định 30/2020 (Phụ lục I):
 * header block, title, body with footnote marks, "Nơi nhận" and signature block.
 * Pure: builds data, draws nothing.
 */
import type { Content, ContentText, TableCell } from '../pdf/index.js';
import { mm, NO_LINES, textWidth } from '../pdf/index.js';
import { formatNumber } from '../numbers/index.js';
import { formatPlaceDate, type ReportSettings } from './settings.js';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
/** NĐ 30/2020: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGIN = { left: mm(30), top: mm(20), right: mm(15), bottom: mm(20) } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Landscape content width (annex tables). */
export const LANDSCAPE_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;

const HEADER_LEFT = 190;
const HEADER_RIGHT = CONTENT_WIDTH - HEADER_LEFT;
/** Width of the "Nơi nhận" column; the signature column takes the rest. */
export const RECIPIENTS_WIDTH = Math.round(CONTENT_WIDTH * 0.45);
export const SIGNATURE_WIDTH = CONTENT_WIDTH - RECIPIENTS_WIDTH;
/** Height of the space left for the signature (and the visible stamp). */
export const SIGNATURE_SPACE = 84;
export const SIGNER_NAME_ID = 'sig-name';

/** A run of resolved body text. */
export type Inline = { text: string; gap?: boolean; bold?: boolean } | { fn: number };

/** A footnote: its number and resolved text. */
export interface Footnote {
  n: number;
  inlines: { text: string; gap?: boolean }[];
}

/** A resolved block of the body. */
export type BodyBlock =
  { type: 'heading'; level: 1 | 2 | 3; inlines: Inline[] } | { type: 'paragraph'; italics: boolean; inlines: Inline[] };

/** Optional visible signature stamp drawn in the signature space. */
export interface StampInput {
  signerName: string;
  /** The certificate's subject, as shown to readers. */
  subject: string;
  /** ISO 8601 with the Vietnam offset ("2023-09-05T10:15:00+07:00"). */
  signingTime: string;
  /** The signer's handwritten signature (PNG with transparency). */
  signatureImage?: Uint8Array;
  /** The issuing body's seal (PNG with transparency). */
  sealImage?: Uint8Array;
}

export const FOOTNOTE_SIZE = 11;
const GAP_COLOR = '#b00000';
const STAMP_COLOR = '#1a3a8f';

/** pdfmake inline for one run; footnote marks are superscript links to the footnote. */
export function inlineContent(i: Inline, tag?: string): ContentText {
  const extra = tag ? ({ layoutTag: tag } as object) : {};
  if ('fn' in i)
    return { text: formatNumber(i.fn, { decimals: 0 }), sup: true, linkToDestination: `fn-${i.fn}`, ...extra };
  return {
    text: i.text,
    ...(i.bold ? { bold: true } : {}),
    ...(i.gap ? { italics: true, color: GAP_COLOR } : {}),
    ...extra,
  };
}

/** The footnote as printed at the page bottom (or measured, with `tag` on every inline). */
export function footnoteContent(fn: Footnote, tag?: string, withId = true): Content {
  const mark = inlineContent({ fn: fn.n }, tag);
  return {
    text: [
      { ...mark, linkToDestination: undefined },
      inlineContent({ text: ' ' }, tag),
      ...fn.inlines.map((i) => inlineContent(i, tag)),
    ],
    fontSize: FOOTNOTE_SIZE,
    alignment: 'justify',
    lineHeight: 1,
    margin: [0, 0, 0, 2],
    ...(withId ? { id: `fn-${fn.n}` } : {}),
  };
}

function rule(columnWidth: number, length: number, marginTop = 2): Content {
  const x = (columnWidth - length) / 2;
  return {
    canvas: [{ type: 'line', x1: x, y1: 0, x2: x + length, y2: 0, lineWidth: 0.6 }],
    margin: [0, marginTop, 0, 0],
  };
}

/** The two-column header: issuer and number at the left, national title (or Party) and date at the right. */
export function headerBlock(s: ReportSettings): Content {
  const date: Content = { text: formatPlaceDate(s.place, s.date), italics: true, fontSize: 14, alignment: 'center' };
  const number = s.number.startsWith('/') ? `${'\u00a0'.repeat(10)}${s.number}` : s.number;
  const issuerWidth = Math.min(HEADER_LEFT, textWidth(s.issuingBody, 13, 'bold'));
  let left: Content[];
  let right: Content[];
  let numberLine: Content;
  if (s.kind === 'state') {
    left = [
      ...(s.governingBody ? [{ text: s.governingBody.toUpperCase(), fontSize: 13, alignment: 'center' as const }] : []),
      { text: s.issuingBody.toUpperCase(), fontSize: 13, bold: true, alignment: 'center' },
      rule(HEADER_LEFT, Math.max(36, issuerWidth * 0.4)),
    ];
    const national = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    const nationalSize = textWidth(national, 13, 'bold') <= HEADER_RIGHT - 4 ? 13 : 12;
    right = [
      { text: national, fontSize: nationalSize, bold: true, alignment: 'center' },
      { text: motto, fontSize: 14, bold: true, alignment: 'center' },
      rule(HEADER_RIGHT, textWidth(motto, 14, 'bold')),
    ];
    numberLine = { text: `Số: ${number}`, fontSize: 13, alignment: 'center' };
  } else {
    const party = 'ĐẢNG CỘNG SẢN VIỆT NAM';
    left = [
      ...(s.governingBody ? [{ text: s.governingBody.toUpperCase(), fontSize: 14, alignment: 'center' as const }] : []),
      { text: s.issuingBody.toUpperCase(), fontSize: 14, bold: true, alignment: 'center' },
      { text: '*', fontSize: 14, alignment: 'center' },
    ];
    right = [
      { text: party, fontSize: 15, bold: true, alignment: 'center' },
      rule(HEADER_RIGHT, textWidth(party, 15, 'bold')),
    ];
    numberLine = { text: `Số ${number}`, fontSize: 14, alignment: 'center' };
  }
  const body: TableCell[][] = [
    [{ stack: left }, { stack: right }],
    [
      { ...(numberLine as object), margin: [0, 6, 0, 0] } as TableCell,
      { ...(date as object), margin: [0, 6, 0, 0] } as TableCell,
    ],
  ];
  return { table: { widths: [HEADER_LEFT, HEADER_RIGHT], body }, layout: NO_LINES };
}

/** "BÁO CÁO" and the summary line with its short rule (dashes in Party documents). */
export function titleBlock(s: ReportSettings): Content[] {
  const summaryWidth = Math.min(CONTENT_WIDTH, textWidth(s.summary, 14, 'bold'));
  return [
    { text: s.title.toUpperCase(), fontSize: 14, bold: true, alignment: 'center', margin: [0, 20, 0, 0] },
    { text: s.summary, fontSize: 14, bold: true, alignment: 'center', margin: [mm(10), 0, mm(10), 0] },
    s.kind === 'party'
      ? { text: '-----', fontSize: 14, alignment: 'center', margin: [0, 0, 0, 10] }
      : {
          ...(rule(CONTENT_WIDTH, Math.min(summaryWidth, CONTENT_WIDTH - mm(20)) * 0.35) as object),
          margin: [0, 5, 0, 14],
        },
  ] as Content[];
}

/** The style name of the body's blocks (paragraphs, headings, closing): what keeps a heading company. */
export const BODY_STYLE = 'report-body';

/** The layout tags of body lines: headings and paragraphs (see `LaidOutLine.tags`). */
export const HEADING_TAG = 'heading';
export const PARAGRAPH_TAG = 'paragraph';

/**
 * Body blocks: justified 14 pt with a 1.27 cm first-line indent and 6 pt after. Headings
 * carry a `headlineLevel` (the document keeps them with the next block) and every line a
 * layout tag saying whether it is a heading or text.
 */
export function bodyContent(blocks: BodyBlock[]): Content[] {
  return blocks.map((b): Content => {
    const text = b.inlines.map((i) => inlineContent(i, b.type === 'heading' ? HEADING_TAG : PARAGRAPH_TAG));
    if (b.type === 'heading') {
      return {
        text,
        bold: true,
        italics: b.level === 3,
        fontSize: 14,
        alignment: 'justify',
        leadingIndent: mm(12.7),
        lineHeight: 1.1,
        margin: [0, b.level === 1 ? 6 : 0, 0, 6],
        headlineLevel: b.level,
        style: BODY_STYLE,
      } as Content;
    }
    return {
      text,
      italics: b.italics,
      fontSize: 14,
      alignment: 'justify',
      leadingIndent: mm(12.7),
      lineHeight: 1.1,
      margin: [0, 0, 0, 6],
      style: BODY_STYLE,
    };
  });
}

/** Size of a PNG scaled to fit a box, from its IHDR chunk. */
function fitted(png: Uint8Array, maxW: number, maxH: number): { w: number; h: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const w = png.byteLength >= 24 ? view.getUint32(16) : maxW;
  const h = png.byteLength >= 24 ? view.getUint32(20) : maxH;
  const k = Math.min(maxW / (w || 1), maxH / (h || 1));
  return { w: w * k, h: h * k };
}

function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** The visible stamp inside the signature space: images when given, else a framed text stamp. */
function stampContent(stamp: StampInput): Content {
  const lines: Content = {
    stack: [
      { text: `Ký số bởi: ${stamp.signerName}`, bold: true },
      { text: stamp.subject },
      { text: `Thời gian ký: ${stamp.signingTime}` },
    ],
    fontSize: 8,
    color: STAMP_COLOR,
    alignment: 'center',
    lineHeight: 1,
  };
  if (!stamp.signatureImage && !stamp.sealImage) {
    return {
      table: { widths: [SIGNATURE_WIDTH - 40], body: [[{ ...(lines as object), margin: [4, 4, 4, 4] } as TableCell]] },
      layout: {
        hLineWidth: () => 0.8,
        vLineWidth: () => 0.8,
        hLineColor: () => STAMP_COLOR,
        vLineColor: () => STAMP_COLOR,
      },
      margin: [20, 12, 20, 0],
    };
  }
  const sigH = 50;
  const sig = stamp.signatureImage ? fitted(stamp.signatureImage, 120, sigH) : { w: 0, h: 0 };
  const sigX = (SIGNATURE_WIDTH - sig.w) / 2;
  const parts: Content[] = [];
  if (stamp.sealImage) {
    // NĐ 30/2020: the seal covers about the left third of the signature.
    const seal = fitted(stamp.sealImage, sigH, sigH);
    const x = stamp.signatureImage ? sigX + sig.w / 3 - seal.w : (SIGNATURE_WIDTH - seal.w) / 2;
    parts.push({
      image: dataUrl(stamp.sealImage),
      width: seal.w,
      height: seal.h,
      relativePosition: { x, y: (sigH - seal.h) / 2 },
    } as Content);
  }
  if (stamp.signatureImage) {
    parts.push({
      image: dataUrl(stamp.signatureImage),
      width: sig.w,
      height: sig.h,
      relativePosition: { x: sigX, y: (sigH - sig.h) / 2 },
    } as Content);
  }
  parts.push({ ...(lines as object), margin: [0, sigH + 2, 0, 0] } as Content);
  return { stack: parts };
}

/** "Nơi nhận" at the left, the signature block at the right; kept on one page. */
export function closingBlock(s: ReportSettings, stamp?: StampInput): Content {
  const recipients: Content[] = [
    { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
    ...s.recipients.map((r): Content => ({ text: `- ${r}`, fontSize: 11, lineHeight: 1 })),
  ];
  const space: Content = {
    table: {
      widths: [SIGNATURE_WIDTH],
      heights: [SIGNATURE_SPACE],
      body: [[stamp ? stampContent(stamp) : { text: '' }]],
    },
    layout: NO_LINES,
  };
  const signature: Content[] = [
    ...s.authority.map((a): Content => ({ text: a.toUpperCase(), bold: true, fontSize: 14, alignment: 'center' })),
    space,
    { text: s.signerName, bold: true, fontSize: 14, alignment: 'center', id: SIGNER_NAME_ID },
    ...(s.signerTitle ? [{ text: s.signerTitle, italics: true, fontSize: 13, alignment: 'center' as const }] : []),
  ];
  return {
    unbreakable: true,
    style: BODY_STYLE,
    margin: [0, 12, 0, 0],
    columns: [
      { width: RECIPIENTS_WIDTH, stack: recipients, margin: [0, 2, 0, 0] },
      { width: SIGNATURE_WIDTH, stack: signature },
    ],
  };
}

/** Page number centred in the top margin, from page 2 (NĐ 30/2020). */
export function pageNumberHeader(currentPage: number): Content | null {
  if (currentPage === 1) return null;
  return {
    text: formatNumber(currentPage, { decimals: 0 }),
    fontSize: 14,
    alignment: 'center',
    margin: [MARGIN.left, mm(9), MARGIN.right, 0],
  };
}
