/**
 * Check 7: figures the text gives for the province, against the consolidated data of the
 * period. A count is matched to an indicator by the words around it (the verb before, the
 * counted noun after, the label's other words) scored against each indicator's label, and
 * only when one indicator clearly wins — a figure no indicator claims is left alone, so the
 * check never cries wolf. Equal: info. Different: a warning naming the indicator and both
 * numbers. "x/9 chỉ tiêu đạt và vượt" is compared with the targets met.
 */
import { formatNumber } from '../numbers/index.js';
import { significant, type ParagraphContext } from './context.js';
import { agree, showNumber } from './precision.js';
import type { Token } from './tokens.js';
import type { DataFacts } from './types.js';

type Indicator = DataFacts['indicators'][number];

const STOP = new Set(
  'số tổng của các được đã và về trong đó theo thuộc cho với có là những do từ hoặc hiện nay sau trước kỳ đang năm'.split(
    ' ',
  ),
);

/** Syllables of a text, lower-case, punctuation removed. */
function syllables(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Adjacent syllable pairs ("văn bản", "chỉ đạo") — Vietnamese words are mostly two syllables. */
function bigrams(sy: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < sy.length; i++) {
    if (STOP.has(sy[i] as string) || STOP.has(sy[i + 1] as string)) continue;
    out.push(`${sy[i]} ${sy[i + 1]}`);
  }
  return out;
}

/** What counts an indicator's unit accepts right after a number. */
function unitWords(unit: string): string[] {
  switch (unit) {
    case 'người':
      return ['người', 'cán bộ', 'công chức', 'viên chức', 'cbccvc', 'trường hợp'];
    case 'tin, bài':
      return ['tin', 'bài'];
    case 'biên chế':
      return ['biên chế', 'người'];
    case 'đơn vị':
      return ['đơn vị', 'cơ quan'];
    case 'triệu đồng':
    case 'đồng':
      return ['đồng', 'triệu đồng', 'tỷ đồng', 'nghìn đồng', 'ngàn đồng'];
    default:
      return [unit];
  }
}

const MONEY: Record<string, number> = {
  đồng: 1,
  'nghìn đồng': 1e3,
  'ngàn đồng': 1e3,
  'triệu đồng': 1e6,
  'tỷ đồng': 1e9,
};

interface Profile {
  ind: Indicator;
  grams: Map<string, number>;
  units: string[];
}

const profiles = new WeakMap<DataFacts, Profile[]>();

function profilesOf(data: DataFacts): Profile[] {
  const cached = profiles.get(data);
  if (cached) return cached;
  const all = data.indicators.map((ind) => ({ ind, grams: bigrams(syllables(ind.label)) }));
  const df = new Map<string, number>();
  for (const p of all) for (const g of new Set(p.grams)) df.set(g, (df.get(g) ?? 0) + 1);
  const out = all.map((p) => ({
    ind: p.ind,
    // Rare words weigh more: "hội nghị" names one indicator, "hồ sơ" twenty.
    grams: new Map([...new Set(p.grams)].map((g) => [g, 1 / (df.get(g) ?? 1)])),
    units: unitWords(p.ind.unit),
  }));
  profiles.set(data, out);
  return out;
}

