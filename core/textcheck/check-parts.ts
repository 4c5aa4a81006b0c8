/**
 * Checks 3 and 4: a whole and its parts ("N người; trong đó nữ X (y%)", "Trình độ chuyên
 * môn: trên đại học A (p%), đại học B (q%)…", "722 biên chế (công chức 60, viên chức 662)"),
 * and percentages of one population that add to more than 100 %.
 */
import { formatNumber } from '../numbers/index.js';
import { MONEY_SCALES, scaleWordAfter, significant, tokensIn, wordsAfter, type ParagraphContext } from './context.js';
import { isChangeRate } from './check-fractions.js';
import { splitFamily, type Family } from './families.js';
import { agree, halfUnit, showComputedPercent, showNumber, suggestPercent } from './precision.js';
import { closingParen, depths, splitTopLevel, trim, type Range } from './segment.js';
import type { Token } from './tokens.js';

type Trigger = 'trong-do' | 'gom' | 'paren' | 'colon' | 'tong-cong' | 'none';
type Marker = 'paren' | 'chiem' | 'dat' | 'bare';

interface Item extends Range {
  /** The item's words, lower-case, figures blanked (for matching). */
  label: string;
  /** How the item is named in messages ("nữ", "cao đẳng"). */
  name: string;
  count?: Token;
  pct?: Token;
  marker?: Marker;
}

interface List {
  trigger: Trigger;
  whole?: Token;
  /** The whole is the last figure before a colon header or found in an earlier sentence. */
  wholeFrom?: 'sentence' | 'earlier';
  region: Range;
  items: Item[];
  /**
   * For a total after its parts: said to be their sum ("tổng cộng", "cộng lại") rather than
   * only named a whole ("tổng số 10 xã" after "5 xã đạt, 3 xã chưa đạt" may count others).
   */
  summed?: boolean;
}

const CHANGE = /(so với|so cùng kỳ|\btăng\b|\bgiảm\s+\d)/u;

