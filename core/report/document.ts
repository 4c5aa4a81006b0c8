/**
 * The report's page geometry and resolved content in the layout of Nghị định 30/2020
 * (Phụ lục I): A4 margins, the closing block's columns and signature space, the body's
 * blocks and footnotes. Laid out and drawn by `print.ts`.
 */
import type { Content } from '../pdf/index.js';
import { A4, mm } from '../pdf/units.js';
import { formatNumber } from '../numbers/index.js';

/** The report's page: A4, portrait. */
export const PAGE = A4;
/** NĐ 30/2020: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGIN = { left: mm(30), top: mm(20), right: mm(15), bottom: mm(20) } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Landscape content width (annex tables). */
export const LANDSCAPE_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;

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

/** The layout tags of body lines: headings and paragraphs (see `LaidOutLine.tags`). */
export const HEADING_TAG = 'heading';
export const PARAGRAPH_TAG = 'paragraph';

export const GAP_COLOR = '#b00000';
export const STAMP_COLOR = '#1a3a8f';

/** Page number centred in the top margin, from page 2 (NĐ 30/2020), for pdfmake documents (the data warnings). */
export function pageNumberHeader(currentPage: number): Content | null {
  if (currentPage === 1) return null;
  return {
    text: formatNumber(currentPage, { decimals: 0 }),
    fontSize: 14,
    alignment: 'center',
    margin: [MARGIN.left, mm(9), MARGIN.right, 0],
  };
}
