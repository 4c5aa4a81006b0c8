/**
 * renderReport: template + consolidation + settings → the report PDF, with real
 * page-bottom footnotes (measure, reserve, lay out again until stable), laid out and drawn
 * by `print.ts` straight with pdfkit.
 */
import type { Consolidation } from '../model/consolidation.js';
import type { Finding } from '../model/index.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import type { LaidOutPage } from '../pdf/layout.js';
import { annexUnits, annexUnused, unusedUnits } from './annexes.js';
import { defaultReportTemplate } from './default-template.js';
import {
  MARGIN,
  RECIPIENTS_WIDTH,
  SIGNATURE_SPACE,
  SIGNATURE_WIDTH,
  SIGNER_NAME_ID,
  type BodyBlock,
  type Footnote,
  type Inline,
  type StampInput,
} from './document.js';
import { drawReport, FN_GAP, FN_TOP, footnoteLines, laidOut, layoutReport, type ReportLayoutInput } from './print.js';
import { TIER_NAMES, type AnnexName, type Segment } from './placeholders.js';
import { gapName, gapText, MissingValues, placeholderNumber, resolvePlaceholder, thresholdText } from './resolve.js';
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
  /** Leave out the annexes (a quick preview of the body); the text still cites them as numbered. */
  annexes?: boolean;
  /** Called with where every line of the final document landed (for checks of the layout). */
  onLayout?: (pages: LaidOutPage[]) => void;
}

/** ROMAN numerals of annexes. */
const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;

/**
 * The annexes of the report, in order, with their numbers ("Phụ lục I"): the units' figures
 * always; the units without figures only when there are some (an annex of one sentence is
 * not a page). Data warnings are internal work and are not an annex (see `renderDataWarnings`).
 */
export function reportAnnexes(c: Consolidation): { name: AnnexName; label: string }[] {
  const names: AnnexName[] = ['units', ...(unusedUnits(c).length > 0 ? (['unused'] as const) : [])];
  return names.map((name, i) => ({ name, label: `Phụ lục ${ROMAN[i] ?? String(i + 1)}` }));
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

const FN_RULE_GAP = 3;
const MAX_PASSES = 8;

/** Resolve scanned segments into inlines, registering footnotes in order of appearance. */
function resolveSegments(segs: Segment[], mv: MissingValues, where: string, footnotes: Footnote[]): Inline[] {
  const out: Inline[] = [];
  for (const s of segs) {
    if (s.type === 'text') out.push({ text: s.text });
    else if (s.type === 'ph') {
      const r = resolvePlaceholder(s.ph, s.source, mv, where);
      out.push(r.ok ? { text: r.text } : { text: r.text, gap: true });
    } else if (s.type === 'if') {
      const n = placeholderNumber(s.ph, mv.consolidation);
      const above = n !== null && n > 0;
      if (above !== s.negate) out.push(...resolveSegments(s.segments, mv, where, footnotes));
    } else {
      const n = footnotes.length + 1;
      const inner = tidy(resolveSegments(s.segments, mv, `${where}, chú thích ${n}`, footnotes)).filter(
        (i): i is { text: string; gap?: boolean } => 'text' in i,
      );
      footnotes.push({ n, inlines: inner });
      out.push({ fn: n });
    }
  }
  return out;
}

/**
 * Spacing as a typist would leave it once conditional words are in or out: one space
 * between words, none before "," ";" "." ":" ")" or after "(", none at either end.
 * Gaps ("[thiếu số liệu: …]") are kept as they are.
 */
export function tidy(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  /** The last non-empty run of text so far (a gap included). */
  const lastText = (): { text: string; gap?: boolean } | undefined => {
    for (let i = out.length - 1; i >= 0; i--) {
      const x = out[i] as Inline;
      if ('text' in x && x.text !== '') return x;
    }
    return undefined;
  };
  for (const inl of inlines) {
    if (!('text' in inl) || inl.gap) {
      out.push(inl);
      continue;
    }
    let t = inl.text
      .replace(/\s+/g, ' ')
      .replace(/ +([,;.:)])/g, '$1')
      .replace(/\( +/g, '(');
    const prev = lastText();
    if (!prev) {
      if (!out.some((x) => 'fn' in x)) t = t.replace(/^ +/, '');
    } else if (!prev.gap) {
      const spaceBefore = prev.text.endsWith(' ');
      if (spaceBefore && t.startsWith(' ')) t = t.slice(1);
      if (spaceBefore && /^[,;.:)]/.test(t)) prev.text = prev.text.replace(/ +$/, '');
      if (prev.text.endsWith('(')) t = t.replace(/^ +/, '');
    }
    if (t !== '') out.push({ ...inl, text: t });
  }
  const last = lastText();
  if (last && !last.gap) last.text = last.text.replace(/ +$/, '');
  return out.filter((i) => !('text' in i) || i.text !== '');
}