/** Split a region into items: label fragments without a figure join the next one; "chiếm 45%" joins the previous. */
export function items(ctx: ParagraphContext, region: Range): Item[] {
  const frags: Range[] = [];
  for (const r of splitTopLevel(ctx.text, region.start, region.end)) {
    // "… 84 và buộc thôi việc 13": split at " và " when both sides hold a figure.
    let from = r.start;
    const d = depths(ctx.text.slice(r.start, r.end));
    const re = /\s(và)\s/gu;
    const sub = ctx.lower.slice(r.start, r.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(sub))) {
      const at = r.start + m.index;
      if ((d[m.index] ?? 0) !== 0) continue;
      const left = tokensIn(ctx, { start: from, end: at }).some(significant);
      const right = tokensIn(ctx, { start: at, end: r.end }).some(significant);
      if (left && right) {
        frags.push(trim(ctx.text, from, at));
        from = at + m[0].length;
      }
    }
    frags.push(trim(ctx.text, from, r.end));
  }
  const merged: Range[] = [];
  let pending: number | undefined;
  for (const f of frags) {
    const toks = tokensIn(ctx, f).filter(significant);
    const lower = ctx.lower.slice(f.start, f.end);
    if (toks.length === 0) {
      pending ??= f.start;
      continue;
    }
    if (
      merged.length > 0 &&
      toks.length === 1 &&
      toks[0]!.kind === 'pct' &&
      /^(\(?\s*)?(chiếm|đạt|bằng|tỷ lệ|tương đương|đạt tỷ lệ)\s/u.test(lower)
    ) {
      const last = merged[merged.length - 1] as Range;
      last.end = f.end;
      continue;
    }
    merged.push({ start: pending ?? f.start, end: f.end });
    pending = undefined;
  }
  if (pending !== undefined && merged.length > 0) (merged[merged.length - 1] as Range).end = region.end;
  return merged.map((r) => {
    const toks = tokensIn(ctx, r);
    const d = depths(ctx.text.slice(r.start, r.end));
    const count = toks.find((t) => t.kind === 'num' && (d[t.start - r.start] ?? 0) === 0);
    const pct = toks.find((t) => t.kind === 'pct' && !isChangeRate(ctx, t));
    let marker: Marker | undefined;
    if (pct) {
      const pre = ctx.lower.slice(r.start, pct.start);
      marker = /chiếm\s*$/u.test(pre)
        ? 'chiem'
        : /(đạt|bằng|tương đương|tỷ lệ|đạt tỷ lệ)\s*$/u.test(pre)
          ? 'dat'
          : /\(\s*$/u.test(pre)
            ? 'paren'
            : 'bare';
    }
    let label = ctx.lower.slice(r.start, r.end);
    for (const t of toks.slice().reverse())
      label = label.slice(0, t.start - r.start) + ' '.repeat(t.end - t.start) + label.slice(t.end - r.start);
    return {
      ...r,
      label: label.replace(/\s+/g, ' ').trim(),
      name: nameOf(ctx, r, toks),
      ...(count ? { count } : {}),
      ...(pct ? { pct } : {}),
      ...(marker ? { marker } : {}),
    };
  });
}

/** The words naming an item: before its first figure, or after it when the figure comes first. */
function nameOf(ctx: ParagraphContext, r: Range, toks: Token[]): string {
  const first = toks.find(significant);
  const clean = (s: string): string =>
    s
      .replace(/\([^)]*\)?/g, ' ')
      .replace(/^[\s,;:.]*(trong đó|bao gồm|gồm|có|là|với|và)?[\s,;:]*/iu, '')
      .replace(/[\s,;:.()]+$/u, '')
      .replace(/\s+/g, ' ')
      .trim();
  if (!first) return clean(ctx.text.slice(r.start, r.end));
  const before = clean(ctx.text.slice(r.start, first.start).replace(/\d+/g, ' '));
  if (before && !/^((năm|có|là|với|và|đã|thì)[\s,]*)+$/iu.test(before)) return before;
  const nextFig = toks.find((t) => significant(t) && t.start > first.start);
  return clean(ctx.text.slice(first.end, nextFig ? nextFig.start : r.end));
}

/** The last figure before `at` in the sentence, if it is a count (not a rate or a fraction). */
function lastCountBefore(ctx: ParagraphContext, sentence: Range, at: number): Token | undefined {
  const toks = tokensIn(ctx, { start: sentence.start, end: at }).filter(significant);
  const t = toks[toks.length - 1];
  return t && t.kind === 'num' ? t : undefined;
}

/**
 * "Đã tuyển dụng 80 công chức và 262 viên chức, tổng cộng 352 người": a total stated after its
 * parts, which says the parts listed before it (back to the start of the clause) are all of it.
 */
const TOTAL_AFTER = /[,;–-]\s*(tổng cộng|cộng lại|tổng số|tổng)\s*(là|:)?\s*$/u;
/** A count of a length of time ("trong 9 tháng", "tổng 2 năm") is neither a part nor a total of what is counted. */
const TIME_AFTER = /^\s*(năm|tháng|quý|tuần|ngày|giờ|kỳ)(?!\p{L})/u;

