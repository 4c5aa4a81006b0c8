/**
 * renderReport: template + consolidation + settings → the report PDF, with real
 * page-bottom footnotes laid out on top of pdfmake (measure, reserve, repeat until stable).
 */
import type { Consolidation } from '../model/consolidation.js';
import type { Finding } from '../model/index.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import { layoutPdf, renderPdf, type Content, type LaidOutPage, type TDocumentDefinitions } from '../pdf/index.js';
import { annexMissing, annexUnits, annexWarnings } from './annexes.js';
import { defaultReportTemplate } from './default-template.js';
import {
  bodyContent,
  closingBlock,
  CONTENT_WIDTH,
  footnoteContent,
  headerBlock,
  MARGIN,
  pageNumberHeader,
  RECIPIENTS_WIDTH,
  SIGNATURE_SPACE,
  SIGNATURE_WIDTH,
  SIGNER_NAME_ID,
  titleBlock,
  type BodyBlock,
  type Footnote,
  type Inline,
  type StampInput,
} from './document.js';
import { TIER_NAMES, type Segment } from './placeholders.js';
import { gapText, MissingValues, resolvePlaceholder, STATUS_TEXT, thresholdText } from './resolve.js';
import { parseReportSettings, type ReportSettings } from './settings.js';
import { checkReportTemplate, type ReportTemplate } from './template.js';