/** How each target is said: achieved value beside the resolution's goal, then the verdict. */
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
    const rank = def?.unit === 'hạng';
    const goal = rank
      ? ` (mục tiêu của ${resolution}: trong nhóm ${threshold} tỉnh, thành phố dẫn đầu)`
      : ` (${resolution} là ${threshold})`;
    const status = res?.status ?? 'thieu-so-lieu';
    const verdict =
      status === 'vuot'
        ? '; vượt chỉ tiêu.'
        : status === 'dat'
          ? '; đạt chỉ tiêu.'
          : status === 'chua-dat'
            ? '; chưa đạt.'
            : '.';
    if (def?.byTier && res?.byTier) {
      const tiers = c.period.tiers.filter((t) => res.byTier?.[t]);
      tiers.forEach((t, k) => {
        const r = res.byTier?.[t];
        const sep = k > 0 ? ', ' : '';
        if (r?.value === null || r?.value === undefined) {
          // A tier without a figure is a gap like any other: shown as one and confirmed before signing.
          mv.add(`target:${id}`, t, `mục tiêu ${id} (${label})`, where);
          inl.push({ text: `${sep}${TIER_NAMES[t]} ` }, { text: gapText(gapName(id, t)), gap: true });
        } else {
          inl.push({ text: `${sep}${TIER_NAMES[t]} ${r.met === false ? 'mới đạt' : 'đạt'} ${formatPercent(r.value)}` });
        }
      });
      inl.push({ text: goal });
      const failing = res.failingTiers?.map((t) => TIER_NAMES[t]).join(', ');
      inl.push({ text: status === 'chua-dat' && failing ? `; chưa đạt ở ${failing}.` : verdict });
    } else if (!res || res.value === null || !def) {
      mv.add(`target:${id}`, 'province', `mục tiêu ${id} (${label})`, where);
      inl.push({ text: gapText(id), gap: true }, { text: `${goal}.` });
    } else {
      // An unmet target "mới đạt" (only reached) its figure; a rank is a position, not an achievement.
      const value = rank
        ? `xếp thứ ${formatNumber(res.value, { decimals: 0 })}`
        : `${status === 'chua-dat' ? 'mới đạt' : 'đạt'} ${formatPercent(res.value)}`;
      inl.push({ text: `${value}${goal}` });
      const input = c.provinceInputs.find((p) => p.key === id);
      if (input) {
        const n = footnotes.length + 1;
        footnotes.push({ n, inlines: [{ text: `Theo ${input.note}.` }] });
        inl.push({ fn: n });
      }
      inl.push({ text: verdict });
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
  const annexes = Object.fromEntries(reportAnnexes(c).map((a) => [a.name, a.label]));
  const mv = new MissingValues(c, annexes);
  const footnotes: Footnote[] = [];
  const blocks: BodyBlock[] = [];
  for (const b of checked) {
    if (b.type === 'targets-list') {
      blocks.push(...targetLines(c, b.targets, mv, b.where, footnotes));
      continue;
    }
    const inlines = tidy(resolveSegments(b.segments, mv, b.where, footnotes));
    // A paragraph whose every sentence was conditional and is not said today is left out.
    if (!inlines.some((i) => 'fn' in i || i.text.trim() !== '')) continue;
    if (b.type === 'heading') blocks.push({ type: 'heading', level: b.level, inlines });
    else blocks.push({ type: 'paragraph', italics: b.italics, inlines });
  }
  return { blocks, footnotes, findings: mv.list() };
}