function totalsAfterParts(ctx: ParagraphContext, sentence: Range): List[] {
  const lists: List[] = [];
  const toks = tokensIn(ctx, sentence).filter(significant);
  for (const whole of toks) {
    if (whole.kind !== 'num' || (ctx.depth[whole.start] ?? 0) !== 0) continue;
    if (TIME_AFTER.test(ctx.lower.slice(whole.end, whole.end + 8))) continue;
    const m = TOTAL_AFTER.exec(ctx.lower.slice(Math.max(sentence.start, whole.start - 40), whole.start));
    if (!m) continue;
    const sep = whole.start - m[0].length;
    // The parts: back to the start of the clause (a ";" or ":" at the same depth, or the sentence's start).
    let from = sep;
    while (from > sentence.start && !/[;:]/.test(ctx.text[from - 1] as string)) from--;
    if ((ctx.depth[from] ?? 0) !== 0) continue;
    // "Tiếp nhận 500 hồ sơ, trong đó trực tuyến 200, trực tiếp 300, tổng cộng 500": the parts are
    // what follows the last "trong đó" or "gồm", not the whole before it.
    const split = /^.*(?<!\p{L})(trong đó|bao gồm|gồm)(?!\p{L})\s*:?/su.exec(ctx.lower.slice(from, sep));
    if (split) from += split[0].length;
    const region = { start: from, end: sep };
    const its = items(ctx, region).filter(
      (i) => !(i.count && TIME_AFTER.test(ctx.lower.slice(i.count.end, i.count.end + 8))),
    );
    if (its.filter((i) => i.count).length < 2) continue;
    lists.push({ trigger: 'tong-cong', whole, wholeFrom: 'sentence', region, items: its, summed: /cộng/u.test(m[1]!) });
  }
  return lists;
}

/**
 * "Trong tổng số 1.856 TTHC, có 1.458 TTHC cấp tỉnh (78,56%), 270 TTHC cấp huyện (14,55%) và 128
 * TTHC cấp xã (6,90%)": the whole named first, its parts after "có" — read as after "trong đó".
 */
function partsOfWholeFirst(ctx: ParagraphContext, sentence: Range): List[] {
  const lists: List[] = [];
  for (const whole of tokensIn(ctx, sentence).filter(significant)) {
    if (whole.kind !== 'num' || (ctx.depth[whole.start] ?? 0) !== 0) continue;
    if (!/(?<!\p{L})trong tổng số\s*$/u.test(ctx.lower.slice(Math.max(sentence.start, whole.start - 20), whole.start)))
      continue;
    const m = /^[^\d;]{0,60}?,\s*(?:thì\s+)?(?:có|gồm)\s+/u.exec(ctx.lower.slice(whole.end, sentence.end));
    if (!m) continue;
    const from = whole.end + m[0].length;
    // Up to the end of the clause (a ";" outside brackets).
    const region = { start: from, end: splitTopLevel(ctx.text, from, sentence.end, ';')[0]?.end ?? sentence.end };
    const its = items(ctx, region);
    if (its.filter((i) => i.count).length < 2) continue;
    lists.push({ trigger: 'trong-do', whole, wholeFrom: 'sentence', region, items: its });
  }
  return lists;
}