/** The rectangle left for the signature, in PDF points with the origin at the bottom-left. */
export interface SignatureBox {
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderReportInput {
  consolidation: Consolidation;
  settings: ReportSettings;
  /** The default template when absent. */
  template?: ReportTemplate;
  stamp?: StampInput;
  /** Stage names in Vietnamese, for a progress line. */
  onProgress?: (stage: string) => void;
  /** Leave out the annexes (a quick preview of the body). */
  annexes?: boolean;
}

export interface RenderReportResult {
  pdf: Buffer;
  pages: number;
  signatureBox: SignatureBox;
  /** REPORT_MISSING_VALUE findings: figures the text shows as gaps. */
  findings: Finding[];
  /** Each footnote and the page where both its mark and its text are. */
  footnotes: { n: number; page: number }[];
}

/** Space above the separator rule, the rule and the space under it. */
const FN_TOP = 8;
const FN_RULE_GAP = 3;
const FN_GAP = 2;
const MAX_PASSES = 8;

/** Resolve scanned segments into inlines, registering footnotes in order of appearance. */
function resolveSegments(segs: Segment[], mv: MissingValues, where: string, footnotes: Footnote[]): Inline[] {
  const out: Inline[] = [];
  for (const s of segs) {
    if (s.type === 'text') out.push({ text: s.text });
    else if (s.type === 'ph') {
      const r = resolvePlaceholder(s.ph, s.source, mv, where);
      out.push(r.ok ? { text: r.text } : { text: r.text, gap: true });
    } else {
      const n = footnotes.length + 1;
      const inner = resolveSegments(s.segments, mv, `${where}, chú thích ${n}`, footnotes).filter(
        (i): i is { text: string; gap?: boolean } => 'text' in i,
      );
      footnotes.push({ n, inlines: inner });
      out.push({ fn: n });
    }
  }
  return out;
}

/** One numbered line per target: achieved value beside the resolution's threshold. */
function targetLines(
  c: Consolidation,
  ids: string[],
  mv: MissingValues,
  where: string,
  footnotes: Footnote[],
): BodyBlock[] {
  const resolution = c.period.resolution;
  return ids.map((id, i): BodyBlock => {
    const def = c.form.targets.find((t) => t.id === id);
    const res = c.targets.find((t) => t.id === id);
    const label = def?.label ?? id;
    const inl: Inline[] = [{ text: `(${formatNumber(i + 1, { decimals: 0 })}) ${label}: ` }];
    const threshold = def ? thresholdText(def, c) : '';
    const status = res?.status ?? 'thieu-so-lieu';
    if (def?.byTier && res?.byTier) {
      const parts = c.period.tiers
        .filter((t) => res.byTier?.[t])
        .map((t) => {
          const v = res.byTier?.[t]?.value;
          return v === null || v === undefined
            ? `${TIER_NAMES[t]} ${gapText(`${id}.${t}`)}`
            : `${TIER_NAMES[t]} đạt ${formatPercent(v)}`;
        });
      inl.push({ text: `${parts.join(', ')} (${resolution} là ${threshold})` });
      const failing = res.failingTiers?.map((t) => TIER_NAMES[t]).join(', ');
      inl.push({ text: status === 'chua-dat' && failing ? `; chưa đạt ở ${failing}.` : `; ${STATUS_TEXT[status]}.` });
    } else if (!res || res.value === null || !def) {
      mv.add(`target:${id}`, 'province', `mục tiêu ${id} (${label})`, where);
      inl.push({ text: gapText(id), gap: true }, { text: ` (${resolution} là ${threshold}).` });
    } else {
      const value =
        def.unit === 'hạng' ? `xếp thứ ${formatNumber(res.value, { decimals: 0 })}` : `đạt ${formatPercent(res.value)}`;
      const thr = def.unit === 'hạng' ? `trong nhóm ${threshold} tỉnh, thành phố dẫn đầu` : threshold;
      inl.push({ text: `${value} (${resolution} là ${thr})` });
      const input = c.provinceInputs.find((p) => p.key === id);
      if (input) {
        const n = footnotes.length + 1;
        footnotes.push({ n, inlines: [{ text: `Theo ${input.note}.` }] });
        inl.push({ fn: n });
      }
      inl.push({
        text: status === 'chua-dat' ? '; chưa đạt.' : status === 'vuot' ? '; vượt chỉ tiêu.' : '; đạt chỉ tiêu.',
      });
    }
    return { type: 'paragraph', italics: false, inlines: inl };
  });
}

/** Resolve the whole template into body blocks, footnotes and missing-value findings. */
export function resolveReportBody(
  c: Consolidation,
  template: ReportTemplate,
): { blocks: BodyBlock[]; footnotes: Footnote[]; findings: Finding[] } {
  const checked = checkReportTemplate(template, c.form);
  const mv = new MissingValues(c);
  const footnotes: Footnote[] = [];
  const blocks: BodyBlock[] = [];
  for (const b of checked) {
    if (b.type === 'targets-list') blocks.push(...targetLines(c, b.targets, mv, b.where, footnotes));
    else if (b.type === 'heading')
      blocks.push({ type: 'heading', level: b.level, inlines: resolveSegments(b.segments, mv, b.where, footnotes) });
    else
      blocks.push({
        type: 'paragraph',
        italics: b.italics,
        inlines: resolveSegments(b.segments, mv, b.where, footnotes),
      });
  }
  return { blocks, footnotes, findings: mv.list() };
}

/** First page on which each `fn-N` mark appears. */
function markPages(pages: LaidOutPage[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of pages) {
    for (const l of p.lines) {
      for (const d of l.destinations) {
        const m = /^fn-(\d+)$/.exec(d);
        if (m && !out.has(Number(m[1]))) out.set(Number(m[1]), p.number);
      }
    }
  }
  return out;
}

/** Height of each footnote's text from a measuring layout (lines tagged `fnt-N`). */
function footnoteHeights(pages: LaidOutPage[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of pages) {
    for (const l of p.lines) {
      const tag = l.tags.find((t) => t.startsWith('fnt-'));
      if (tag) {
        const n = Number(tag.slice(4));
        out.set(n, (out.get(n) ?? 0) + l.height);
      }
    }
  }
  return out;
}

/** Space the footnotes of each page need at its bottom. */
function needed(marks: Map<number, number>, heights: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [n, page] of marks) {
    const h = (heights.get(n) ?? 0) + FN_GAP;
    out.set(page, (out.get(page) ?? FN_TOP + FN_RULE_GAP) + h);
  }
  return out;
}