const TIER = /(cấp sở|cấp tỉnh|các sở, ban, ngành|cấp huyện|cấp xã)/u;
const ONE_UNIT =
  /(^|[\s,(])(Sở|UBND|Ủy ban nhân dân|huyện|xã|phường|thị trấn|thành phố|Ban|Văn phòng|Thanh tra)\s+\p{Lu}/u;
const PART_OF_PERIOD = /(năm \d{4}|tháng|quý|năm nay|năm trước|cùng kỳ|so với|bình quân|trung bình|mỗi)/u;
const CHANGE_BEFORE = /(tăng|giảm|hơn|thêm|vượt|còn lại|chênh lệch)\s*$/u;

/** The words around a figure that may name it: back to the previous figure or clause start, and the counted noun after. */
function windowOf(ctx: ParagraphContext, t: Token): { before: string; beforeRaw: string; after: string } {
  const prevs = ctx.tokens.filter((u) => significant(u) && u.end <= t.start);
  const prev = prevs[prevs.length - 1];
  let s = Math.max(prev ? prev.end : 0, t.start - 90);
  const clauseStart = Math.max(
    ctx.text.lastIndexOf(';', t.start - 1),
    ctx.text.lastIndexOf(':', t.start - 1),
    ctx.text.lastIndexOf('. ', t.start - 1),
  );
  if (clauseStart + 1 > s) s = clauseStart + 1;
  let e = t.end;
  while (e < ctx.text.length && e - t.end < 50 && !/[;:(]/.test(ctx.text[e] as string)) e++;
  const nexts = ctx.tokens.filter((u) => significant(u) && u.start >= t.end);
  if (nexts[0] && nexts[0].start < e) e = nexts[0].start;
  return {
    before: ctx.lower.slice(s, t.start),
    beforeRaw: ctx.text.slice(s, t.start),
    after: ctx.lower.slice(t.end, e),
  };
}

function startsWithAny(text: string, words: string[]): string | undefined {
  const s = text.trimStart();
  return words
    .slice()
    .sort((a, b) => b.length - a.length)
    .find((w) => s.startsWith(w) && !/\p{L}/u.test(s[w.length] ?? ' '));
}

function checkCount(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const n = t.num!;
  // "1. Công tác…", "(2) Tỷ lệ…", "a) …": numbering, not a figure.
  if (/^\s*\(?$/.test(ctx.text.slice(0, t.start)) && /^[.)]/.test(ctx.text.slice(t.end, t.end + 1))) return;
  const w = windowOf(ctx, t);
  if (TIER.test(w.before) || TIER.test(w.after.slice(0, 12)) || ONE_UNIT.test(w.beforeRaw)) return;
  if (PART_OF_PERIOD.test(w.before) || PART_OF_PERIOD.test(w.after) || CHANGE_BEFORE.test(w.before)) return;
  const firstWord = w.after.trimStart();
  // With a counted noun after the figure, the words around it name it; without one, only the
  // label right before it does ("khiển trách 84, cảnh cáo 14").
  const named = /^\p{L}/u.test(firstWord)
    ? `${w.before} ${w.after}`
    : w.before.slice(Math.max(w.before.lastIndexOf(','), w.before.lastIndexOf('('), w.before.lastIndexOf(';')) + 1);
  const ctxGrams = new Set(bigrams(syllables(named)));
  const scored: { p: Profile; score: number; mult: number }[] = [];
  for (const p of profilesOf(data)) {
    if (p.ind.province === null || p.ind.kind === 'percent') continue;
    let mult = 1;
    let unit: string | undefined;
    if (/^\p{L}/u.test(firstWord)) {
      unit = startsWithAny(firstWord, p.units);
      if (!unit) continue;
      if (p.ind.kind === 'money') mult = (MONEY[unit] ?? 1) / (MONEY[p.ind.unit] ?? 1);
    } else if (p.ind.kind === 'money' || !/^\s*([,;)]|$)/.test(w.after)) continue;
    // The counted noun itself says little ("đơn vị", "hồ sơ"): only the label's other words count.
    let score = 0;
    for (const [g, weight] of p.grams) if (ctxGrams.has(g) && g !== unit && g !== p.ind.unit) score += weight;
    // Without a counted noun after the figure ("khiển trách 84,"), the words before must say more.
    if (!unit) score /= 2;
    if (score > 0) scored.push({ p, score, mult });
  }
  if (scored.length === 0) return;
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  const equal = (s: (typeof scored)[number]): boolean =>
    agree({ ...n, value: n.value * s.mult }, s.p.ind.province!) === 'ok' ||
    Math.abs(n.value * s.mult - s.p.ind.province!) <= 0.5 * 10 ** -n.decimals * s.mult;
  const confident = best.score >= 0.75;
  const match = scored.find((s) => s.score >= Math.min(0.75, best.score) && equal(s));
  const label = (s: (typeof scored)[number]): string => `${s.p.ind.code} (${s.p.ind.label})`;
  const total = (s: (typeof scored)[number]): string => `${showNumber(s.p.ind.province!)} ${s.p.ind.unit}`;
  if (match && (match.score >= 0.5 || confident)) {
    ctx.emit({
      kind: 'data',
      severity: 'info',
      start: t.start,
      end: t.end,
      stated: t.raw,
      computed: total(match),
      suggestion: null,
      indicator: match.p.ind.code,
      message: `Khớp số liệu tổng hợp: ${label(match)} là ${total(match)}.`,
    });
    return;
  }
  const second = scored[1];
  if (!confident || (second && second.score > best.score * 0.6)) return;
  ctx.emit({
    kind: 'data',
    severity: 'warning',
    start: t.start,
    end: t.end,
    stated: t.raw,
    computed: total(best),
    suggestion: best.mult === 1 ? showNumber(best.p.ind.province!) : null,
    indicator: best.p.ind.code,
    message: `Văn bản ghi ${t.raw}${w.after.trim() ? ` ${w.after.trim().split(/\s+/).slice(0, 2).join(' ')}` : ''} nhưng số liệu tổng hợp của chỉ tiêu ${label(best)} là ${total(best)}.`,
  });
}

function checkTargets(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const after = ctx.lower.slice(t.end, t.end + 60);
  const { met, total } = data.targets;
  if (t.kind === 'targets' && t.a && t.b) {
    const unmet = /^\s*(chỉ tiêu|mục tiêu)[^;.]{0,30}?chưa (đạt|hoàn thành)/u.test(after);
    const metWords = /^\s*(chỉ tiêu|mục tiêu)[^;.]{0,30}?(đạt|vượt|hoàn thành)/u.test(after);
    if (!unmet && !metWords) return;
    const expected = unmet ? total - met : met;
    const ok = t.a.value === expected && t.b.value === total;
    const shown = `${expected}/${total}`;
    ctx.emit({
      kind: 'data',
      severity: ok ? 'info' : 'warning',
      start: t.start,
      end: t.end,
      stated: t.raw,
      computed: shown,
      suggestion: ok ? null : shown,
      indicator: 'targets',
      message: ok
        ? `Khớp kết quả đánh giá mục tiêu: ${shown} chỉ tiêu ${unmet ? 'chưa đạt' : 'đạt và vượt'}.`
        : `Văn bản ghi ${t.raw} chỉ tiêu ${unmet ? 'chưa đạt' : 'đạt và vượt'} nhưng theo số liệu tổng hợp là ${shown}.`,
    });
    return;
  }
  if (t.kind === 'num' && t.num && t.num.style === 'plain' && t.num.decimals === 0) {
    const m = /^\s*(chỉ tiêu|mục tiêu)( cụ thể)?[^;.,]{0,30}?(chưa đạt|chưa hoàn thành|đạt và vượt|đạt)/u.exec(after);
    if (!m) return;
    const unmet = (m[3] as string).startsWith('chưa');
    const expected = unmet ? total - met : met;
    const ok = t.num.value === expected;
    ctx.emit({
      kind: 'data',
      severity: ok ? 'info' : 'warning',
      start: t.start,
      end: t.end,
      stated: t.raw,
      computed: String(expected),
      suggestion: ok ? null : String(expected),
      indicator: 'targets',
      message: ok
        ? `Khớp kết quả đánh giá mục tiêu: ${expected} chỉ tiêu ${unmet ? 'chưa đạt' : 'đạt'}.`
        : `Văn bản ghi ${t.raw} chỉ tiêu ${unmet ? 'chưa đạt' : 'đạt'} nhưng theo số liệu tổng hợp là ${expected}/${total}.`,
    });
  }
}

/** "tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt 98,55%": a stated province ratio against the data. */
function checkRatio(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const pre = ctx.lower.slice(Math.max(0, t.start - 140), t.start);
  const m = /tỷ lệ([^;:()%]*?)\s(đạt|là|bằng|chiếm)\s*$/u.exec(pre);
  if (!m) return;
  const named = m[1] as string;
  if (TIER.test(named) || PART_OF_PERIOD.test(named) || TIER.test(ctx.lower.slice(t.end, t.end + 12))) return;
  const grams = new Set(bigrams(syllables(named)));
  const scored = data.ratios
    .filter((r) => r.province !== null)
    .map((r) => {
      const rg = new Set(bigrams(syllables(r.label.replace(/^tỷ lệ\s*/iu, ''))));
      let hit = 0;
      for (const g of rg) if (grams.has(g)) hit++;
      return { r, score: rg.size ? hit / rg.size : 0, hit };
    })
    .filter((s) => s.hit > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < 0.6 || (scored[1] && scored[1].score >= best.score)) return;
  const shown = `${formatNumber(best.r.province!, { decimals: Math.max(2, t.num!.decimals) })}%`;
  const ok = agree(t.num!, best.r.province!, t.approx) === 'ok';
  ctx.emit({
    kind: 'data',
    severity: ok ? 'info' : 'warning',
    start: t.start,
    end: t.end,
    stated: t.raw,
    computed: shown,
    suggestion: ok ? null : `${formatNumber(best.r.province!, { decimals: t.num!.decimals })}%`,
    indicator: best.r.code,
    message: ok
      ? `Khớp số liệu tổng hợp: ${best.r.label} là ${shown}.`
      : `Văn bản ghi ${t.raw} nhưng số liệu tổng hợp của ${best.r.label} (${best.r.code}) là ${shown}.`,
  });
}

/** Check 7 over one paragraph. */
export function checkData(ctx: ParagraphContext, data: DataFacts): void {
  for (const t of ctx.tokens) {
    if (
      t.kind === 'targets' ||
      (t.kind === 'num' && /^\s*(chỉ tiêu|mục tiêu)/u.test(ctx.lower.slice(t.end, t.end + 12)))
    ) {
      checkTargets(ctx, t, data);
      continue;
    }
    if (t.kind === 'num' && t.num) checkCount(ctx, t, data);
    else if (t.kind === 'pct' && t.num) checkRatio(ctx, t, data);
  }
}
