/**
 * Check 3 across a footnote: a figure split by tier in the footnote its mark leads to — "… của các
 * cấp là 1.668 thủ tục¹" with "¹ Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục."
 * (the app's own reports give breakdowns so, and a clerk who edits the figure in the text seldom
 * edits its note). The tiers' figures cannot add up to more than the figure; when the note gives
 * every tier of the period (the three, or those the period's data has), they add up to it. A
 * fraction splits both ways ("37/40 cơ quan, đơn vị¹" — "Cấp sở 21/21 …; cấp huyện 7/7 …; cấp xã
 * 9/12 …").
 *
 * Read only: a note that is one list of tiers and nothing else, about the figure its mark follows,
 * counted in the same noun (or in "người" for a noun of people: "118 cán bộ … (khiển trách 84,
 * …)¹" — "Cấp sở 41 người; …"); or a note of lists that each say what they count before a colon
 * ("Số cuộc kiểm tra, tự kiểm tra: cấp sở 64, …; số cơ quan, đơn vị được kiểm tra: cấp sở 21, …"),
 * each against the one figure of the marked sentence counted in its label's words. A note with
 * words of its own is left alone.
 */
import type { ParagraphContext } from './context.js';
import { figuresBeforeMark, significant } from './context.js';
import { showNumber } from './precision.js';
import type { Token } from './tokens.js';

type Tier = 'so' | 'huyen' | 'xa';
const TIER_OF: Record<string, Tier> = { 'cấp sở': 'so', 'cấp huyện': 'huyen', 'cấp xã': 'xa' };
const TIER_NAME: Record<Tier, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

/** One item of a tier list: "Cấp sở 1.245 thủ tục", "cấp huyện giảm 448 biên chế", "cấp xã 9/12 đơn vị". */
const ITEM = /^\s*(cấp sở|cấp huyện|cấp xã)\s+(?:(giảm|tăng)\s+)?(\d[\d.,/]*)(?:\s+([\p{L} ,]*?))?\s*$/u;
/** Nouns of people: a part counted in "người" may be of a whole counted in any of them. */
const PEOPLE = /^(?:người|cán bộ|công chức|viên chức|cbccvc)$/u;
/** Units are "cơ quan" or "đơn vị" as the sentence goes ("37/40 cơ quan, đơn vị" — "cấp xã 9/12 đơn vị"). */
const UNITS = /^(?:cơ quan|đơn vị)$/u;

interface Part {
  tier: Tier;
  token: Token;
  noun: string;
}

/** The note's items when it is one list of tiers and nothing else. */
function tierList(note: ParagraphContext): { parts: Part[]; verb: string | undefined } | undefined {
  const text = note.text.replace(/[.;]\s*$/u, '');
  const items = text.split(';');
  const parts: Part[] = [];
  const verbs = new Set<string>();
  let offset = 0;
  for (const item of items) {
    const m = ITEM.exec(item.toLowerCase());
    const at = offset;
    offset += item.length + 1;
    if (!m) return undefined;
    const tier = TIER_OF[m[1]!]!;
    if (parts.some((p) => p.tier === tier)) return undefined;
    verbs.add(m[2] ?? '');
    const start = at + item.toLowerCase().indexOf(m[3]!, m[1]!.length);
    const token = note.tokens.find((t) => t.start === start && significant(t));
    if (!token || token.kind === 'pct') return undefined;
    parts.push({ tier, token, noun: (m[4] ?? '').trim() });
  }
  if (parts.length < 2 || verbs.size > 1) return undefined;
  return { parts, verb: [...verbs][0] || undefined };
}

/** The counted noun after a figure (its first words up to a comma, a bracket or the clause's end). */
function nounAfter(ctx: ParagraphContext, t: Token): string {
  return /^\s*([\p{L} ]*)/u.exec(ctx.lower.slice(t.end, t.end + 40))![1]!.trim();
}

/** Whether a part's counted noun may be the whole's (the same, one the start of the other, units, people). */
function sameNoun(whole: string, part: string): boolean {
  if (part === '' || whole.startsWith(part) || part.startsWith(whole)) return true;
  const head = (n: string): string => n.split(' ').slice(0, 2).join(' ');
  if (UNITS.test(head(whole)) && UNITS.test(head(part))) return true;
  return part === 'người' && PEOPLE.test(head(whole));
}

/**
 * The note's lists that each say what they count before a colon ("Số cuộc kiểm tra, tự kiểm tra:
 * cấp sở 64, cấp huyện 38, cấp xã 25; số cơ quan, đơn vị được kiểm tra: cấp sở 21, …"): each
 * with its label in lower case and its items (a tier and a bare figure).
 */