/**
 * The visible gaps of a report ("[thiếu số liệu: …]"), as REPORT_MISSING_VALUE findings:
 * what the signer must see and confirm before signing (the CLI's `--accept-gaps`, a dialog
 * in the app). Cheap: resolves the text, lays nothing out.
 */
export function reportGaps(c: Consolidation, template?: ReportTemplate): Finding[] {
  return resolveReportBody(c, template ?? defaultReportTemplate(c.period)).findings;
}

/** Signing a report with visible gaps was not confirmed. The message is a Vietnamese sentence. */
export class ReportGapsError extends Error {
  constructor(readonly gaps: Finding[]) {
    super(
      `Báo cáo còn ${formatNumber(gaps.length)} chỗ thiếu số liệu (in là "[thiếu số liệu: …]"); ` +
        'chỉ ký khi người ký đã xem và xác nhận ký báo cáo có chỗ thiếu số liệu.',
    );
    this.name = 'ReportGapsError';
  }
}

/** Refuse to sign a report with visible gaps unless the signer confirmed it. */
export function assertGapsAccepted(gaps: Finding[], accepted: boolean): void {
  if (gaps.length > 0 && !accepted) throw new ReportGapsError(gaps);
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

/** Space the footnotes of each page need at its bottom. */
function needed(marks: Map<number, number>, heights: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [n, page] of marks) {
    const h = (heights.get(n) ?? 0) + FN_GAP;
    out.set(page, (out.get(page) ?? FN_TOP + FN_RULE_GAP) + h);
  }
  return out;
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

  progress('Đang dàn trang và đặt chú thích cuối trang');
  const labels = new Map(reportAnnexes(c).map((a) => [a.name, a.label]));
  const layoutInput: ReportLayoutInput = {
    settings,
    blocks,
    footnotes,
    ...(input.stamp ? { stamp: input.stamp } : {}),
  };
  // Reserve what the footnotes need at the bottom of their marks' pages and lay the body out
  // again until every mark stays on the page that reserves room for its footnote. Reserves
  // only grow (a mark pushed off a page leaves its room behind), so this settles.
  const reserve = new Map<number, number>();
  let marks = new Map<number, number>();
  let need = new Map<number, number>();
  if (footnotes.length) {
    const heights = new Map(footnotes.map((f) => [f.n, footnoteLines(f).reduce((h, l) => h + l.height, 0)]));
    marks = markPages(laidOut(layoutReport(layoutInput, reserve)));
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
      marks = markPages(laidOut(layoutReport(layoutInput, reserve)));
    }
  }

  progress('Đang tạo tệp PDF');
  // The annexes start on a new page, so they do not move anything laid out above.
  const annexes =
    input.annexes === false
      ? []
      : [
          ...annexUnits(c, settings, labels.get('units') as string),
          ...(labels.has('unused') ? annexUnused(c, settings, labels.get('unused') as string) : []),
        ];
  const layout = layoutReport({ ...layoutInput, annexes }, reserve);
  const pdf = await drawReport(layout, footnotes, marks, need, {
    Title: `${settings.title} ${settings.summary}`,
    Author: settings.issuingBody,
    Subject: c.period.title,
    Creator: 'Tổng hợp CCHC',
    Producer: 'Tổng hợp CCHC',
  });
  const final = laidOut(layout);

  input.onLayout?.(final);
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