function footnoteArea(footnotes: Footnote[], marks: Map<number, number>, need: Map<number, number>) {
  return (currentPage: number, pageSize: { height: number }): Content | null => {
    const here = footnotes.filter((f) => marks.get(f.n) === currentPage);
    const h = need.get(currentPage);
    if (!here.length || h === undefined) return null;
    const top = pageSize.height - MARGIN.bottom - h + FN_TOP;
    return {
      margin: [MARGIN.left, top, MARGIN.right, 0],
      stack: [
        {
          canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH / 3, y2: 0, lineWidth: 0.5 }],
          margin: [0, 0, 0, FN_RULE_GAP],
        },
        ...here.map((f) => footnoteContent(f)),
      ],
    };
  };
}

/**
 * Render the consolidated report to PDF.
 * Throws `ReportTemplateError` for an unknown placeholder, `ReportSettingsError` for bad settings.
 */
export async function renderReport(input: RenderReportInput): Promise<RenderReportResult> {
  const progress = input.onProgress ?? (() => undefined);
  const c = input.consolidation;
  const settings = parseReportSettings(input.settings);
  progress('Đang điền số liệu vào mẫu báo cáo');
  const { blocks, footnotes, findings } = resolveReportBody(c, input.template ?? defaultReportTemplate(c.period));

  // pdfmake annotates the nodes it lays out, so every pass gets fresh ones.
  const main = (): Content[] => [
    headerBlock(settings),
    ...titleBlock(settings),
    ...bodyContent(blocks),
    closingBlock(settings, input.stamp),
  ];
  const base = (): TDocumentDefinitions => ({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: {
      title: `${settings.title} ${settings.summary}`,
      author: settings.issuingBody,
      subject: c.period.title,
      creator: 'Tổng hợp CCHC',
    },
    defaultStyle: { fontSize: 14, lineHeight: 1 },
    header: (currentPage: number) => pageNumberHeader(currentPage),
    content: main(),
  });

  progress('Đang dàn trang và đặt chú thích cuối trang');
  // Reserve what the footnotes need at the bottom of their marks' pages and lay the body out
  // again until every mark stays on the page that reserves room for its footnote. Reserves
  // only grow (a mark pushed off a page leaves its room behind), so this settles.
  const reserve = new Map<number, number>();
  let marks = new Map<number, number>();
  let need = new Map<number, number>();
  if (footnotes.length) {
    const measure: Content = {
      pageBreak: 'before',
      stack: footnotes.map((f) => footnoteContent(f, `fnt-${f.n}`, false)),
    };
    const first = await layoutPdf({ ...base(), content: [...main(), measure] });
    const heights = footnoteHeights(first);
    marks = markPages(first);
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      need = needed(marks, heights);
      let grew = false;
      for (const [page, h] of need) {
        if (h > (reserve.get(page) ?? 0)) {
          reserve.set(page, h);
          grew = true;
        }
      }
      if (!grew) break;
      marks = markPages(await layoutPdf(base(), reserve));
    }
  }

  progress('Đang tạo tệp PDF');
  // The annexes start on a new page, so they do not move anything laid out above.
  const annexes =
    input.annexes === false
      ? []
      : [...annexUnits(c, settings), ...annexWarnings(c, settings), ...annexMissing(c, settings)];
  let final: LaidOutPage[] = [];
  const pdf = await renderPdf(
    { ...base(), content: [...main(), ...annexes], background: footnoteArea(footnotes, marks, need) },
    {
      bottomReserve: reserve,
      wordJustify: true,
      onLayout: (pages) => {
        final = pages;
      },
    },
  );

  const finalMarks = markPages(final);
  const nameLine = final.flatMap((p) => p.lines.map((l) => ({ p, l }))).find(({ l }) => l.id === SIGNER_NAME_ID);
  const signatureBox: SignatureBox = nameLine
    ? {
        page: nameLine.p.number,
        x: MARGIN.left + RECIPIENTS_WIDTH,
        y: nameLine.p.height - nameLine.l.y,
        width: SIGNATURE_WIDTH,
        height: SIGNATURE_SPACE,
      }
    : { page: 1, x: 0, y: 0, width: 0, height: 0 };
  return {
    pdf,
    pages: final.length,
    signatureBox,
    findings,
    footnotes: footnotes.map((f) => ({ n: f.n, page: finalMarks.get(f.n) ?? 0 })),
  };
}