function labelledLists(note: ParagraphContext): { label: string; parts: Part[] }[] | undefined {
  const text = note.text.replace(/[.;]\s*$/u, '');
  const out: { label: string; parts: Part[] }[] = [];
  let offset = 0;
  for (const segment of text.split(';')) {
    const at = offset;
    offset += segment.length + 1;
    const colon = segment.indexOf(':');
    if (colon < 0) return undefined;
    const label = segment.slice(0, colon).trim().toLowerCase();
    const parts: Part[] = [];
    let from = at + colon + 1;
    for (const item of segment.slice(colon + 1).split(/,(?=\s)/u)) {
      const m = /^\s*(cấp sở|cấp huyện|cấp xã)\s+(\d[\d.,/]*)\s*$/u.exec(item.toLowerCase());
      if (!m) return undefined;
      const start = from + item.toLowerCase().lastIndexOf(m[2]!);
      from += item.length + 1;
      const token = note.tokens.find((t) => t.start === start && significant(t));
      const tier = TIER_OF[m[1]!]!;
      if (!token || token.kind === 'pct' || parts.some((p) => p.tier === tier)) return undefined;
      parts.push({ tier, token, noun: '' });
    }
    if (parts.length < 2 || label === '') return undefined;
    out.push({ label, parts });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Check a footnote `note` whose mark sits at offset `at` of paragraph `body`; `tiers`, when
 * known, are the period's tiers (all of them listed means the parts must make the whole).
 */
export function checkNoteParts(
  note: ParagraphContext,
  body: ParagraphContext,
  at: number,
  tiers: Tier[] | undefined,
): void {
  const list = tierList(note);
  if (list) {
    // The figure the mark follows.
    const whole = figuresBeforeMark(body, at, true).at(-1);
    if (!whole || whole.kind === 'pct') return;
    const wholeNoun = nounAfter(body, whole);
    if (!list.parts.every((p) => sameNoun(wholeNoun, p.noun))) return;
    // A change split by tier is of a change: "giảm 722 biên chế¹" — "Cấp sở giảm 274 biên chế; …".
    if (
      list.verb &&
      !new RegExp(`${list.verb}\\s+(?:được\\s+)?$`, 'u').test(
        body.lower.slice(Math.max(0, whole.start - 12), whole.start),
      )
    )
      return;
    compareParts(note, whole, list.parts, tiers);
    return;
  }
  // Lists that say what they count: each against the figure of its sentence counted in those words
  // ("… 127 cuộc kiểm tra, tự kiểm tra tại 40 cơ quan, đơn vị¹").
  const figures = figuresBeforeMark(body, at, true).filter((t) => t.kind !== 'pct');
  for (const l of labelledLists(note) ?? []) {
    const named = figures.filter((t) => {
      const noun = nounAfter(body, t);
      return noun !== '' && l.label.includes(noun);
    });
    if (named.length === 1) compareParts(note, named[0]!, l.parts, tiers);
  }
}

/** The parts of a figure by tier against it: more is an error, and less when every tier is given. */
function compareParts(note: ParagraphContext, whole: Token, parts: Part[], tiers: Tier[] | undefined): void {
  const all = (tiers ?? ['so', 'huyen', 'xa']).every((t) => parts.some((p) => p.tier === t));
  const sides: ('a' | 'b' | 'num')[] = whole.kind === 'frac' ? ['a', 'b'] : ['num'];
  if (whole.kind === 'frac' && !parts.every((p) => p.token.kind === 'frac')) return;
  if (whole.kind !== 'frac' && parts.some((p) => p.token.kind === 'frac')) return;
  for (const side of sides) {
    const w = whole[side]!;
    const values = parts.map((p) => p.token[side]!);
    if (values.some((v) => v.decimals > 0) || w.decimals > 0) return;
    const sum = values.reduce((s, v) => s + v.value, 0);
    if (sum === w.value || (!all && sum < w.value)) continue;
    const first = parts[0]!.token;
    const last = parts.at(-1)!.token;
    const terms = parts.map((p) => `${TIER_NAME[p.tier]} ${p.token[side]!.raw}`).join(' + ');
    const what = whole.kind === 'frac' ? (side === 'a' ? 'tử số' : 'mẫu số') : 'số';
    note.emit({
      kind: 'whole-parts',
      severity: 'error',
      start: first.start,
      end: last.end,
      stated: w.raw,
      computed: showNumber(sum),
      suggestion: null,
      message:
        sum > w.value
          ? `Các số theo cấp ở chú thích cộng lại nhiều hơn ${what} ở câu có dấu chú thích: ${terms} = ${showNumber(sum)}, lớn hơn ${w.raw}.`
          : `Các số theo cấp ở chú thích (đủ các cấp) cộng lại không bằng ${what} ở câu có dấu chú thích: ${terms} = ${showNumber(sum)}, không phải ${w.raw}.`,
    });
    return;
  }
}
