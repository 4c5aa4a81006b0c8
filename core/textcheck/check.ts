/**
 * Check the figures of a document: every paragraph through checks 1–5, 8 (changes) and 10 (gaps; check 6
 * is the tokenizer's refusal to read dates, document numbers, ranks and target counts as
 * fractions), a Word draft's tables through check 9, and check 7 against the consolidated data
 * when it is given; check 11 reads the document's dates (against the period's, when given).
 */
import { checkChanges } from './check-changes.js';
import { checkData } from './check-data.js';
import { checkFractions } from './check-fractions.js';
import { checkNotation } from './check-notation.js';
import { checkNoteParts } from './check-notes.js';
import { checkParts } from './check-parts.js';
import { checkDates } from './check-dates.js';
import { checkTables } from './check-tables.js';
import { paragraphContext, type ParagraphContext } from './context.js';
import type { DataFacts, TextCheckResult, TextDocument, TextFinding } from './types.js';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A gap as the app prints it ("[thiếu số liệu: KL01]"), or a placeholder of the report's template left in. */
const GAP = /\[thiếu số liệu(?::[^\]\n]{0,80})?\]|\{\{[^{}\n]{1,80}\}\}/gu;

/**
 * Check 10: a figure still missing. The app prints a figure it has no data for as "[thiếu số
 * liệu: …]" rather than 0, and a draft begun from the report's template may keep a "{{KL01}}":
 * either must be filled (or its sentence dropped) before the report goes out.
 */
function checkGaps(ctx: ParagraphContext): void {
  for (const m of ctx.text.matchAll(GAP)) {
    const placeholder = m[0].startsWith('{{');
    ctx.emit({
      kind: 'gap',
      severity: 'warning',
      start: m.index,
      end: m.index + m[0].length,
      stated: m[0],
      computed: null,
      suggestion: null,
      message: placeholder
        ? `Văn bản còn trường số liệu chưa điền ${m[0]} (chép từ mẫu báo cáo): hãy thay bằng số liệu, hoặc xuất lại báo cáo từ ứng dụng.`
        : `Văn bản còn chỗ thiếu số liệu ${m[0]} (ứng dụng để trống vì chưa có số liệu): hãy điền số liệu hoặc bỏ câu này trước khi gửi.`,
    });
  }
}

/** Check a document read by {@link readDocument} (or built by hand: any list of paragraphs). */
export function checkDocument(doc: TextDocument, opts: { data?: DataFacts } = {}): TextCheckResult {
  const findings: TextFinding[] = [];
  const contexts: ParagraphContext[] = doc.paragraphs.map((p, i) => paragraphContext(i + 1, p.text, findings));
  for (const ctx of contexts) {
    ctx.sentences.forEach((s, si) => {
      checkFractions(ctx, s);
      checkParts(ctx, s, si);
      checkChanges(ctx, s);
    });
  }
  // The tables first: check 5 leaves a table read in English notation to its one warning.
  const englishTables = doc.tables ? checkTables(doc.tables, contexts, opts.data) : new Set<number>();
  checkNotation(contexts, englishTables);
  for (const ctx of contexts) checkGaps(ctx);
  checkDates(contexts, opts.data?.period);
  const tiers = opts.data?.units?.tiers ? (Object.keys(opts.data.units.tiers) as ('so' | 'huyen' | 'xa')[]) : undefined;
  for (const ctx of contexts) {
    // A footnote's mark: the paragraph of the body it is in and its place there.
    const mark = doc.paragraphs[ctx.index - 1]?.mark;
    const body = mark && contexts[mark.paragraph - 1];
    const note = mark && body ? { ctx: body, at: mark.at } : undefined;
    // A footnote splitting its figure by tier (check 3 across the note's mark).
    if (note) checkNoteParts(ctx, note.ctx, note.at, tiers);
    if (opts.data) checkData(ctx, opts.data, note);
  }
  // One finding per span and kind (two routes to the same slip say it once), most severe kept.
  const seen = new Map<string, TextFinding>();
  for (const f of findings) {
    const key = `${f.paragraph}:${f.start}:${f.end}:${f.kind}`;
    const prev = seen.get(key);
    if (!prev || ORDER[f.severity] < ORDER[prev.severity]) seen.set(key, f);
  }
  const sorted = [...seen.values()].sort((x, y) => x.paragraph - y.paragraph || x.start - y.start || x.end - y.end);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of sorted) counts[f.severity]++;
  return {
    format: doc.format,
    paragraphs: doc.paragraphs,
    findings: sorted,
    counts,
    notes: [...doc.notes, ...originNotes(doc, opts.data), ...titleNotes(doc, opts.data)],
  };
}