/** The lists of one sentence: each trigger, its whole and its items. */
function findLists(ctx: ParagraphContext, sentence: Range): List[] {
  const lists: List[] = [...totalsAfterParts(ctx, sentence), ...partsOfWholeFirst(ctx, sentence)];
  const text = ctx.lower;
  const sEnd = sentence.end;
  const d = ctx.depth;
  const regionEnd = (from: number, colon: boolean): number => {
    // Inside brackets: up to the closing one. After a colon: the end of the sentence.
    // Otherwise: the next ";" at the same depth.
    const depth = d[from] ?? 0;
    for (let i = from; i < sEnd; i++) {
      const c = ctx.text[i];
      if ((c === ')' || c === ']') && (d[i] ?? 0) === depth && depth > 0) return i;
      if (!colon && c === ';' && (d[i] ?? 0) === depth) return i;
    }
    return sEnd;
  };
  const re = /trong đó|bao gồm|gồm|\(|:/gu;
  re.lastIndex = sentence.start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < sEnd) {
    const at = m.index;
    const word = m[0];
    if (word === 'trong đó' || word === 'gồm' || word === 'bao gồm') {
      if (word === 'gồm' && /bao\s$/u.test(text.slice(at - 4, at))) continue;
      if (/[\p{L}]/u.test(text[at - 1] ?? ' ') || /[\p{L}]/u.test(text[at + word.length] ?? ' ')) continue;
      let from = at + word.length;
      const after = /^\s*(:|có)?\s*/u.exec(text.slice(from)) as RegExpExecArray;
      const colon = (after[1] ?? '') === ':';
      from += after[0].length;
      const end = regionEnd(from, colon);
      const whole = lastCountBefore(ctx, sentence, at);
      lists.push({
        trigger: word === 'trong đó' ? 'trong-do' : 'gom',
        ...(whole ? { whole, wholeFrom: 'sentence' as const } : {}),
        region: { start: from, end },
        items: items(ctx, { start: from, end }),
      });
      re.lastIndex = from;
      continue;
    }
    if (word === '(') {
      const close = closingParen(ctx.text, at, sEnd);
      const inner = text.slice(at + 1, close);
      if (/^\s*(trong đó|gồm|bao gồm)/u.test(inner)) continue;
      const toks = tokensIn(ctx, { start: sentence.start, end: at }).filter(significant);
      const whole = toks[toks.length - 1];
      if (!whole || whole.kind !== 'num') continue;
      const gap = text.slice(whole.end, at);
      if (gap.length > 90 || /[;:]/.test(gap)) continue;
      lists.push({
        trigger: 'paren',
        whole,
        wholeFrom: 'sentence',
        region: { start: at + 1, end: close },
        items: items(ctx, { start: at + 1, end: close }),
      });
      continue;
    }
    // A colon header: "Trình độ chuyên môn: …", "Về xếp loại (2.300 người): …"
    if (/\d/.test(text[at + 1] ?? '') || /\d/.test(text[at - 1] ?? '')) continue;
    let hs = at;
    while (hs > sentence.start && text[hs - 1] !== ';') hs--;
    const header = text.slice(hs, at);
    if (/(trong đó|gồm)\s*$/u.test(header)) continue;
    const headTokens = tokensIn(ctx, { start: hs, end: at }).filter(significant);
    const whole = headTokens[headTokens.length - 1];
    const from = at + 1;
    lists.push({
      trigger: 'colon',
      ...(whole && whole.kind === 'num' ? { whole, wholeFrom: 'sentence' as const } : {}),
      region: { start: from, end: sEnd },
      items: items(ctx, { start: from, end: sEnd }),
    });
  }
  return lists;
}

/** Figures elsewhere in the paragraph that a stated percentage might belong to. */
function otherCounts(ctx: ParagraphContext, exclude: Token[]): Token[] {
  return ctx.tokens.filter((t) => t.kind === 'num' && !exclude.includes(t) && t.num!.value > 0);
}

function fmtTok(t: Token): string {
  return formatNumber(t.num!.value, { decimals: t.num!.decimals });
}

/** The money scale written right after a figure ("1,2 tỷ đồng" → 10⁹), if one is. */
function scaleOf(ctx: ParagraphContext, t: Token): number | undefined {
  const word = scaleWordAfter(ctx, t);
  return word === undefined ? undefined : MONEY_SCALES[word];
}

