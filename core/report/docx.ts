/**
 * The consolidated report as a Word document (.docx) for a clerk to edit: the same resolved
 * text as the PDF — heading block, title, body with its live figures, real Word footnotes,
 * the closing block and the annexes — in the layout of Nghị định 30/2020 (Times New Roman,
 * margins 20/15/20/30 mm, page numbers from page 2). A draft edited from it goes back through
 * "Kiểm tra văn bản" (check-text) before it is sent; the PDF stays what is signed.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { datasetCode } from '../checklists/dataset-code.js';
import type { Consolidation } from '../model/consolidation.js';
import type { Finding } from '../model/index.js';
import type { InlineRun, ParaAlign } from '../pdf/flow/inline.js';
import { annexUnits, annexUnused } from './annexes.js';
import { defaultReportTemplate } from './default-template.js';
import { CONTENT_WIDTH, GAP_COLOR, LANDSCAPE_WIDTH, type BodyBlock, type Footnote, type Inline } from './document.js';
import type { AnnexItem, TableSpec } from './print.js';
import { reportAnnexes, resolveReportBody } from './render.js';
import { formatPlaceDate, parseReportSettings, type ReportSettings } from './settings.js';
import { ORIGIN_DATASET, ORIGIN_PERIOD } from './origin.js';
import type { ReportTemplate } from './template.js';

export interface ReportDocxInput {
  consolidation: Consolidation;
  settings: unknown;
  template?: ReportTemplate;
}

export interface ReportDocxResult {
  docx: Uint8Array;
  /** The figures missing from the data ("[thiếu số liệu: …]" in the text), as for the PDF. */
  findings: Finding[];
  footnotes: number;
}

const FONT = 'Times New Roman';
/** Twentieths of a point per millimetre and per point. */
const TWIP_MM = 1440 / 25.4;
const TWIP_PT = 20;
const MARGIN = { top: 20, right: 15, bottom: 20, left: 30 };
/** The header's columns, in twips: the PDF's (190 pt at the left, the rest at the right). */
const CONTENT_TWIPS = Math.round(CONTENT_WIDTH * TWIP_PT);
const LEFT_TWIPS = 190 * TWIP_PT;
const RIGHT_TWIPS = CONTENT_TWIPS - LEFT_TWIPS;
/** Nơi nhận at the left, the signature block at the right (the PDF's 45 % / 55 %). */
const RECIPIENTS_TWIPS = Math.round(CONTENT_TWIPS * 0.45);

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

const ALIGN: Record<ParaAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
}

function text(t: string, s: RunStyle): TextRun {
  return new TextRun({
    text: t,
    font: FONT,
    size: s.size * 2,
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
    ...(s.color ? { color: s.color.replace(/^#/, '').toUpperCase() } : {}),
  });
}

/** A centred line with no space around it (the header's and the signature's lines). */
function line(children: ParagraphChild[], opts: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...opts, children });
}

/**
 * The short rule under a heading line: a paragraph of one tiny line bordered below, `width`
 * twips wide, centred in a column `column` twips wide.
 */
function rule(width: number, column: number): Paragraph {
  const side = Math.max(0, Math.round((column - width) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 160, line: 40, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
    children: [text('', { size: 2 })],
  });
}

/** No padding in a layout cell: its column is the text's. */
const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };
/** An annex cell's padding (the PDF's ~3 pt at the sides). */
const CELL_MARGINS = { top: 20, bottom: 20, left: 60, right: 60 };

function cell(children: Paragraph[], width: number, opts: { borders?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(opts.borders ? {} : { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
    margins: NO_MARGINS,
    verticalAlign: VerticalAlign.TOP,
    children: children.length ? children : [new Paragraph({})],
  });
}

/** The header block: issuer and number at the left, national title (or the Party's) and date at the right. */
function headerTable(s: ReportSettings): Table {
  const number = s.number.startsWith('/') ? `${'\u00a0'.repeat(10)}${s.number}` : s.number;
  let left: Paragraph[];
  let right: Paragraph[];
  let numberLine: string;
  if (s.kind === 'state') {
    left = [
      ...(s.governingBody ? [line([text(s.governingBody.toUpperCase(), { size: 13 })])] : []),
      line([text(s.issuingBody.toUpperCase(), { size: 13, bold: true })]),
      rule(Math.round(LEFT_TWIPS * 0.3), LEFT_TWIPS),
    ];
    right = [
      line([text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true })]),
      line([text('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true })]),
      rule(Math.round(RIGHT_TWIPS * 0.55), RIGHT_TWIPS),
    ];
    numberLine = `Số: ${number}`;
  } else {
    left = [
      ...(s.governingBody ? [line([text(s.governingBody.toUpperCase(), { size: 14 })])] : []),
      line([text(s.issuingBody.toUpperCase(), { size: 14, bold: true })]),
      line([text('*', { size: 14 })]),
    ];
    right = [
      line([text('ĐẢNG CỘNG SẢN VIỆT NAM', { size: 15, bold: true })]),
      rule(Math.round(RIGHT_TWIPS * 0.55), RIGHT_TWIPS),
    ];
    numberLine = `Số ${number}`;
  }
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [LEFT_TWIPS, RIGHT_TWIPS],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(left, LEFT_TWIPS), cell(right, RIGHT_TWIPS)] }),
      new TableRow({
        children: [
          cell([line([text(numberLine, { size: s.kind === 'state' ? 13 : 14 })])], LEFT_TWIPS),
          cell([line([text(formatPlaceDate(s.place, s.date), { size: 14, italics: true })])], RIGHT_TWIPS),
        ],
      }),
    ],
  });
}