/**
 * A Word copy of the app's report compared with other data than it was written from: said first,
 * since it explains figures that differ (returns received or figures corrected since).
 */
function originNotes(doc: TextDocument, data: DataFacts | undefined): string[] {
  const from = doc.origin;
  const now = data?.source;
  if (!from || !now) return [];
  if (from.period !== now.period)
    return [
      `Văn bản là bản Word của báo cáo kỳ ${from.period} xuất từ ứng dụng, nhưng đang được đối chiếu với số liệu kỳ ${now.period}.`,
    ];
  if (from.dataset !== now.dataset)
    return [
      `Văn bản là bản Word của báo cáo xuất từ ứng dụng với số liệu mã ${from.dataset}; số liệu của kỳ nay có mã ${now.dataset} ` +
        '(đã nhận thêm báo cáo hoặc sửa số liệu sau khi xuất): các số khác số liệu tổng hợp có thể do thay đổi đó. Hãy xuất lại bản Word hoặc sửa các số được nêu.',
    ];
  return [];
}

/** "Sơ kết 2021 - 2023" → the kind of review ("sơ kết") and its years ("2021 - 2023"). */
const REVIEW = /(sơ kết|tổng kết)/u;
const YEARS = /(\d{4})\s*[-–]\s*(\d{4})/gu;

/**
 * A draft whose title names another review than the period it is checked against ("BÁO CÁO" /
 * "Sơ kết 03 năm … (2021 - 2023)" against Tổng kết 2021 - 2025): said first, since every figure
 * of the other period differs from this one's data. The title is the paragraphs after "BÁO CÁO"
 * near the top, up to its first heading; its kind of review and its last range of years count.
 */
function titleNotes(doc: TextDocument, data: DataFacts | undefined): string[] {
  const period = data?.period;
  if (!period || doc.origin) return [];
  const top = doc.paragraphs.slice(0, 20);
  const at = top.findIndex((p) => /^báo cáo$/iu.test(p.text.trim()));
  if (at < 0) return [];
  const title: string[] = [];
  for (const p of top.slice(at + 1, at + 4)) {
    if (/^(?:[IVX]+\.|\d+\.|Kính gửi)/u.test(p.text) || p.text.length > 200) break;
    title.push(p.text);
  }
  const said = title.join(' ').toLowerCase();
  const kind = REVIEW.exec(said)?.[1];
  const years = [...said.matchAll(YEARS)].at(-1);
  const own = period.shortTitle.toLowerCase();
  const ownKind = REVIEW.exec(own)?.[1];
  const ownYears = [...own.matchAll(YEARS)].at(-1);
  const otherKind = kind !== undefined && ownKind !== undefined && kind !== ownKind;
  const otherYears =
    years !== undefined && ownYears !== undefined && (years[1] !== ownYears[1] || years[2] !== ownYears[2]);
  if (!otherKind && !otherYears) return [];
  const what = [kind, years ? `${years[1]} - ${years[2]}` : undefined].filter(Boolean).join(' ');
  const code = data.source ? ` (${data.source.period})` : '';
  return [
    `Tiêu đề văn bản là báo cáo ${what}, nhưng văn bản đang được đối chiếu với số liệu kỳ ${period.shortTitle}${code}: ` +
      'các số khác số liệu tổng hợp có thể do khác kỳ. Hãy chọn đúng kỳ báo cáo trước khi sửa số liệu.',
  ];
}

/** Check plain text: one paragraph per line. */
export function checkText(text: string, opts: { data?: DataFacts } = {}): TextCheckResult {
  const paragraphs = text
    .split(/\r\n|\n|\r/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => ({ text: t, where: 'body' as const }));
  return checkDocument({ format: 'txt', paragraphs, notes: [] }, opts);
}