/** Evaluate one list: percentages against the whole, parts against the whole, shares against 100 %. */
function evaluateList(ctx: ParagraphContext, list: List, sentenceIndex: number): void {
  const its = list.items.filter((i) => !/^(trong đó|riêng)\b/u.test(i.label) && !CHANGE.test(i.label));
  if (its.length === 0) return;
  const counted = its.filter((i) => i.count);
  const withPct = its.filter((i) => i.pct && !ctx.used.has(i.pct.start));
  if (counted.length === 0 && withPct.length < 2) return;
  const fam = splitFamily(its.map((i) => i.label));
  // Amounts in the scale of the whole (or of the first part): "1,2 tỷ đồng, gồm … 800 triệu
  // đồng" compares 0,8 with 1,2. A figure without a scale word has the list's.
  const first = counted[0]?.count;
  const listScale =
    (list.whole ? scaleOf(ctx, list.whole) : undefined) ?? (first ? scaleOf(ctx, first) : undefined) ?? 1;
  const value = (t: Token): number => (t.num!.value * (scaleOf(ctx, t) ?? listScale)) / listScale;
  const sum = counted.reduce((s, i) => s + value(i.count!), 0);
  // With amounts in several scales, each is named with its scale word ("800 triệu + 500 triệu").
  const scales = new Set([list.whole, ...counted.map((i) => i.count)].map((t) => (t ? scaleOf(ctx, t) : undefined)));
  const mixed = scales.size > 1;
  /** " tỷ" after a figure of that scale (the list's when it has none), only when scales are mixed. */
  const word = (scale: number | undefined): string =>
    mixed ? ` ${Object.keys(MONEY_SCALES).find((k) => MONEY_SCALES[k] === (scale ?? listScale)) ?? ''}`.trimEnd() : '';
  const amount = (t: Token): string => `${fmtTok(t)}${word(scaleOf(ctx, t))}`;
  const sumText = mixed
    ? `${formatNumber(sum, { decimals: 3 }).replace(/,?0+$/, '')}${word(listScale)}`
    : showNumber(sum);
  let whole = list.whole;
  let wholeFrom = list.wholeFrom;
  if (!whole && counted.length >= 2) {
    // A total stated before the list ("Tổng số … là 2.300 người. Trình độ chuyên môn: …").
    const earlier = ctx.tokens.filter(
      (t) => t.kind === 'num' && t.end <= list.region.start && Math.abs(value(t) - sum) < 1e-9,
    );
    const stated = ctx.tokens.filter(
      (t) =>
        t.kind === 'num' &&
        t.end <= list.region.start &&
        /tổng số[^\d;.]{0,60}$/u.test(ctx.lower.slice(Math.max(0, t.start - 70), t.start)),
    );
    const found = earlier[earlier.length - 1] ?? (sentenceIndex > 0 ? stated[stated.length - 1] : undefined);
    if (found) {
      whole = found;
      wholeFrom = 'earlier';
    }
  }
  // A whole taken from an earlier sentence that does not equal the parts is a guess: warnings only.
  const guessed = wholeFrom === 'earlier' && !!whole && Math.abs(value(whole) - sum) > 1e-9;
  const pctSum = withPct.reduce((s, i) => s + i.pct!.num!.value, 0);
  const tol = withPct.reduce((s, i) => s + halfUnit(i.pct!.num!.decimals), 0) + 1e-9;
  const pctComplete = withPct.length >= 2 && withPct.length === its.length && Math.abs(pctSum - 100) <= tol;
  const exclusive = !!fam || list.trigger === 'gom' || list.trigger === 'tong-cong';
  let flagged = false;

  // Parts against the whole.
  if (whole && counted.length >= 1) {
    const W = value(whole);
    for (const i of counted) {
      // "(Nghị quyết là trong nhóm 50)", "(năm 2022 là 50 điểm)": brackets after a figure hold
      // parts only when they name parts of one split.
      const partsForSure =
        list.trigger === 'trong-do' ||
        list.trigger === 'gom' ||
        list.trigger === 'tong-cong' ||
        (list.trigger === 'paren' && !!fam);
      if (value(i.count!) > W + 1e-9 && partsForSure) {
        flagged = true;
        ctx.emit({
          kind: 'whole-parts',
          severity: 'error',
          start: i.count!.start,
          end: i.count!.end,
          stated: fmtTok(i.count!),
          computed: `≤ ${fmtTok(whole)}`,
          suggestion: null,
          message: `Phần "${i.name}" ${fmtTok(i.count!)} lớn hơn cả tổng số ${fmtTok(whole)} mà nó thuộc về. Đề nghị kiểm tra lại.`,
        });
      }
    }
    if (counted.length >= 2 && exclusive && !flagged) {
      const over = sum > W + 1e-9;
      const under = sum < W - 1e-9;
      const mustEqual = list.trigger === 'gom' || list.trigger === 'tong-cong' || pctComplete;
      if (over || (under && mustEqual)) {
        if (!guessed) flagged = true;
        const first = counted[0] as Item;
        const last = counted[counted.length - 1] as Item;
        ctx.emit({
          kind: 'whole-parts',
          // Parts short of a whole only named after them: perhaps some were left unsaid.
          severity: guessed || (under && list.trigger === 'tong-cong' && !list.summed) ? 'warning' : 'error',
          start: wholeFrom === 'earlier' ? first.start : Math.min(whole.start, first.start),
          end: wholeFrom === 'earlier' ? last.end : Math.max(whole.end, last.end),
          stated: fmtTok(whole),
          computed: sumText,
          suggestion: null,
          message: `Các phần (${counted.map((i) => amount(i.count!)).join(' + ')}) cộng lại ${sumText}, ${over ? 'lớn hơn' : 'nhỏ hơn'} tổng số ${amount(whole)}. Đề nghị kiểm tra lại tổng hoặc các phần.`,
        });
      }
    }
  }

  // Each part's percentage against its share of the whole. Without a whole, the parts' sum is
  // it when the rates add to 100 %, or when every part has its count and rate and all of them
  // but one are exactly count/sum ("xuất sắc 12 đơn vị (25%), tốt 20 đơn vị (50%), hoàn thành
  // 8 đơn vị (20%)": 20 and 8 of 40 are 50 % and 20 %, so 12 of 40 is 30 %, not 25 %).
  const complete = counted.length === its.length && withPct.length === its.length;
  const matching =
    complete && sum > 0
      ? withPct.filter((i) => agree(i.pct!.num!, (value(i.count!) / sum) * 100, i.pct!.approx) === 'ok').length
      : 0;
  const corroborated = complete && its.length >= 3 && matching >= 2 && matching === its.length - 1;
  const base = whole ? value(whole) : (pctComplete || corroborated) && counted.length === its.length ? sum : undefined;
  if (base && base > 0) {
    for (const i of withPct) {
      if (!i.count) continue;
      const stated = i.pct!;
      ctx.used.add(stated.start);
      const exact = (value(i.count) / base) * 100;
      const result = agree(stated.num!, exact, stated.approx);
      if (result === 'ok') continue;
      const dec = stated.num!.decimals;
      const implicit = i.marker === 'dat' && list.trigger !== 'trong-do';
      // Which number would fit the stated percentage?
      const fits: string[] = [];
      for (const o of counted)
        if (o !== i && agree(stated.num!, (value(o.count!) / base) * 100) === 'ok')
          fits.push(
            `tỷ lệ này khớp với phần "${o.name}" ${fmtTok(o.count!)} (${fmtTok(o.count!)}/${showNumber(base)})`,
          );
      for (const o of otherCounts(ctx, [i.count, ...(whole ? [whole] : [])]))
        if (agree(stated.num!, (value(i.count) / value(o)) * 100) === 'ok')
          fits.push(`tỷ lệ này khớp với ${fmtTok(i.count)}/${fmtTok(o)}`);
      if (sum !== base && sum > 0 && agree(stated.num!, (value(i.count) / sum) * 100) === 'ok')
        fits.push(`tỷ lệ này khớp với ${fmtTok(i.count)}/${showNumber(sum)} (tổng các phần)`);
      const needed = (stated.num!.value / 100) * base;
      const whole$ = whole ? fmtTok(whole) : `${showNumber(base)} (tổng các phần)`;
      const severity = result === 'truncated' || implicit || guessed || stated.approx === 'about' ? 'warning' : 'error';
      if (severity === 'error') flagged = true;
      ctx.emit({
        kind: 'whole-parts',
        severity,
        start: Math.min(i.count.start, stated.start),
        end: Math.max(i.count.end, stated.end),
        stated: stated.raw,
        computed: showComputedPercent(exact, dec),
        suggestion: stated.approx ? null : suggestPercent(exact, dec),
        message:
          result === 'truncated'
            ? `Tỷ lệ ${stated.raw} bị cắt bớt chữ số: ${fmtTok(i.count)}/${whole$} = ${showComputedPercent(exact, dec)}, làm tròn là ${suggestPercent(exact, dec)}.`
            : `Phần "${i.name}" ${fmtTok(i.count)} trên tổng số ${whole$} là ${showComputedPercent(exact, dec)}, không phải ${stated.raw}` +
              (fits.length > 0
                ? `; ${fits[0]}.`
                : `; ${stated.raw} của ${whole$} là khoảng ${showNumber(Math.round(needed))}.`) +
              (implicit ? ' Nếu tỷ lệ này tính trên một tổng khác, nên ghi rõ.' : ''),
      });
    }
  }

  // Shares of one population above 100 %.
  if (!flagged && withPct.length >= 2 && pctSum > 100 + tol) {
    const shares = fam
      ? fam.family.pctShares || counted.length === its.length
      : withPct.every((i) => i.marker === 'chiem');
    if (shares) {
      const first = withPct[0]!.pct!;
      const last = withPct[withPct.length - 1]!.pct!;
      ctx.emit({
        kind: 'shares',
        severity: 'error',
        start: Math.min(withPct[0]!.count?.start ?? first.start, first.start),
        end: Math.max(last.end, withPct[withPct.length - 1]!.end),
        stated: withPct.map((i) => i.pct!.raw).join(' + '),
        computed: `${formatNumber(pctSum, { decimals: Math.max(...withPct.map((i) => i.pct!.num!.decimals)) })}%`,
        suggestion: null,
        message: `Các tỷ lệ của cùng một tập hợp (${withPct.map((i) => `${i.name || '…'} ${i.pct!.raw}`).join(', ')}) cộng lại ${formatNumber(pctSum, { decimals: 2 })}%, vượt 100%.`,
      });
    }
    for (const i of withPct) ctx.used.add(i.pct!.start);
  }
}