/** "BÁO CÁO", the summary line and its short rule (dashes in a Party document). */
function titleBlock(s: ReportSettings): Paragraph[] {
  return [
    line([text(s.title.toUpperCase(), { size: 14, bold: true })], { spacing: { before: 400, after: 0 } }),
    line([text(s.summary, { size: 14, bold: true })]),
    s.kind === 'party' ? line([text('-----', { size: 14 })]) : rule(Math.round(CONTENT_TWIPS * 0.2), CONTENT_TWIPS),
  ];
}

/** The runs of resolved text: bold where the text is, a gap in dark red italics, a footnote as Word's own reference. */
function inlineRuns(inlines: readonly Inline[], base: RunStyle): ParagraphChild[] {
  return inlines.map((i) =>
    'fn' in i
      ? new FootnoteReferenceRun(i.fn)
      : text(i.text, {
          ...base,
          bold: Boolean(i.bold || base.bold),
          italics: Boolean(i.gap || base.italics),
          ...(i.gap ? { color: GAP_COLOR } : {}),
        }),
  );
}

/** A heading or a paragraph of the body: 14 pt, justified, first line indented 1.27 cm. */
function bodyParagraph(b: BodyBlock): Paragraph {
  const heading = b.type === 'heading';
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * TWIP_MM) },
    spacing: { before: heading ? 120 : 0, after: 120, line: 288 },
    ...(heading ? { keepNext: true } : {}),
    children: inlineRuns(
      b.inlines,
      heading ? { size: 14, bold: true, italics: b.level === 3 } : { size: 14, italics: b.italics },
    ),
  });
}

/** The closing block: "Nơi nhận" at the left, the signature block at the right, with room to sign. */
function closingTable(s: ReportSettings): Table {
  const right = CONTENT_TWIPS - RECIPIENTS_TWIPS;
  const recipients = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [text('Nơi nhận:', { size: 12, bold: true, italics: true })],
    }),
    ...s.recipients.map(
      (r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [text(`- ${r}`, { size: 11 })] }),
    ),
  ];
  const signature = [
    ...s.authority.map((a) => line([text(a.toUpperCase(), { size: 14, bold: true })])),
    // The room to sign: about the PDF's 84 pt.
    ...Array.from({ length: 4 }, () => line([text('', { size: 14 })])),
    line([text(s.signerName, { size: 14, bold: true })]),
    ...(s.signerTitle ? [line([text(s.signerTitle, { size: 13, italics: true })])] : []),
  ];
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [RECIPIENTS_TWIPS, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, RECIPIENTS_TWIPS), cell(signature, right)] })],
  });
}

/** A run of an annex (its size given by its paragraph or table). */
function annexRun(r: InlineRun, size: number): TextRun {
  return text(r.text, {
    size: r.size || size,
    bold: r.style === 'bold' || r.style === 'bolditalics',
    italics: r.style === 'italics' || r.style === 'bolditalics',
    ...(r.color ? { color: r.color } : {}),
  });
}

/** An annex table: widths in points ("*" shares what is left), a header row repeated on each page. */
function annexTable(t: TableSpec, width: number): Table {
  const fixed = t.widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = t.widths.filter((w) => w === '*').length;
  // pdfmake adds each cell's padding to its width and "*" shares the rest: the columns fill the
  // page's width in the proportions of their widths.
  const raw = t.widths.map((w) => (w === '*' ? Math.max(40, (width - fixed) / Math.max(1, stars)) : w));
  const scale = width / raw.reduce((a, b) => a + b, 0);
  const widths = raw.map((w) => Math.floor(w * scale * TWIP_PT));
  const row = (cells: TableSpec['header'], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      cantSplit: Boolean(t.dontBreakRows),
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i] ?? widths[0] ?? 0, type: WidthType.DXA },
            margins: CELL_MARGINS,
            verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
            children: [
              new Paragraph({
                alignment: ALIGN[c.align ?? 'left'],
                spacing: { before: 20, after: 20 },
                children: c.runs.map((r) => annexRun(r, t.size)),
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [row(t.header, true), ...t.rows.map((r) => row(r, false))],
  });
}