/** A list of percentages with no trigger ("15,2% hoàn thành xuất sắc nhiệm vụ, 72,5% hoàn thành tốt…"). */
function freeShares(ctx: ParagraphContext, sentence: Range): void {
  const its = items(ctx, sentence);
  let run: Item[] = [];
  let fam: Family | undefined;
  const flush = (): void => {
    if (run.length >= 2 && fam?.pctShares) {
      const sum = run.reduce((s, i) => s + i.pct!.num!.value, 0);
      const tol = run.reduce((s, i) => s + halfUnit(i.pct!.num!.decimals), 0) + 1e-9;
      if (sum > 100 + tol) {
        ctx.emit({
          kind: 'shares',
          severity: 'error',
          start: run[0]!.pct!.start,
          end: run[run.length - 1]!.end,
          stated: run.map((i) => i.pct!.raw).join(' + '),
          computed: `${formatNumber(sum, { decimals: Math.max(...run.map((i) => i.pct!.num!.decimals)) })}%`,
          suggestion: null,
          message: `Các tỷ lệ của cùng một tập hợp (${run.map((i) => `${i.name} ${i.pct!.raw}`).join(', ')}) cộng lại ${formatNumber(sum, { decimals: 2 })}%, vượt 100%.`,
        });
      }
      for (const i of run) ctx.used.add(i.pct!.start);
    }
    run = [];
    fam = undefined;
  };
  for (const i of its) {
    const sig = tokensIn(ctx, i).filter(significant);
    const ok =
      i.pct &&
      !ctx.used.has(i.pct.start) &&
      sig.filter((t) => t.kind === 'pct').length === 1 &&
      !sig.some((t) => t.kind === 'frac');
    if (!ok) {
      flush();
      continue;
    }
    const next = splitFamily([...run.map((r) => r.label), i.label]);
    if (run.length === 0 || next) {
      run.push(i);
      fam = next?.family ?? fam;
    } else {
      flush();
      run.push(i);
    }
  }
  flush();
}

/**
 * "tiếp nhận 177.838 hồ sơ; giải quyết đúng hạn 173.903 hồ sơ, đạt 98,55%": a rate after a
 * count whose whole is only implied by an earlier count of the same thing. The reader takes
 * it as a share of that count; when it is not, say which numbers it does fit (a warning: the
 * link is the reader's inference, not the text's).
 */
function impliedWholes(ctx: ParagraphContext, sentence: Range): void {
  const toks = tokensIn(ctx, sentence).filter(significant);
  for (let k = 1; k < toks.length; k++) {
    const pct = toks[k] as Token;
    const x = toks[k - 1] as Token;
    if (pct.kind !== 'pct' || ctx.used.has(pct.start) || x.kind !== 'num' || isChangeRate(ctx, pct)) continue;
    // "đã thực hiện 14 cuộc, vượt 2 cuộc (đạt 116,7%)": a difference is no part of anything.
    if (/(?<!\p{L})(vượt|tăng|giảm|hơn|thêm)\s*$/u.test(ctx.lower.slice(Math.max(0, x.start - 12), x.start))) continue;
    if (!/^\s*[\p{L} ]{0,24}?\s*[,(]\s*(đạt|chiếm|bằng)\s*$/u.test(ctx.lower.slice(x.end, pct.start))) continue;
    const noun = wordsAfter(ctx, x);
    if (!noun) continue;
    const same = toks.filter((t) => t !== x && t.kind === 'num' && wordsAfter(ctx, t) === noun);
    const wholes = same.filter((t) => t.end <= x.start && t.num!.value >= x.num!.value);
    const whole = wholes[wholes.length - 1];
    if (!whole) continue;
    ctx.used.add(pct.start);
    const X = x.num!.value;
    const exact = (X / whole.num!.value) * 100;
    const result = agree(pct.num!, exact, pct.approx);
    if (result === 'ok') continue;
    const dec = pct.num!.decimals;
    let fit: string | undefined;
    for (const z of same) {
      if (z === whole) continue;
      if (z.start > x.start && agree(pct.num!, (X / (X + z.num!.value)) * 100) === 'ok')
        fit = `${fmtTok(x)}/(${fmtTok(x)} + ${fmtTok(z)}) = ${showComputedPercent((X / (X + z.num!.value)) * 100, dec)}`;
      else if (z.num!.value >= X && agree(pct.num!, (X / z.num!.value) * 100) === 'ok')
        fit = `${fmtTok(x)}/${fmtTok(z)} = ${showComputedPercent((X / z.num!.value) * 100, dec)}`;
      if (fit) break;
    }
    ctx.emit({
      kind: 'whole-parts',
      severity: 'warning',
      start: x.start,
      end: pct.end,
      stated: pct.raw,
      computed: showComputedPercent(exact, dec),
      suggestion: null,
      message:
        `Người đọc hiểu ${pct.raw} là ${fmtTok(x)}/${fmtTok(whole)} ${noun}, nhưng ${fmtTok(x)}/${fmtTok(whole)} = ${showComputedPercent(exact, dec)}` +
        (fit ? `; ${pct.raw} khớp với ${fit}.` : '.') +
        ' Nên ghi rõ tỷ lệ tính trên tổng số nào.',
    });
  }
}

/** Checks 3 and 4 over one sentence. */
export function checkParts(ctx: ParagraphContext, whole: Range, sentenceIndex: number): void {
  // The closing full stop (or "./.") is no part of the last item.
  let end = whole.end;
  while (end > whole.start && /[.;/\s]/.test(ctx.text[end - 1] as string)) end--;
  const sentence = { start: whole.start, end };
  for (const list of findLists(ctx, sentence)) evaluateList(ctx, list, sentenceIndex);
  freeShares(ctx, sentence);
  impliedWholes(ctx, sentence);
}