/** Page number centred at the top, from page 2 (NĐ 30/2020). */
function pageHeaders(): Pick<ISectionOptions, 'headers'> {
  return {
    headers: {
      default: new Header({
        children: [line([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })])],
      }),
      first: new Header({ children: [] }),
    },
  };
}

function pageProperties(landscape: boolean, first: boolean): ISectionOptions['properties'] {
  const mm = (v: number): number => Math.round(v * TWIP_MM);
  return {
    titlePage: first,
    page: {
      size: {
        width: mm(210),
        height: mm(297),
        ...(landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
      },
      margin: {
        top: mm(MARGIN.top),
        right: mm(MARGIN.right),
        bottom: mm(MARGIN.bottom),
        left: mm(MARGIN.left),
        header: mm(8),
      },
    },
  };
}

/** The annexes as sections: each "page" item opens one in its orientation. */
function annexSections(items: readonly AnnexItem[]): ISectionOptions[] {
  const sections: ISectionOptions[] = [];
  let children: (Paragraph | Table)[] | undefined;
  let landscape = false;
  for (const item of items) {
    if (item.type === 'page') {
      children = [];
      landscape = item.landscape;
      sections.push({ properties: pageProperties(landscape, false), ...pageHeaders(), children });
      continue;
    }
    if (!children) {
      children = [];
      sections.push({ properties: pageProperties(false, false), ...pageHeaders(), children });
    }
    if (item.type === 'text') {
      const size = item.runs.find((r) => r.size > 0)?.size ?? 13;
      // pdfmake's margin: [left, top, right, bottom] in points.
      const [left, top, right, bottom] = item.margin ?? [0, 0, 0, 0];
      children.push(
        new Paragraph({
          alignment: ALIGN[item.align ?? 'left'],
          spacing: { before: Math.round(top * TWIP_PT), after: Math.round(bottom * TWIP_PT) },
          indent: { left: Math.round(left * TWIP_PT), right: Math.round(right * TWIP_PT) },
          ...(item.pageBreak ? { pageBreakBefore: true } : {}),
          children: item.runs.map((r) => annexRun(r, size)),
        }),
      );
    } else {
      children.push(annexTable(item.table, landscape ? LANDSCAPE_WIDTH : CONTENT_WIDTH));
    }
  }
  return sections;
}

/** Footnotes as Word's own: each at the bottom of the page its mark lands on, numbered by Word. */
function wordFootnotes(footnotes: readonly Footnote[]): Record<number, { children: Paragraph[] }> {
  return Object.fromEntries(
    footnotes.map((f) => [
      f.n,
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { before: 0, after: 0 },
            children: inlineRuns(f.inlines, { size: 11 }),
          }),
        ],
      },
    ]),
  );
}

/** The report as a .docx: the same text, figures and footnotes as {@link renderReport}'s PDF. */
export async function renderReportDocx(input: ReportDocxInput): Promise<ReportDocxResult> {
  const c = input.consolidation;
  const settings = parseReportSettings(input.settings);
  const { blocks, footnotes, findings } = resolveReportBody(c, input.template ?? defaultReportTemplate(c.period));
  const labels = new Map(reportAnnexes(c).map((a) => [a.name, a.label]));
  const annexes = [
    ...annexUnits(c, settings, labels.get('units') as string),
    ...(labels.has('unused') ? annexUnused(c, settings, labels.get('unused') as string) : []),
  ];
  const doc = new Document({
    creator: 'Tổng hợp CCHC',
    title: `${settings.title} ${settings.summary}`,
    subject: c.period.title,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    // Which period and which data the copy was written from: the text check says so when the data
    // it compares with has changed since (File → Properties → Custom in Word).
    customProperties: [
      { name: ORIGIN_PERIOD, value: c.period.code },
      { name: ORIGIN_DATASET, value: datasetCode(c.datasetHash) },
    ],
    footnotes: wordFootnotes(footnotes),
    sections: [
      {
        properties: pageProperties(false, true),
        ...pageHeaders(),
        children: [
          headerTable(settings),
          ...titleBlock(settings),
          ...blocks.map(bodyParagraph),
          new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
          closingTable(settings),
        ],
      },
      ...annexSections(annexes),
    ],
  });
  const docx = new Uint8Array(await Packer.toBuffer(doc));
  return { docx, findings, footnotes: footnotes.length };
}
