/**
 * Check 7: figures the text gives for the province — or for a tier or one unit its clause names,
 * or that the text was about just before — against the consolidated data of the period (a unit's:
 * the figures of its return). A count is
 * matched to an indicator by the words around it (the verb before, the counted noun after, the
 * label's other words) scored against each indicator's label, and only when one indicator clearly
 * wins — a figure no indicator claims is left alone, so the check never cries wolf. Equal: info.
 * Different: a warning naming the indicator and both numbers. "x/9 chỉ tiêu đạt và vượt" is
 * compared with the targets met.
 */
import { formatNumber } from '../numbers/index.js';
import { figuresBeforeMark, MONEY_SCALES, significant, type ParagraphContext } from './context.js';
import { agree, showNumber } from './precision.js';
import type { Token } from './tokens.js';
import type { DataFacts, UnitFacts } from './types.js';

type Indicator = DataFacts['indicators'][number];

const STOP = new Set(
  'số lượng tổng của các được đã và về trong đó theo thuộc cho với có là những do từ hoặc hiện nay sau trước kỳ đang năm'.split(
    ' ',
  ),
);

/**
 * The words of {@link STOP} that say nothing of what a label counts: "hiện có", "năm 2021",
 * "trước cắt giảm" do, so a label's own words keep them. ("Số lượng người làm việc" is the
 * number of people working, as "Số người làm việc" is.)
 */
const FUNCTION_WORDS = new Set(
  'số lượng tổng của các được đã và về trong đó theo cho với là những do từ hoặc'.split(' '),
);

/**
 * The other names the form itself gives a label's words, by a gloss of one term in brackets:
 * "Số lượng người làm việc (viên chức) được giao …" says that "viên chức" are the "người làm
 * việc" — so "viên chức giảm 478 người" names "Số lượng người làm việc đã giảm so với năm 2021".
 * A gloss that lists ("(phòng, ban, đơn vị trực thuộc)", "(công chức và viên chức)") or holds a
 * figure ("(từ 10% trở lên)") names nothing.
 */
const glossCache = new WeakMap<DataFacts, { gloss: RegExp; words: string }[]>();
function glossesOf(data: DataFacts): { gloss: RegExp; words: string }[] {
  let out = glossCache.get(data);
  if (out) return out;
  const seen = new Map<string, string>();
  for (const ind of data.indicators) {
    for (const m of ind.label.toLowerCase().matchAll(/([\p{L} ]+?)\s*\(([\p{L} ]+)\)/gu)) {
      const gloss = m[2]!.trim();
      if (/(?<!\p{L})(?:và|hoặc)(?!\p{L})/u.test(gloss)) continue;
      const before = syllables(m[1]!);
      while (before.length > 0 && FUNCTION_WORDS.has(before[0]!)) before.shift();
      if (before.length > 0) seen.set(gloss, before.join(' '));
    }
  }
  out = [...seen].map(([gloss, words]) => ({ gloss: new RegExp(`(?<!\\p{L})${gloss}(?!\\p{L})`, 'u'), words }));
  glossCache.set(data, out);
  return out;
}

/** Words with the words each gloss of the form stands for added ("viên chức" → "… người làm việc"). */
function withGlosses(words: string, data: DataFacts): string {
  let out = words;
  for (const g of glossesOf(data)) if (g.gloss.test(words) && !words.includes(g.words)) out += ` ${g.words}`;
  return out;
}

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

/**
 * A part's label names what it counts ("Trong đó: Nghị quyết của Hội đồng nhân dân" counts
 * văn bản): that noun is a counted noun of it too ("trong đó có 29 nghị quyết của …").
 */
function partNoun(label: string): string[] {
  const noun = /^trong đó:\s*(\p{L}+ \p{L}+)/iu.exec(label.normalize('NFC'))?.[1];
  return noun ? [noun.toLowerCase()] : [];
}

/** "triệu đồng" → 10⁶; "đồng" → 1. */
function moneyFactor(unit: string): number {
  return MONEY_SCALES[unit.split(' ')[0] as string] ?? 1;
}

interface Profile {
  ind: Indicator;
  grams: Map<string, number>;
  /** The label's syllables a text must hold to name it without any other ({@link saidInFull}). */
  own: Set<string>;
  /** Its words in at most {@link RARE} labels: one of them alone tells it from others. */
  rare: Set<string>;
  /** The label's words in order, but those {@link UNDERSTOOD} and its gloss. */
  words: string[];
  /** The words of its unit ("hồ sơ"). */
  unitSyllables: Set<string>;
  /** The label in lower case. */
  lower: string;
  /** Counted nouns it accepts after a figure, longest first. */
  units: string[];
}

/**
 * Words a label may leave unsaid: in these returns a "hồ sơ" is a "hồ sơ thủ tục hành chính"
 * ("tiếp nhận 93.630 hồ sơ" is "Tổng số hồ sơ thủ tục hành chính đã tiếp nhận").
 */
const UNDERSTOOD = /thủ tục hành chính/gu;
/** A label's gloss in brackets ("Tổng số biên chế đã giảm (công chức và viên chức)"): not words a text must say. */
const GLOSS = /\([^()]*\)/gu;

const profiles = new WeakMap<DataFacts, Profile[]>();

function profilesOf(data: DataFacts): Profile[] {
  const cached = profiles.get(data);
  if (cached) return cached;
  const all = data.indicators.map((ind) => ({ ind, grams: bigrams(syllables(ind.label)) }));
  const df = new Map<string, number>();
  for (const p of all) for (const g of new Set(p.grams)) df.set(g, (df.get(g) ?? 0) + 1);
  const wordDf = new Map<string, number>();
  for (const p of all) for (const w of new Set(syllables(p.ind.label))) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
  const out = all.map((p) => ({
    ind: p.ind,
    // Rare words weigh more: "hội nghị" names one indicator, "hồ sơ" twenty.
    grams: new Map([...new Set(p.grams)].map((g) => [g, 1 / (df.get(g) ?? 1)])),
    own: new Set(
      syllables(p.ind.label.toLowerCase().replace(UNDERSTOOD, ' ').replace(GLOSS, ' ')).filter(
        (w) => !FUNCTION_WORDS.has(w),
      ),
    ),
    units: [...unitWords(p.ind.unit), ...partNoun(p.ind.label)].sort((a, b) => b.length - a.length),
    rare: new Set(syllables(p.ind.label).filter((w) => (wordDf.get(w) ?? 0) <= RARE)),
    words: syllables(p.ind.label.toLowerCase().replace(UNDERSTOOD, ' ').replace(GLOSS, ' ')),
    unitSyllables: new Set(syllables(p.ind.unit)),
    lower: p.ind.label.toLowerCase(),
  }));
  profiles.set(data, out);
  return out;
}

const TIER = /(cấp sở|cấp tỉnh|các sở, ban, ngành|các sở, ngành|cấp huyện|cấp xã)/u;
const ONE_UNIT =
  /(^|[\s,(])(Sở|UBND|Ủy ban nhân dân|huyện|xã|phường|thị trấn|thành phố|Ban|Văn phòng|Thanh tra)\s+\p{Lu}/u;
/**
 * A figure said of one unit, not of the province: a unit named in its clause before it
 * ("Riêng UBND phường Tân Phong, tỷ lệ … là 0%", "Sở Tư pháp: 61 hồ sơ", "Tỷ lệ … của Sở Y tế
 * là 97%"). The department writing the report ("Sở Nội vụ tổng hợp, báo cáo…") and the
 * Party's bodies ("Ban Chấp hành Đảng bộ tỉnh") name no unit.
 */
function aboutOneUnit(ctx: ParagraphContext, t: Token, from: number): boolean {
  return ONE_UNIT.test(maskWriters(ctx.text.slice(from, t.start)));
}

/** The sentence of the paragraph that holds (or last began before) the offset `at`. */
function sentenceAt(ctx: ParagraphContext, at: number): { start: number; end: number } {
  return ctx.sentences.filter((r) => r.start <= at).pop() ?? { start: 0, end: ctx.text.length };
}

type Tier = 'so' | 'huyen' | 'xa';

/** Where a figure of the text belongs: the province's (undefined), a tier's or one unit's. */
type Scope = { tier: Tier } | { unit: UnitFacts } | undefined;

/** Tone marks on the second vowel (old style, "hoá", "thuỷ") moved to the first, as the new style writes them. */
const OLD_TONES: Record<string, string> = {};
for (const [pair, vowels, moved] of [
  ['o', 'àáảãạ', 'òóỏõọ'],
  ['o', 'èéẻẽẹ', 'òóỏõọ'],
  ['u', 'ỳýỷỹỵ', 'ùúủũụ'],
] as const) {
  for (let i = 0; i < vowels.length; i++) {
    const base = (vowels[i] as string).normalize('NFD')[0] as string;
    OLD_TONES[`${pair}${vowels[i]}`] = `${moved[i]}${base}`;
  }
}
/** Only at a syllable's end ("hoá", "thuỷ"): with a final consonant both styles mark the second vowel ("toàn", "hoàng"). */
const OLD_TONE = new RegExp(`(?:${Object.keys(OLD_TONES).join('|')})(?!\\p{L})`, 'gu');

/**
 * Text as compared with a unit's name: NFC, lower case, the tone mark where the new style puts
 * it (the same change on both sides, so "Văn hoá" finds "Văn hóa"); the length stays the same.
 */
function toneless(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(OLD_TONE, (m) => OLD_TONES[m] as string);
}

/** The names a unit goes by in running text: as in the register, and without "UBND". */
const unitNeedles = new WeakMap<readonly UnitFacts[], { needle: string; unit: UnitFacts }[]>();
function needlesOf(units: readonly UnitFacts[]): { needle: string; unit: UnitFacts }[] {
  let out = unitNeedles.get(units);
  if (!out) {
    out = [];
    for (const u of units) {
      const name = toneless(u.name).replace(/\s+/gu, ' ').trim();
      out.push({ needle: name, unit: u });
      const bare = name.replace(/^(ubnd|ủy ban nhân dân)\s+/u, '');
      if (bare !== name) out.push({ needle: bare, unit: u });
    }
    unitNeedles.set(units, out);
  }
  return out;
}

/** A letter or a digit: a unit's name ends at neither ("Phường 1" is not found in "Phường 10"). */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Scope words: the tiers, and the province's ("Toàn tỉnh tiếp nhận …" after a tier's figure). */
const SCOPE_WORDS =
  /(cấp sở|cấp tỉnh|các sở, ban, ngành|các sở, ngành|cấp huyện|cấp xã|toàn tỉnh|cả tỉnh|các huyện(?:, thành phố)?|các xã(?:, phường, thị trấn)?)(?!\p{L})/gu;

/**
 * How a figure is read: the scopes it may be of, in order, and whether a difference from the
 * one scope it surely is of is said (`sure`). Not sure: said only when it agrees with one of them.
 */
interface Reading {
  scopes: Scope[];
  sure: boolean;
}

/** The department writing the report and the Party's bodies name no unit (see aboutOneUnit): blanked, same length. */
function maskWriters(text: string): string {
  return text
    .replace(/sở nội vụ\s+(?:đã\s+)?(?:tổng hợp|báo cáo|hướng dẫn|đề nghị)/giu, (m) => ' '.repeat(m.length))
    .replace(/ban (?:chấp hành|thường vụ|chỉ đạo|bí thư)/giu, (m) => ' '.repeat(m.length));
}

/**
 * A tier, unit or the province named in a text, where: `key` tells one from another ("province",
 * "tier:huyen", a unit's code, "other" for a unit the data lacks); `scope` null for one the data
 * has no figures for ("cấp tỉnh", "các sở, ban, ngành", "các sở, ngành" — bodies the register may not
 * all hold —, a unit not in the register).
 */
interface Mention {
  at: number;
  end: number;
  key: string;
  scope: Scope | null;
}

/** The tiers, the province and the units of the data named in `text` (toneless). */
function mentionsIn(text: string, data: DataFacts): Mention[] {
  const mentions: Mention[] = [];
  for (const m of text.matchAll(SCOPE_WORDS)) {
    const word = m[0];
    const tier = TIER_KEY[word];
    const province = word === 'toàn tỉnh' || word === 'cả tỉnh';
    mentions.push({
      at: m.index,
      end: m.index + word.length,
      key: province ? 'province' : tier ? `tier:${tier}` : word,
      scope: tier ? { tier } : province ? undefined : null,
    });
  }
  for (const { needle, unit } of needlesOf(data.unitFigures ?? [])) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (WORD_CHAR.test(text[at - 1] ?? ' ') || WORD_CHAR.test(text[at + needle.length] ?? ' ')) continue;
      mentions.push({ at, end: at + needle.length, key: unit.code, scope: { unit } });
    }
  }
  return mentions;
}

/**
 * The scope of a count from the tiers and units named in its clause before it (from the
 * sentence's start or its last ";"; "Cấp huyện: tiếp nhận …" is the tier's): none, the
 * province's — unless an earlier sentence of the paragraph was about a tier or a unit (see
 * {@link followed}); one, that one's; several, the one named in the figure's own words
 * (`windowFrom` on: "…, cấp huyện 96.248 hồ sơ"), if just one is. Null when that leaves it open,
 * or names a scope the data has no figures for ("cấp tỉnh", a "Sở …" not in the register).
 */
function scopeOf(ctx: ParagraphContext, t: Token, windowFrom: number, data: DataFacts): Reading | null {
  const sentence = sentenceAt(ctx, t.start);
  const from = Math.max(sentence.start, ctx.text.lastIndexOf(';', t.start - 1) + 1);
  const text = maskWriters(toneless(ctx.text.slice(from, t.start)));
  const mentions = mentionsIn(text, data);
  // "Sở …", "huyện …" of no unit the data holds: neither the province's figure nor a known unit's.
  if (!mentions.some((m) => m.scope && 'unit' in m.scope) && aboutOneUnit(ctx, t, from)) return null;
  const distinct = (ms: typeof mentions): typeof mentions =>
    ms.filter((m, i) => ms.findIndex((n) => n.key === m.key) === i);
  let ms = distinct(mentions);
  if (ms.length === 0) return followed(ctx, t, sentence.start, from, data);
  if (ms.length > 1) ms = distinct(mentions.filter((m) => from + m.at >= windowFrom));
  if (ms.length !== 1) return null;
  const only = ms[0]!;
  if (only.scope === null) return null;
  return { scopes: [only.scope], sure: true };
}

/** Words that say a figure is the province's though no scope word is written: "Các cơ quan, đơn vị đã …". */
const ALL_UNITS = /(?<!\p{L})(?:các cơ quan, đơn vị|các cơ quan, địa phương|toàn tỉnh|cả tỉnh)(?!\p{L})/u;

/** The kind of unit a name begins with ("Sở Y tế" → "sở", "UBND huyện Tam Đường" → "huyện"). */
const KIND =
  /^(?:(?:ubnd|ủy ban nhân dân)\s+)?(sở|huyện|thành phố|thị xã|xã|phường|thị trấn|ban|văn phòng|thanh tra)(?!\p{L})/u;

/**
 * The clause refers back to a unit of `kind` named before: "Trong kỳ, sở tiếp nhận …", "Huyện đã
 * …", "… của huyện đạt …", "đơn vị này", "cơ quan này". Not a name ("huyện Tam Đường": a capital
 * letter follows), not a plural ("các sở"), not a word that merely begins so ("xã hội", "huyện ủy").
 */
function refersBack(clause: string, raw: string, kind: string): boolean {
  const word = kind.replace(/ /g, '\\s+');
  if (new RegExp(`(?<!\\p{L})(?:${word}|đơn vị|cơ quan|địa phương)\\s+này(?!\\p{L})`, 'u').test(clause)) return true;
  const subject = new RegExp(`(?:^\\s*|[,:]\\s*|(?<!\\p{L})của\\s+)(${word})\\s+(?!hội|ủy|uỷ|đoàn)(?=\\p{L})`, 'gu');
  for (const m of clause.matchAll(subject)) {
    const next = m.index + m[0].length;
    if (/\p{Ll}/u.test(raw[next] ?? '')) return true;
  }
  return false;
}

/** Per paragraph and clause start: the scope the text before it named last (see {@link followed}). */
const topics = new WeakMap<ParagraphContext, Map<number, Mention | undefined>>();

function topicBefore(ctx: ParagraphContext, clauseFrom: number, data: DataFacts): Mention | undefined {
  let byStart = topics.get(ctx);
  if (!byStart) topics.set(ctx, (byStart = new Map()));
  if (byStart.has(clauseFrom)) return byStart.get(clauseFrom);
  // Names in brackets are asides: blanked, as the department writing and the Party's bodies are.
  const toned = maskWriters(toneless(ctx.text.slice(0, clauseFrom)));
  let earlier = '';
  for (let i = 0; i < toned.length; i++) earlier += (ctx.depth[i] ?? 0) > 0 || toned[i] === '(' ? ' ' : toned[i];
  const all = mentionsIn(earlier, data);
  for (const m of earlier.matchAll(new RegExp(ALL_UNITS.source, 'gu')))
    all.push({ at: m.index, end: m.index + m[0].length, key: 'province', scope: undefined });
  // A "Sở …", "huyện …" the register does not hold is a unit all the same: one without figures.
  for (const m of ctx.text.slice(0, clauseFrom).matchAll(new RegExp(ONE_UNIT.source, 'gu'))) {
    const at = m.index + m[1]!.length;
    if (earlier[at] === ' ' || all.some((n) => n.at <= at && at < n.end)) continue;
    all.push({ at, end: at + 1, key: 'other', scope: null });
  }
  // A tier is what the text goes on about when a sentence or clause opens with it ("Cấp huyện: …",
  // "Đối với cấp xã, …"), not when it qualifies a noun ("cán bộ, công chức cấp xã là 2.150 người").
  const opens = (m: Mention): boolean => {
    const from = Math.max(sentenceAt(ctx, m.at).start, earlier.lastIndexOf(';', m.at - 1) + 1);
    return /^\s*(?:(?:đối với|riêng|ở|tại|về|còn)\s+)?$/u.test(earlier.slice(from, m.at));
  };
  const aUnit = (m: Mention): boolean => m.key === 'other' || (!!m.scope && 'unit' in m.scope);
  const kept = all.filter((m) => m.key === 'province' || aUnit(m) || opens(m));
  let last =
    kept.length === 0 ? undefined : kept.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.end > a.end) ? b : a));
  // A sentence comparing several ("Cấp sở … , cấp huyện …", "như Sở Y tế, UBND huyện Tam Đường")
  // is about none of them: what follows is the province's again.
  if (last && last.key !== 'province') {
    const from = sentenceAt(ctx, last.at).start;
    if (new Set(all.filter((m) => m.at >= from && m.key !== 'province').map((m) => m.key)).size > 1) last = undefined;
  }
  byStart.set(clauseFrom, last);
  return last;
}

/**
 * A figure whose clause names no scope, after text of its paragraph (earlier sentences, or its
 * own sentence before a ";") that was about a unit or a tier last ("Sở Y tế đã … . Trong kỳ,
 * tiếp nhận 2.210 hồ sơ"): it may go on about that one, or be the province's. When the sentence
 * refers back to the unit ("sở tiếp nhận …", "của huyện", "đơn vị này"), the unit's; otherwise
 * either — said only when it agrees with one of them. What the text was about is found by
 * {@link topicBefore} (brackets are asides, a tier counts only when it opens a sentence or clause,
 * a sentence comparing several is about none); "Các cơ quan, đơn vị", "toàn tỉnh" are the province's.
 */
function followed(
  ctx: ParagraphContext,
  t: Token,
  sentenceStart: number,
  clauseFrom: number,
  data: DataFacts,
): Reading {
  const province: Reading = { scopes: [undefined], sure: true };
  // The sentence up to the figure: its subject carries over its ";" ("sở tiếp nhận …; giải quyết …").
  const sentence = maskWriters(toneless(ctx.text.slice(sentenceStart, t.start)));
  if (clauseFrom === 0 || ALL_UNITS.test(sentence)) return province;
  const last = topicBefore(ctx, clauseFrom, data);
  if (!last || last.key === 'province') return province;
  if (last.scope && 'unit' in last.scope) {
    const kind = KIND.exec(toneless(last.scope.unit.name))?.[1];
    if (kind && refersBack(sentence, ctx.text.slice(sentenceStart, t.start), kind))
      return { scopes: [last.scope], sure: true };
  }
  return { scopes: last.scope === null ? [undefined] : [last.scope, undefined], sure: false };
}

/** Words of a figure planned or aimed at (not "kế hoạch vốn … được giao", an indicator's own name). */
const PLANNED = /(?<!\p{L})(đề ra|phấn đấu|dự kiến|chỉ tiêu (?:là|giao)|sẽ)(?!\p{L})/u;
const PART_OF_PERIOD = /(năm \d{4}|tháng|quý|năm nay|năm trước|cùng kỳ|so với|bình quân|trung bình|mỗi)/u;
const PART_OF_PERIOD_ALL = new RegExp(PART_OF_PERIOD.source, 'gu');
const CHANGE_BEFORE = /(tăng|giảm|hơn|thêm|vượt|còn lại|chênh lệch)\s*$/u;

/**
 * Words that open a clause of their own after a comma ("…, đã giải quyết 176.469 hồ sơ", "…, giải
 * quyết trước và đúng hạn 2.264 hồ sơ"): what follows them names the next figure. Not a list
 * ("…, UBND huyện Tam Đường 18.590 hồ sơ") nor a label with a comma ("hội nghị tuyên truyền,
 * quán triệt").
 */
const NEW_CLAUSE =
  /^\s*(?:đã|đang|trong đó|giải quyết|tiếp nhận|ban hành|tổ chức|tuyển dụng|xử lý|khắc phục|trả kết quả|số hóa|số hoá|đạt|chiếm|có)(?!\p{L})/u;

/** The words around a figure that may name it: back to the previous figure or clause start, and the counted noun after. */
interface Window {
  from: number;
  before: string;
  after: string;
  /** The words before back to the previous figure, when `before` starts at a comma after it. */
  wider?: string;
  /** The previous item of a list this figure's verb was left out of ("72 công chức và "): its span. */
  elided?: [number, number];
  /** The form's baseline a change is framed by earlier in its sentence ("So với năm 2021, …"). */
  frame?: string;
}

/**
 * Where in [from, to) a comma or a "và" opens a clause of its own ({@link NEW_CLAUSE}: "…, xử lý
 * xong 136 …", "… và xử lý xong 136 …"), in order: the separator's start and end.
 */
function clauseBreaks(ctx: ParagraphContext, from: number, to: number): { at: number; end: number }[] {
  const out: { at: number; end: number }[] = [];
  for (const m of ctx.lower.slice(from, to).matchAll(/,|(?<!\p{L})và(?!\p{L})/gu)) {
    const end = from + m.index + m[0].length;
    if (NEW_CLAUSE.test(ctx.lower.slice(end, to))) out.push({ at: from + m.index, end });
  }
  return out;
}

function windowOf(ctx: ParagraphContext, t: Token): Window {
  const prevs = ctx.tokens.filter((u) => significant(u) && u.end <= t.start);
  const prev = prevs[prevs.length - 1];
  let s = Math.max(prev ? prev.end : 0, t.start - 90);
  const clauseStart = Math.max(
    ctx.text.lastIndexOf(';', t.start - 1),
    ctx.text.lastIndexOf(':', t.start - 1),
    ctx.text.lastIndexOf('. ', t.start - 1),
  );
  if (clauseStart + 1 > s) s = clauseStart + 1;
  // The words right after the previous figure, up to a comma that opens a clause, are its own
  // ("177.838 hồ sơ thủ tục hành chính, đã giải quyết 176.469 hồ sơ"); inside a bracket opened
  // since, the words before it name the whole, not this part ("118 cán bộ … bị xử lý kỷ luật (buộc
  // thôi việc 23 người)"). When the figure's own words then name nothing ("12 cuộc kiểm tra, đã
  // thực hiện 14 cuộc", "(cấp sở 63.142 hồ sơ"), the wider words do.
  let cut = s;
  if (prev && s === prev.end) {
    // The last such comma ("169 phản ánh, kiến nghị …, xử lý xong 136 phản ánh"): not the first.
    const last = clauseBreaks(ctx, prev.end, t.start).at(-1);
    if (last) cut = last.end;
  }
  const open = ctx.text.lastIndexOf('(', t.start - 1);
  if (open >= s && (ctx.depth[t.start] ?? 0) > (ctx.depth[open] ?? 0)) cut = Math.max(cut, open + 1);
  let wider = cut > s ? ctx.lower.slice(s, t.start) : undefined;
  // A clause after a colon: the words before the colon name its figures when theirs do not
  // ("Số cuộc kiểm tra, tự kiểm tra: cấp sở 82, cấp xã 26").
  if (clauseStart >= 0 && ctx.text[clauseStart] === ':') {
    const from = Math.max(ctx.text.lastIndexOf(';', clauseStart), sentenceAt(ctx, clauseStart).start - 1) + 1;
    const own = ctx.lower.slice(cut, t.start);
    const item = own.slice(Math.max(own.lastIndexOf(','), own.lastIndexOf('('), own.lastIndexOf(';')) + 1);
    wider = `${ctx.lower.slice(from, clauseStart).replace(/[,;()]/g, ' ')} ${item}`;
  }
  s = cut;
  // Nothing between "và" and the figure ("tuyển dụng 72 công chức và 305 viên chức", "công bố 54
  // văn bản hết hiệu lực toàn bộ và 47 văn bản hết hiệu lực một phần"): the words before the
  // previous figure govern this one too, the previous figure's own noun does not.
  let before = ctx.lower.slice(s, t.start);
  let elided: [number, number] | undefined;
  if (
    prev &&
    s === prev.end &&
    /(?<!\p{L})và\s*$/u.test(before) &&
    (ctx.depth[t.start] ?? 0) === (ctx.depth[prev.start] ?? 0)
  ) {
    before = windowOf(ctx, prev).before;
    elided = [prev.start, t.start];
  }
  // The words after it end with its sentence ("… 12 đơn vị chưa gửi báo cáo. Danh sách các cơ
  // quan, đơn vị …" does not make it the units inspected).
  const end = sentenceAt(ctx, t.start).end;
  let e = t.end;
  while (e < end && e - t.end < 50 && !/[;:(]/.test(ctx.text[e] as string)) e++;
  const nexts = ctx.tokens.filter((u) => significant(u) && u.start >= t.end);
  if (nexts[0] && nexts[0].start < e) {
    e = nexts[0].start;
    // A list ("khiển trách 76 người, cảnh cáo 10 người"): the few words after the last comma
    // before the next figure are that figure's name.
    const comma = ctx.text.lastIndexOf(',', e - 1);
    if (comma > t.end && syllables(ctx.lower.slice(comma + 1, e)).length <= 4) e = comma;
  }
  // "tiếp nhận 2.314 hồ sơ, giải quyết trước và đúng hạn 2.264 hồ sơ", "169 phản ánh, kiến nghị …,
  // xử lý xong …": the words of a clause a comma opens are the next figure's, not this one's.
  const first = clauseBreaks(ctx, t.end, e)[0];
  if (first) e = first.at;
  return {
    from: s,
    before,
    after: ctx.lower.slice(t.end, e),
    ...(wider !== undefined ? { wider } : {}),
    ...(elided ? { elided } : {}),
  };
}

/** The longest of `words` `text` starts with, as a whole word (`words` longest first, as profiles keep them). */
function startsWithAny(text: string, words: readonly string[]): string | undefined {
  const s = text.trimStart();
  return words.find((w) => s.startsWith(w) && !/\p{L}/u.test(s[w.length] ?? ' '));
}

/**
 * The counted noun after a figure as the text writes it ("1.854 hồ sơ." → " hồ sơ", "04 cuộc
 * kiểm tra" → " cuộc"), with a space before it; '' when the figure has none of `units`.
 */
function countedNoun(ctx: ParagraphContext, t: Token, units: string[]): string {
  const after = ctx.lower.slice(t.end, t.end + 40);
  const unit = startsWithAny(after, units);
  if (!unit) return '';
  const at = t.end + (after.length - after.trimStart().length);
  return ` ${ctx.text.slice(at, at + unit.length)}`;
}

/** Whether some indicator's label holds `phrase` ("giảm", "so với năm 2021"). */
function inSomeLabel(data: DataFacts, phrase: string): boolean {
  return profilesOf(data).some((p) => p.lower.includes(phrase));
}

/** Whether every word of `words` is in `said`. */
function allSaid(words: Set<string>, said: Set<string>): boolean {
  for (const w of words) if (!said.has(w)) return false;
  return true;
}

/** A footnote's mark: the paragraph it is in and the offset right after the words it is about. */
export interface NoteMark {
  ctx: ParagraphContext;
  at: number;
}

/**
 * The words that name the figure a footnote is about ("… là 3.429 thủ tục³": "Cấp sở 2.035 thủ
 * tục; cấp xã 1.394 thủ tục" are the same figure's, by tier): the figure last before the mark,
 * outside brackets the mark is outside of ("… 93 cán bộ … bị xử lý kỷ luật (… buộc thôi việc 11)⁵"
 * is about 93).
 */
function leadOf(mark: NoteMark | undefined): string | undefined {
  if (!mark) return undefined;
  const figure = figuresBeforeMark(mark.ctx, mark.at).at(-1);
  if (!figure) return undefined;
  const w = windowOf(mark.ctx, figure);
  return `${w.before} ${w.after}`.replace(/[,;:()]/g, ' ');
}

function checkCount(ctx: ParagraphContext, t: Token, data: DataFacts, lead: string | undefined): void {
  // "1. Công tác…", "(2) Tỷ lệ…", "a) …": numbering, not a figure.
  if (/^\s*\(?$/.test(ctx.text.slice(0, t.start)) && /^[.)]/.test(ctx.text.slice(t.end, t.end + 1))) return;
  const w = windowOf(ctx, t);
  // "1.234 hồ sơ cấp xã": a tier after the figure is not read (it may begin the next clause) —
  // one after a comma is the next item's ("cấp sở 82, cấp xã 26").
  if (TIER.test(w.after.slice(0, 12)) && !/^\s*[,;]/.test(w.after)) return;
  const reading = scopeOf(ctx, t, w.from, data);
  if (reading === null) return;
  // A change, or a figure of another period, is not a total of the data — unless it is what a label
  // counts: "giảm 22 tổ chức sau sắp xếp" (TCBM03), "So với năm 2021, toàn tỉnh đã giảm 518 biên
  // chế" (BC08; the form's own baseline year). Then only labels that say the change are read.
  const change = CHANGE_BEFORE.exec(w.before)?.[1];
  const periods = [...`${w.before} ${w.after}`.matchAll(PART_OF_PERIOD_ALL)].map((m) => m[1]!);
  const labelled = (phrase: string): boolean => inSomeLabel(data, phrase);
  if (change !== undefined && !labelled(change)) return;
  if (periods.length > 0 && (change === undefined || !periods.every(labelled))) return;
  // A figure planned or aimed at, not done: "Kế hoạch đề ra tổ chức 120 hội nghị", "dự kiến …".
  if (PLANNED.test(w.before.slice(Math.max(w.before.lastIndexOf(','), w.before.lastIndexOf(';')) + 1))) return;
  // A change framed earlier in its sentence by the form's baseline ("So với năm 2021, toàn tỉnh đã
  // giảm 518 biên chế (công chức giảm 40 biên chế …)"): the frame is part of the figure's name.
  if (change !== undefined) {
    const earlier = ctx.lower.slice(sentenceAt(ctx, t.start).start, w.from);
    const frame = [...earlier.matchAll(PART_OF_PERIOD_ALL)].map((m) => m[1]!).filter(labelled);
    if (frame.length > 0) w.frame = frame.join(' ');
  }
  // Of several scopes it may be of, the first it agrees with; a difference only from the one it surely is of.
  const requires = change === undefined ? [] : [change];
  for (const scope of reading.scopes) {
    let said = countIn(ctx, t, w, data, scope, reading.sure, requires);
    if (said === 'unnamed' && w.wider !== undefined)
      said = countIn(ctx, t, { ...w, before: w.wider }, data, scope, reading.sure, requires);
    // A footnote's figure its own words do not name: the words of the figure it is about do.
    if (said === 'unnamed' && lead !== undefined)
      said = countIn(ctx, t, { ...w, before: `${lead} ${w.before}` }, data, scope, reading.sure, requires);
    if (said === true) return;
  }
}

/**
 * A count against its indicator's figure in `scope`: info when they agree (true), a warning when
 * they differ and `warn`; 'unnamed' when its words name no indicator with a figure there.
 */
function countIn(
  ctx: ParagraphContext,
  t: Token,
  w: Window,
  data: DataFacts,
  scope: Scope,
  warn: boolean,
  requires: string[] = [],
): boolean | 'unnamed' {
  const n = t.num!;
  const firstWord = w.after.trimStart();
  // With a counted noun after the figure, the words around it name it; without one, only the
  // label right before it does ("khiển trách 84, cảnh cáo 14").
  const named = /^\p{L}/u.test(firstWord)
    ? withGlosses(`${w.before} ${w.after} ${w.frame ?? ''}`, data)
    : w.before.slice(Math.max(w.before.lastIndexOf(','), w.before.lastIndexOf('('), w.before.lastIndexOf(';')) + 1);
  const ctxGrams = new Set(bigrams(syllables(named)));
  const said = new Set(syllables(named));
  /** The words right before a figure without a counted noun. */
  const bare = /^\p{L}/u.test(firstWord) ? [] : syllables(named).filter((w) => !STOP.has(w));
  const scored: { p: Profile; score: number; mult: number }[] = [];
  /** The indicator's figure in the scope, with the return's cell for a unit's. */
  const figure = (
    ind: Indicator,
  ): { value: number; from?: string; corrected?: boolean; sha256?: string } | undefined => {
    if (!scope) return ind.province === null ? undefined : { value: ind.province };
    if ('tier' in scope) {
      const v = ind.tiers[scope.tier];
      return v === null || v === undefined ? undefined : { value: v };
    }
    return scope.unit.indicators[ind.code];
  };
  const values = new Map<Profile, NonNullable<ReturnType<typeof figure>>>();
  /** Every label the words may name, with a figure in the scope or not. */
  const heard: { p: Profile }[] = [];
  /** The labels a label said in full must be told from: those of the counted noun, or those heard. */
  const rivals: { p: Profile }[] = [];
  for (const p of profilesOf(data)) {
    if (p.ind.kind === 'percent') continue;
    if (requires.length > 0 && !requires.every((r) => p.lower.includes(r))) continue;
    const f = figure(p.ind);
    let mult = 1;
    let unit: string | undefined;
    if (/^\p{L}/u.test(firstWord)) {
      unit = startsWithAny(firstWord, p.units);
      if (!unit) continue;
      if (p.ind.kind === 'money') mult = moneyFactor(unit) / moneyFactor(p.ind.unit);
    } else if (p.ind.kind === 'money' || !/^\s*([,;.)]|$)/.test(w.after)) continue;
    // The counted noun itself says little ("đơn vị", "hồ sơ"): only the label's other words count.
    let score = 0;
    for (const [g, weight] of p.grams) if (ctxGrams.has(g) && g !== unit && g !== p.ind.unit) score += weight;
    // Without a counted noun after the figure, the words before must say more — unless they are
    // the label's own words and nothing else ("(khiển trách 84, cảnh cáo 14, …)").
    if (!unit && !(bare.length > 0 && bare.every((w) => p.own.has(w)))) score /= 2;
    // Every label of the counted noun may be what the clause's other words mean.
    if (unit) rivals.push({ p });
    // A label all of whose words are there is heard though they make no pair ("đã giảm 518 biên chế").
    if (score <= 0 && !(said.size > 0 && allSaid(p.own, said))) continue;
    if (!unit) rivals.push({ p });
    heard.push({ p });
    if (!f) continue;
    values.set(p, f);
    scored.push({ p, score, mult });
  }
  // Words that name an indicator without a figure here name the figure all the same.
  if (scored.length === 0) return heard.length === 0 ? 'unnamed' : false;
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  const valueOf = (s: (typeof scored)[number]): number => values.get(s.p)!.value;
  const equal = (s: (typeof scored)[number]): boolean =>
    agree({ ...n, value: n.value * s.mult }, valueOf(s)) === 'ok' ||
    Math.abs(n.value * s.mult - valueOf(s)) <= 0.5 * 10 ** -n.decimals * s.mult;
  const confident = best.score >= 0.75;
  const match = scored.find((s) => s.score >= Math.min(0.75, best.score) && equal(s));
  const label = (s: (typeof scored)[number]): string => `${s.p.ind.code} (${s.p.ind.label})`;
  const total = (s: (typeof scored)[number]): string => `${showNumber(valueOf(s))} ${s.p.ind.unit}`;
  /** Whose figure it is, in a message: "số liệu tổng hợp … ở cấp huyện", "số liệu đã nhập của Sở Tư pháp (S02)". */
  const unit = scope && 'unit' in scope ? scope.unit : undefined;
  const tierSaid = scope && 'tier' in scope ? ` ở ${TIER_LABEL[scope.tier]}` : '';
  /** The kept return a unit's figure was read from, for the screen to open. */
  const original = (s: (typeof scored)[number]): { original?: string } => {
    const sha = values.get(s.p)!.sha256;
    return unit && sha ? { original: sha } : {};
  };
  const source = (s: (typeof scored)[number]): string => {
    const f = values.get(s.p)!;
    return f.from ? ` (${f.from}${f.corrected ? '; số đã sửa sau khi xác nhận với đơn vị' : ''})` : '';
  };
  // The figure's clause up to its own words' end: a word of another label there leaves a label said
  // in full unsure ("Tổng biên chế công chức … , giảm 60 biên chế": BC03 or BC08?) — but not words
  // saying whose figure it is ("toàn tỉnh" is not "toàn trình"), the form's own baseline ("so với
  // năm 2021"), a list's previous item ("72 công chức và 305 viên chức"), a whole "trong đó" parts,
  // nor its own parts after it ("518 biên chế (công chức 40, …)").
  const clauseOf = (): string => {
    const sentence = sentenceAt(ctx, t.start);
    const next = ctx.tokens.find((u) => significant(u) && u.start >= t.end);
    const ends = [
      sentence.end,
      ctx.text.indexOf(';', t.end),
      ctx.text.indexOf('(', t.end),
      ctx.lower.indexOf('trong đó', t.end),
      clauseBreaks(ctx, t.end, sentence.end)[0]?.at ?? -1,
    ];
    const to = Math.min(next?.start ?? Infinity, ...ends.filter((i) => i >= t.end));
    const from = Math.max(
      sentence.start,
      ctx.text.lastIndexOf(';', t.start - 1) + 1,
      ctx.lower.lastIndexOf('trong đó', t.start - 1),
    );
    const region = w.elided
      ? `${ctx.lower.slice(from, w.elided[0])} ${ctx.lower.slice(w.elided[1], to)}`
      : ctx.lower.slice(from, to);
    return `${region} ${w.before}`
      .replace(SCOPE_WORDS, ' ')
      .replace(PART_OF_PERIOD_ALL, (m) => (inSomeLabel(data, m) ? ' ' : m));
  };
  const full = saidInFull(scored, named, clauseOf, rivals);
  // The figure of an indicator its words name in full, or well enough, that it agrees with.
  const agreed = full && equal(full) ? full : match && (match.score >= 0.5 || confident) ? match : undefined;
  if (agreed) {
    namedCount(ctx).set(t.start, { code: agreed.p.ind.code, scope });
    ctx.emit({
      kind: 'data',
      severity: 'info',
      start: t.start,
      end: t.end,
      stated: t.raw,
      computed: total(agreed),
      suggestion: null,
      indicator: agreed.p.ind.code,
      ...original(agreed),
      message: unit
        ? `Khớp số liệu đã nhập của ${unit.name} (${unit.code}): ${label(agreed)} là ${total(agreed)}${source(agreed)}.`
        : `Khớp số liệu tổng hợp: ${label(agreed)}${tierSaid} là ${total(agreed)}.`,
    });
    return true;
  }
  const meant = warn ? clearlyMeant(scored, named, clauseOf, rivals) : undefined;
  if (!meant) return false;
  namedCount(ctx).set(t.start, { code: meant.p.ind.code, scope });
  ctx.emit({
    kind: 'data',
    severity: 'warning',
    start: t.start,
    end: t.end,
    stated: t.raw,
    computed: total(meant),
    suggestion: meant.mult === 1 ? showNumber(valueOf(meant)) : null,
    indicator: meant.p.ind.code,
    ...original(meant),
    message: unit
      ? `Văn bản ghi ${t.raw}${countedNoun(ctx, t, meant.p.units)} nhưng số liệu đã nhập của ${unit.name} (${unit.code}) cho chỉ tiêu ${label(meant)} là ${total(meant)}${source(meant)}.`
      : `Văn bản ghi ${t.raw}${countedNoun(ctx, t, meant.p.units)} nhưng số liệu tổng hợp của chỉ tiêu ${label(meant)}${tierSaid} là ${total(meant)}.`,
  });
  return false;
}

/**
 * Of indicators scored against the words `named` (best first), the one they clearly name, if any.
 * Labels that share those words leave it unnamed — unless the words hold one of them word for word
 * ("Tổng số hồ sơ công việc là …" names CQS03, not "Số hồ sơ công việc được xử lý trên môi trường
 * mạng"; "Có … hồ sơ công việc" names neither); of two held so, the longer ("… được xử lý trên môi
 * trường mạng" holds "… hồ sơ công việc").
 */
function clearlyMeant<S extends { p: Profile; score: number }>(
  scored: S[],
  named: string,
  around: string | (() => string) = named,
  rivals: { p: Profile }[] = scored,
): S | undefined {
  const best = scored[0];
  if (!best) return undefined;
  const full = saidInFull(scored, named, around, rivals);
  if (full) return full;
  const close = scored.filter((s) => s.score > best.score * 0.6);
  const verbatim = close
    .filter((s) => named.includes(s.p.ind.label.toLowerCase()))
    .sort((a, b) => b.p.ind.label.length - a.p.ind.label.length);
  const meant =
    close.length === 1
      ? best
      : verbatim.length === 1 ||
          (verbatim.length > 1 && verbatim[0]!.p.ind.label.length > verbatim[1]!.p.ind.label.length)
        ? verbatim[0]
        : undefined;
  return meant && meant.score >= 0.75 ? meant : undefined;
}

/** A word in at most this many labels tells them apart alone. */
const RARE = 3;

/**
 * Of indicators sharing the words `named`, the one whose label's words are all there, in any
 * order (but those {@link UNDERSTOOD}), while no word the others' labels have and its lacks is in
 * the clause `around` it: "đã tiếp nhận 93.630 hồ sơ" is TTHC07 ("Tổng số hồ sơ thủ tục hành chính đã tiếp
 * nhận"), not "Số hồ sơ tiếp nhận, xử lý trực tuyến một phần"; "…, trong đó tiếp nhận trực tuyến
 * 33.003 hồ sơ" is neither of them alone. A label must hold a word besides the counted noun
 * ("hồ sơ") to be said so.
 */
function saidInFull<S extends { p: Profile }>(
  scored: S[],
  named: string,
  around: string | (() => string) = named,
  rivals: { p: Profile }[] = scored,
): S | undefined {
  const words = new Set(syllables(named));
  const full = rivals.filter((r) => allSaid(r.p.own, words) && [...r.p.own].some((w) => !r.p.unitSyllables.has(w)));
  // Of labels said in full, the one holding the others' words ("tiếp nhận, xử lý trực tuyến toàn
  // trình … hồ sơ" says TTHC07's words too).
  const widest = full.filter((f) => full.every((o) => allSaid(o.p.own, f.p.own)));
  const one = widest.length === 1 ? scored.find((s) => s.p === widest[0]!.p) : undefined;
  if (!one) return undefined;
  const its = new Set(one.p.words);
  const text = typeof around === 'string' ? around : around();
  const said = new Set(syllables(text));
  const pairs = new Set(bigrams(syllables(text)));
  // A word of another label said there: a rare one ("mạng" of "môi trường mạng" in "trên mạng"),
  // or one said with its neighbour in that label ("công chức", not the "chức" of "tổ chức").
  const otherSaid = rivals.some((o) => {
    if (o.p === one.p) return false;
    const theirs = o.p.words;
    return theirs.some(
      (w, i) =>
        !STOP.has(w) &&
        !its.has(w) &&
        said.has(w) &&
        (o.p.rare.has(w) || pairs.has(`${theirs[i - 1]} ${w}`) || pairs.has(`${w} ${theirs[i + 1]}`)),
    );
  });
  return otherSaid ? undefined : one;
}

/** An indicator's code written in a label: "TT01", "KL06", "TTHC03". */
const CODE = /(?<![\p{L}\d_])(\p{Lu}{2,}[\p{Lu}\d_]*\d)(?![\p{L}\d_])/u;

/**
 * The additive indicator a table's row or column label names: by its code when it writes one
 * ("TT01 – Số văn bản…"; a code of no indicator names none), else by its words, when they
 * clearly name one (as a figure's words do in the text).
 */
export function indicatorNamed(label: string, data: DataFacts): Indicator | undefined {
  const code = CODE.exec(label)?.[1];
  if (code) return data.indicators.find((i) => i.code === code);
  const named = label.toLowerCase();
  const grams = new Set(bigrams(syllables(named)));
  const scored: { p: Profile; score: number }[] = [];
  for (const p of profilesOf(data)) {
    let score = 0;
    for (const [g, weight] of p.grams) if (grams.has(g) && g !== p.ind.unit) score += weight;
    if (score > 0) scored.push({ p, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return clearlyMeant(scored, named)?.p.ind;
}

/**
 * A check-7 finding on a figure compared with the data: `info` when they agree, otherwise a
 * `warning` with the correction.
 */
function compared(
  ctx: ParagraphContext,
  t: Token,
  f: {
    ok: boolean;
    computed: string;
    suggestion: string;
    indicator: string;
    original?: string;
    agrees: string;
    differs: string;
  },
): void {
  ctx.emit({
    kind: 'data',
    severity: f.ok ? 'info' : 'warning',
    start: t.start,
    end: t.end,
    stated: t.raw,
    computed: f.computed,
    suggestion: f.ok ? null : f.suggestion,
    indicator: f.indicator,
    ...(f.original ? { original: f.original } : {}),
    message: f.ok ? f.agrees : f.differs,
  });
}

function checkTargets(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const after = ctx.lower.slice(t.end, t.end + 60);
  const { met, unmet, total } = data.targets;
  // A target without data is neither met nor not met (the report says so apart).
  const counts = { met, unmet, nodata: total - met - unmet };
  const said = {
    met: 'đạt và vượt',
    unmet: 'chưa đạt',
    nodata: 'chưa có số liệu để đánh giá',
  } as const;
  if (t.kind === 'targets' && t.a && t.b) {
    const which = /^\s*(chỉ tiêu|mục tiêu)[^;.]{0,30}?chưa (đạt|hoàn thành)/u.test(after)
      ? 'unmet'
      : /^\s*(chỉ tiêu|mục tiêu)[^;.]{0,30}?(đạt|vượt|hoàn thành)/u.test(after)
        ? 'met'
        : undefined;
    if (!which) return;
    const expected = counts[which];
    const ok = t.a.value === expected && t.b.value === total;
    const shown = `${expected}/${total}`;
    compared(ctx, t, {
      ok,
      computed: shown,
      suggestion: shown,
      indicator: 'targets',
      agrees: `Khớp kết quả đánh giá mục tiêu: ${shown} chỉ tiêu ${said[which]}.`,
      differs: `Văn bản ghi ${t.raw} chỉ tiêu ${said[which]} nhưng theo số liệu tổng hợp là ${shown}.`,
    });
    return;
  }
  if (t.kind === 'num' && t.num && t.num.style === 'plain' && t.num.decimals === 0) {
    // "Nghị quyết … đề ra 9 mục tiêu cụ thể": all of them.
    if (/đề ra\s*$/u.test(ctx.lower.slice(Math.max(0, t.start - 12), t.start))) {
      compared(ctx, t, {
        ok: t.num.value === total,
        computed: String(total),
        suggestion: String(total),
        indicator: 'targets',
        agrees: `Khớp số mục tiêu của Nghị quyết: ${total} mục tiêu.`,
        differs: `Văn bản ghi Nghị quyết đề ra ${t.raw} mục tiêu nhưng biểu mẫu có ${total} mục tiêu.`,
      });
      return;
    }
    const m =
      /^\s*(chỉ tiêu|mục tiêu)( cụ thể)?(?:\s+(chưa có số liệu)|[^;.,]{0,30}?(chưa đạt|chưa hoàn thành|đạt và vượt|đạt))/u.exec(
        after,
      );
    if (!m) return;
    const which = m[3] ? 'nodata' : (m[4] as string).startsWith('chưa') ? 'unmet' : 'met';
    const expected = counts[which];
    const ok = t.num.value === expected;
    const verb = which === 'met' ? 'đạt' : said[which];
    compared(ctx, t, {
      ok,
      computed: String(expected),
      suggestion: String(expected),
      indicator: 'targets',
      agrees: `Khớp kết quả đánh giá mục tiêu: ${expected} chỉ tiêu ${verb}.`,
      differs: `Văn bản ghi ${t.raw} chỉ tiêu ${verb} nhưng theo số liệu tổng hợp là ${expected}/${total}.`,
    });
  }
}

type Ratio = DataFacts['ratios'][number];

const TIER_KEY: Record<string, Tier> = {
  'cấp sở': 'so',
  'cấp huyện': 'huyen',
  'cấp xã': 'xa',
  // "Các huyện đã tổ chức 61 cuộc kiểm tra": the districts' tier.
  'các huyện': 'huyen',
  'các huyện, thành phố': 'huyen',
  'các xã': 'xa',
  'các xã, phường, thị trấn': 'xa',
};

/** "…: đạt 37,28%", "… đạt 98,55%": a ratio named from "tỷ lệ" to the verb before its figure. */
const RATIO_BEFORE = /tỷ lệ([^;:()%]*?)(?::\s*|\s)(?:(?:mới|chỉ|đã)\s+)?(?:đạt|là|bằng|chiếm)\s*$/u;
/** A bound inside a rate's name ("tự bảo đảm từ 10% chi thường xuyên"): read as words, so that the name reads on. */
const BOUND_IN_NAME = /(từ|trên|dưới)\s+\d+(?:,\d+)?\s?%(?=\s+\p{L})/gu;
/** Words of a threshold to reach, not of a result: "Nghị quyết đề ra…", "phấn đấu…", "…80% trở lên". */
const THRESHOLD_BEFORE = /(đề ra|phấn đấu|yêu cầu|tối thiểu|ít nhất|chỉ tiêu là|mục tiêu là|nghị quyết là)/u;
const THRESHOLD_AFTER = /^\s*(trở lên|trở xuống)/u;
/** A tier's own figure in a list after its ratio: "(cấp sở đạt 95,33%", ", cấp xã mới đạt 46,41%". */
const TIER_CLAUSE =
  /(?:^|[,;:(])\s*(?:trong đó\s+)?(cấp sở|cấp huyện|cấp xã)\s+(?:(?:mới|chỉ|cũng|đều|đã)\s+)?(?:đạt|là)\s*$/u;
/** A tier named right after the figure: "đạt 95,33% ở cấp sở". */
const TIER_AFTER = /^\s*(?:ở|tại|của)?\s*(cấp sở|cấp huyện|cấp xã)(?!\p{L})/u;
/** A tier inside the ratio's name: "tỷ lệ hồ sơ … của cấp xã đạt 46,41%". */
const TIER_IN_NAME = /\s*(?:của|ở|tại)?\s*(cấp sở|cấp huyện|cấp xã)(?!\p{L})/u;

/** The ratio whose label a name ("hồ sơ giải quyết trước và đúng hạn") clearly says, if one does. */
export function ratioNamed(named: string, data: DataFacts): Ratio | undefined {
  const grams = new Set(bigrams(syllables(named)));
  // How much of a name the words say; a ratio is named by its label or by a target's.
  const cover = (label: string): { score: number; hit: number } => {
    const rg = new Set(bigrams(syllables(label.replace(/^tỷ lệ\s*/iu, ''))));
    let hit = 0;
    for (const g of rg) if (grams.has(g)) hit++;
    return { score: rg.size ? hit / rg.size : 0, hit };
  };
  const scored = data.ratios
    .map((r) => {
      const best = [r.label, ...r.also].map(cover).sort((a, b) => b.score - a.score)[0]!;
      return { r, ...best };
    })
    .filter((s) => s.hit > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < 0.6 || (scored[1] && scored[1].score >= best.score)) return undefined;
  return best.r;
}

/**
 * The ratio and scope a percentage states, from the words before and after it: the province's
 * ("tỷ lệ hồ sơ … đạt 98,55%", also before a breakdown by tier in brackets) or one tier's
 * ("…: cấp sở đạt 95,33%, cấp huyện đạt 91,77%", "tỷ lệ … của cấp xã đạt 46,41%", "đạt 95,33% ở
 * cấp sở"). Undefined when the words do not say it clearly, or say a threshold to reach.
 */
function ratioStated(ctx: ParagraphContext, t: Token, data: DataFacts): { ratio: Ratio; tier?: Tier } | undefined {
  const sentence = sentenceAt(ctx, t.start);
  const pre = ctx.lower.slice(Math.max(sentence.start, t.start - 300), t.start).replace(BOUND_IN_NAME, '$1 mức');
  const after = ctx.lower.slice(t.end, t.end + 16);
  if (THRESHOLD_BEFORE.test(pre) || THRESHOLD_AFTER.test(after)) return undefined;
  const clause = TIER_CLAUSE.exec(pre);
  if (clause) {
    // The ratio is the last one the sentence named before the list.
    const at = pre.lastIndexOf('tỷ lệ');
    if (at < 0) return undefined;
    const named = /^tỷ lệ([^;:()%]*?)(?:\s*[:(]|\s(?:đạt|là|bằng|chiếm)(?!\p{L}))/u.exec(pre.slice(at))?.[1];
    if (named === undefined || TIER.test(named) || PART_OF_PERIOD.test(named)) return undefined;
    const ratio = ratioNamed(named, data);
    return ratio && { ratio, tier: TIER_KEY[clause[1] as string] };
  }
  // The name runs from the sentence's last "tỷ lệ" to the figure.
  const from = pre.lastIndexOf('tỷ lệ');
  const m = from >= 0 && pre.length - from <= 140 ? RATIO_BEFORE.exec(pre.slice(from)) : null;
  if (!m) return undefined;
  let named = m[1] as string;
  let tier: Tier | undefined;
  const inName = TIER_IN_NAME.exec(named);
  const tierAfter = TIER_AFTER.exec(after);
  if (inName) {
    tier = TIER_KEY[inName[1] as string];
    named = named.slice(0, inName.index) + named.slice(inName.index + inName[0].length);
  } else if (tierAfter) tier = TIER_KEY[tierAfter[1] as string];
  // Another tier word (cấp tỉnh, các sở…), a second tier, or a part of the period: not one clear scope.
  if (TIER.test(named) || PART_OF_PERIOD.test(named)) return undefined;
  if (!tierAfter && TIER.test(after) && !/^\s*\(/.test(after)) return undefined;
  const ratio = ratioNamed(named, data);
  return ratio && (tier ? { ratio, tier } : { ratio });
}

/** A label inside a sentence: "tỷ lệ hồ sơ…", not "Tỷ lệ hồ sơ…". */
function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

const TIER_LABEL: Record<Tier, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

/** "tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt 98,55%": a stated ratio (the province's or a tier's) against the data. */
/** A rate of another year or of the whole country, not of the period consolidated: "Năm 2024, tỷ lệ …", "… của cả nước là …". */
const OTHER_SCOPE = /(?<!\p{L})(năm \d{4}|cả nước|toàn quốc|các tỉnh)(?!\p{L})/u;

/** The indicator (and scope) check 7 read each count of a paragraph as, by the count's start. */
const countsNamed = new WeakMap<ParagraphContext, Map<number, { code: string; scope: Scope }>>();
function namedCount(ctx: ParagraphContext): Map<number, { code: string; scope: Scope }> {
  let m = countsNamed.get(ctx);
  if (!m) countsNamed.set(ctx, (m = new Map()));
  return m;
}

/** "40 biên chế, tương ứng 2,23%", "… 5.761 người, chiếm 46,59%": a rate said of the count before it. */
const RATE_OF_COUNT = /^[^;.()%\d]{0,30}?,?\s*(?:tương ứng|chiếm|bằng)\s*$/u;

/**
 * A rate said right after a count (no "tỷ lệ" naming it): the ratio whose numerator is that
 * count's indicator alone, in the count's scope ("công chức giảm 40 biên chế, tương ứng 2,23%" is
 * R_GIAM_CC, BC03 over BC01).
 */
function checkRateOfCount(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const count = ctx.tokens.filter((u) => significant(u) && u.end <= t.start).at(-1);
  if (!count || !RATE_OF_COUNT.test(ctx.lower.slice(count.end, t.start))) return;
  const read = countsNamed.get(ctx)?.get(count.start);
  if (!read) return;
  const ratios = data.ratios.filter((r) => r.terms?.num.length === 1 && r.terms.num[0]![0] === read.code);
  if (ratios.length === 1) rateIn(ctx, t, ratios[0]!, read.scope, true);
}

function checkRatio(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  const sentence = sentenceAt(ctx, t.start);
  const before = ctx.lower.slice(sentence.start, t.start);
  const stated = ratioStated(ctx, t, data);
  // A rate of the count before it: that count was read already (its year, if any, the form's own).
  if (!stated) return checkRateOfCount(ctx, t, data);
  if (OTHER_SCOPE.test(before.slice(before.lastIndexOf(';') + 1))) return;
  const { ratio, tier } = stated;
  // A tier named with the rate is its scope; otherwise the tier or unit its clause names, or the
  // one an earlier clause was about (a unit's rate: computed from its own figures).
  const reading: Reading | null = tier ? { scopes: [{ tier }], sure: true } : scopeOf(ctx, t, sentence.start, data);
  if (!reading) return;
  for (const scope of reading.scopes) if (rateIn(ctx, t, ratio, scope, reading.sure)) return;
}

/**
 * A stated rate against the ratio in `scope` (a unit's: computed from its own figures): info when
 * they agree (true), a warning when they differ and `warn`; nothing when the scope has no such rate.
 */
function rateIn(
  ctx: ParagraphContext,
  t: Token,
  ratio: DataFacts['ratios'][number],
  scope: Scope,
  warn: boolean,
): boolean {
  const unit = scope && 'unit' in scope ? scope.unit : undefined;
  const value = unit ? unit.ratios[ratio.code] : scope && 'tier' in scope ? ratio.tiers[scope.tier] : ratio.province;
  if (value === null || value === undefined) return false;
  const shown = `${formatNumber(value, { decimals: Math.max(2, t.num!.decimals) })}%`;
  const ok = agree(t.num!, value, t.approx) === 'ok';
  if (!ok && !warn) return false;
  const tierSaid = scope && 'tier' in scope ? ` ở ${TIER_LABEL[scope.tier]}` : '';
  compared(ctx, t, {
    ok,
    computed: shown,
    suggestion: `${formatNumber(value, { decimals: t.num!.decimals })}%`,
    indicator: ratio.code,
    ...(unit && returnOf(unit) ? { original: returnOf(unit) } : {}),
    agrees: unit
      ? `Khớp số liệu đã nhập của ${unit.name} (${unit.code}): ${lowerFirst(ratio.label)} là ${shown}.`
      : `Khớp số liệu tổng hợp: ${ratio.label}${tierSaid} là ${shown}.`,
    differs: unit
      ? `Văn bản ghi ${t.raw} nhưng ${lowerFirst(ratio.label)} (${ratio.code}) của ${unit.name} (${unit.code}), tính từ số liệu đã nhập của đơn vị, là ${shown}.`
      : `Văn bản ghi ${t.raw} nhưng số liệu tổng hợp của ${lowerFirst(ratio.label)} (${ratio.code})${tierSaid} là ${shown}.`,
  });
  return ok;
}

/** The units counted after a fraction: "39/40 cơ quan, đơn vị", "7/7 đơn vị". */
const UNITS_AFTER = /^\s*(?:cơ quan, đơn vị|cơ quan, địa phương|cơ quan|đơn vị)(?!\p{L})/u;
/** "trên cơ sở báo cáo của 39/40 …": the fraction counts the units whose returns were consolidated. */
const REPORTS_OF = /báo cáo của\s*$/u;
/** "… 39/40 đơn vị đã gửi báo cáo": the same, said after the units. */
const REPORTED_AFTER = /^\s*(?:đã\s+)?(?:gửi|nộp)?\s*báo cáo(?!\p{L})/u;
/** Said of sending on time or late, or of inspections: another count of units. */
const OTHER_COUNT = /(hạn|muộn|chậm|kịp thời|kiểm tra|khen thưởng|xếp loại)/u;

/**
 * "trên cơ sở báo cáo của 39/40 cơ quan, đơn vị" (and "cấp sở 20/21 cơ quan, đơn vị đã gửi báo
 * cáo", a footnote to it by tier): the units with data against all the period's units.
 */
function checkUnits(ctx: ParagraphContext, t: Token, data: DataFacts, lead: string | undefined): void {
  if (!data.units || !t.a || !t.b) return;
  const after = ctx.lower.slice(t.end, t.end + 40);
  const units = UNITS_AFTER.exec(after);
  if (!units) return;
  const sentence = sentenceAt(ctx, t.start);
  const before = ctx.lower.slice(Math.max(sentence.start, t.start - 120), t.start);
  const rest = after.slice(units[0].length);
  // A footnote to "báo cáo của 31/33 cơ quan, đơn vị¹" ("Cấp sở 19/21 …; cấp xã 12/12 …") says the same by tier.
  const said =
    REPORTS_OF.test(before) || REPORTED_AFTER.test(rest) || (lead !== undefined && /báo cáo của/u.test(lead));
  if (!said) return;
  if (OTHER_COUNT.test(ctx.lower.slice(sentence.start, sentence.end))) return;
  // A tier named just before ("cấp sở 20/21 …", "cấp huyện có 7/7 …") counts that tier's units.
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('(')) + 1);
  const tierWord = /(cấp sở|cấp huyện|cấp xã)/u.exec(clause)?.[1];
  if (!tierWord && TIER.test(clause)) return;
  const tier = tierWord ? TIER_KEY[tierWord] : undefined;
  const facts = tier ? data.units.tiers?.[tier] : data.units;
  // Said as the units that reported: the whole is all the period's units, whatever it was written.
  if (!facts) return;
  const shown = `${formatNumber(facts.reported)}/${formatNumber(facts.all)}`;
  const ok = t.a.value === facts.reported && t.b.value === facts.all;
  const scope = tier ? ` ${TIER_LABEL[tier]}` : '';
  compared(ctx, t, {
    ok,
    computed: shown,
    suggestion: shown,
    indicator: 'units',
    agrees: `Khớp số liệu tổng hợp: ${shown} đơn vị${scope} có số liệu.`,
    differs: `Văn bản ghi ${t.raw} ${units[0].trim()} nhưng theo số liệu tổng hợp, ${shown} đơn vị${scope} có số liệu (báo cáo gửi về dùng được).`,
  });
}

/** The rate a share is given with: "a/b …, đạt c%", "a/b … (chiếm c%)". */
const RATE_OF_SHARE = /^[^;:%]{0,60}?(?:đạt|chiếm|bằng)\s*$/u;

/**
 * A share "a/b …, đạt c%" whose rate is a ratio of the data (c agrees with it): a and b are that
 * ratio's numerator and denominator ("giải quyết trước và đúng hạn 91.137/92.514 hồ sơ đã giải
 * quyết, đạt 98,51%" is TTHC08 over TTHC08 + TTHC09). Check 1 holds a/b to c; this holds a and b to
 * the data — an edit of a or b that c absorbs at its printed precision is seen. Said when one of
 * them agrees and the other does not (both differing: another share that happens to give c).
 */
function checkShare(ctx: ParagraphContext, t: Token, data: DataFacts): void {
  if (!t.a || !t.b || UNITS_AFTER.test(ctx.lower.slice(t.end, t.end + 40))) return;
  const end = sentenceAt(ctx, t.start).end;
  const rate = ctx.tokens.find(
    (u) =>
      u.kind === 'pct' &&
      u.num &&
      u.start > t.end &&
      u.start < end &&
      RATE_OF_SHARE.test(ctx.lower.slice(t.end, u.start)),
  );
  if (!rate?.num) return;
  const reading = scopeOf(ctx, t, windowOf(ctx, t).from, data);
  if (!reading) return;
  const sum = (terms: [string, 1 | -1][], scope: Scope): number | undefined => {
    let total = 0;
    for (const [code, sign] of terms) {
      const ind = data.indicators.find((i) => i.code === code);
      const v = !ind
        ? undefined
        : !scope
          ? ind.province
          : 'tier' in scope
            ? ind.tiers[scope.tier]
            : scope.unit.indicators[code]?.value;
      if (v === null || v === undefined) return undefined;
      total += sign * v;
    }
    return total;
  };
  for (const scope of reading.scopes) {
    for (const r of data.ratios) {
      if (!r.terms) continue;
      const value = !scope ? r.province : 'tier' in scope ? r.tiers[scope.tier] : scope.unit.ratios[r.code];
      if (value === null || value === undefined || agree(rate.num, value) !== 'ok') continue;
      const num = sum(r.terms.num, scope);
      const den = sum(r.terms.den, scope);
      if (num === undefined || den === undefined) continue;
      const numOk = t.a.value === num;
      const denOk = t.b.value === den;
      // Neither part, or a scope it may not be of: no difference is said.
      if ((!numOk && !denOk) || (!(numOk && denOk) && !reading.sure)) continue;
      const shown = `${showNumber(num)}/${showNumber(den)}`;
      const whose =
        scope && 'unit' in scope
          ? ` của ${scope.unit.name} (${scope.unit.code})`
          : scope
            ? ` ở ${TIER_LABEL[scope.tier]}`
            : '';
      const name = lowerFirst(r.label);
      compared(ctx, t, {
        ok: numOk && denOk,
        computed: shown,
        suggestion: shown,
        indicator: r.code,
        agrees: `Khớp số liệu tổng hợp: tử số và mẫu số của ${name} (${r.code})${whose} là ${shown}.`,
        differs: `Văn bản ghi ${t.raw} nhưng ${name} (${r.code})${whose} được tính từ ${shown} (${r.terms.num.map(termText).join(' ')} trên ${r.terms.den.map(termText).join(' ')}); ${numOk ? 'mẫu số' : 'tử số'} khác số liệu tổng hợp.`,
      });
      return;
    }
  }
}

/** "TTHC08", "+ TTHC09", "− TTHC04": a term of a ratio's side, as a message writes it. */
function termText([code, sign]: [string, 1 | -1], i: number): string {
  return i === 0 ? code : `${sign < 0 ? '−' : '+'} ${code}`;
}

/**
 * What the report says of units without figures, after "N đơn vị": sent nothing, sent only
 * refused files, sent several files none chosen yet.
 */
const UNITS_WITHOUT: { after: RegExp; field: 'missing' | 'rejected' | 'duplicate'; said: string }[] = [
  { after: /^\s*(?:chưa|không)\s+(?:gửi|nộp)(?!\p{L})/u, field: 'missing', said: 'chưa gửi báo cáo' },
  {
    after: /^\s*(?:đã\s+)?(?:gửi|nộp)\s+báo cáo\s+nhưng\s+tệp\s+(?:không|bị)/u,
    field: 'rejected',
    said: 'đã gửi báo cáo nhưng tệp không sử dụng được',
  },
  { after: /^\s*(?:đã\s+)?gửi\s+nhiều\s+tệp/u, field: 'duplicate', said: 'gửi nhiều tệp, chưa chọn tệp sử dụng' },
];

/**
 * "còn 2 đơn vị chưa gửi báo cáo" (of a tier: "cấp xã còn 2 đơn vị …"), "Có 1 đơn vị đã gửi báo cáo
 * nhưng tệp không sử dụng được", "Có 4 đơn vị gửi nhiều tệp …": the units in that situation, as
 * the intake says. True when the figure was such a count.
 */
function checkMissing(ctx: ParagraphContext, t: Token, data: DataFacts): boolean {
  if (!data.units || !t.num) return false;
  const after = ctx.lower.slice(t.end, t.end + 60);
  const units = UNITS_AFTER.exec(after);
  if (!units) return false;
  const kind = UNITS_WITHOUT.find((k) => k.after.test(after.slice(units[0].length)));
  if (!kind) return false;
  const sentence = sentenceAt(ctx, t.start);
  const clause = ctx.lower.slice(Math.max(sentence.start, ctx.text.lastIndexOf(';', t.start - 1) + 1), t.start);
  const tierWord = /(cấp sở|cấp huyện|cấp xã)/u.exec(clause)?.[1];
  if (!tierWord && (TIER.test(clause) || aboutOneUnit(ctx, t, sentence.start))) return false;
  const tier = tierWord ? TIER_KEY[tierWord] : undefined;
  const count = tier
    ? kind.field === 'missing'
      ? data.units.tiers?.[tier]?.missing
      : undefined
    : data.units[kind.field];
  if (count === undefined) return false;
  const scope = tier ? ` ${TIER_LABEL[tier]}` : '';
  compared(ctx, t, {
    ok: t.num.value === count,
    computed: `${formatNumber(count)} đơn vị`,
    suggestion: formatNumber(count),
    indicator: 'units',
    agrees: `Khớp số liệu tiếp nhận: ${formatNumber(count)} đơn vị${scope} ${kind.said}.`,
    differs:
      `Văn bản ghi ${t.raw} ${units[0].trim()} ${kind.said} nhưng theo số liệu tiếp nhận, ${formatNumber(count)} đơn vị${scope} ${kind.said}` +
      (kind.field === 'missing' ? ' (không kể đơn vị có tệp bị từ chối hoặc gửi nhiều tệp).' : '.'),
  });
  return true;
}

/** The SHA-256 of the kept return a unit's figures were read from (one return a unit), to open it. */
export function returnOf(unit: UnitFacts): string | undefined {
  for (const f of Object.values(unit.indicators)) if (f.sha256) return f.sha256;
  return undefined;
}

/**
 * A threshold written as the resolution's ("(Nghị quyết số 08-NQ/TU là 30%)", "… là cấp sở 90%,
 * cấp xã 60%", "mục tiêu của Nghị quyết …: trong nhóm 50 tỉnh, thành phố dẫn đầu", "chỉ tiêu
 * Nghị quyết đề ra là 80%") after a target's name: compared with what the form says the target
 * asks. True when the figure was such a threshold (then no other check reads it).
 */
function checkGoal(ctx: ParagraphContext, t: Token, data: DataFacts): boolean {
  if (!data.goals || !t.num) return false;
  const before = ctx.lower.slice(sentenceAt(ctx, t.start).start, t.start);
  if (t.kind === 'num' && RANK_BEFORE.test(before)) return checkRank(ctx, t, data.goals, before);
  const key = Math.max(
    before.lastIndexOf('nghị quyết'),
    before.lastIndexOf('mục tiêu'),
    before.lastIndexOf('chỉ tiêu'),
  );
  if (key < 0) return false;
  const said = GOAL_SAID.exec(before.slice(key));
  if (!said) return false;
  const rank = said[2] !== undefined;
  if (rank !== (t.kind === 'num')) return false;
  // The target: the one whose name the sentence gives last before the threshold.
  const goal = goalNamed(data.goals, before, key);
  if (!goal || (goal.unit === 'hạng') !== rank) return false;
  const tier = said[1] ? TIER_KEY[said[1]] : undefined;
  const expected = tier ? goal.byTier?.[tier] : (goal.value ?? undefined);
  if (expected === undefined) return true;
  const shown = rank ? `trong nhóm ${showNumber(expected)} dẫn đầu` : `${showNumber(expected)}%`;
  const whose = `${goal.id} (${goal.label})${tier ? ` ở ${TIER_LABEL[tier]}` : ''}`;
  compared(ctx, t, {
    ok: Math.abs(t.num.value - expected) < 1e-9,
    computed: shown,
    suggestion: rank ? showNumber(expected) : `${showNumber(expected)}%`,
    indicator: goal.id,
    agrees: `Khớp mục tiêu của Nghị quyết: ${whose} là ${shown}.`,
    differs: `Văn bản ghi mục tiêu của Nghị quyết là ${rank ? `trong nhóm ${t.raw}` : t.raw} nhưng biểu mẫu ghi mục tiêu ${whose} là ${shown}.`,
  });
  return true;
}

/** "xếp thứ 41", "xếp hạng 41", "đứng thứ 41": a rank. */
const RANK_BEFORE = /(?:xếp thứ|xếp hạng|đứng thứ|thứ hạng là)\s*$/u;

/** The target a sentence names last before `end` (by its label or its ratio's). */
function goalNamed(goals: NonNullable<DataFacts['goals']>, before: string, end = before.length) {
  let goal: (typeof goals)[number] | undefined;
  let at = -1;
  for (const g of goals)
    for (const name of g.names) {
      const i = before.lastIndexOf(name.toLowerCase(), end);
      if (i > at) [goal, at] = [g, i];
    }
  return goal;
}

/** "(8) Thứ hạng Chỉ số cải cách hành chính … : xếp thứ 41": the rank the department entered. */
function checkRank(ctx: ParagraphContext, t: Token, goals: NonNullable<DataFacts['goals']>, before: string): boolean {
  const goal = goalNamed(goals, before);
  if (!goal || goal.unit !== 'hạng' || goal.entered === null || !t.num) return false;
  const rank = showNumber(goal.entered);
  compared(ctx, t, {
    ok: t.num.value === goal.entered,
    computed: `thứ ${rank}`,
    suggestion: rank,
    indicator: goal.id,
    agrees: `Khớp số liệu cấp tỉnh đã nhập: ${goal.id} (${goal.label}) là thứ ${rank}.`,
    differs: `Văn bản ghi thứ ${t.raw} nhưng số liệu cấp tỉnh đã nhập cho ${goal.id} (${goal.label}) là thứ ${rank}.`,
  });
  return true;
}

/**
 * The words from "Nghị quyết", "mục tiêu" or "chỉ tiêu" to a threshold: "Nghị quyết số 08-NQ/TU là
 * ", "… là cấp sở 90%, cấp xã ", "mục tiêu của Nghị quyết số 08-NQ/TU: trong nhóm ", "… đề ra là ";
 * the tier in [1], "nhóm" in [2].
 */
const GOAL_SAID =
  /^(?:nghị quyết|mục tiêu|chỉ tiêu)(?:\s+(?:của\s+)?nghị quyết)?(?:\s+số\s+[\p{L}\d/.-]+)?\s*(?:đề ra\s*)?(?:là|:|đề ra)\s*(?:(?:cấp sở|cấp huyện|cấp xã)\s+\d+(?:,\d+)?\s?%\s*,\s*)*(?:(cấp sở|cấp huyện|cấp xã)\s+)?(?:trong (nhóm)\s+)?$/u;

/** Check 7 over one paragraph. */
export function checkData(ctx: ParagraphContext, data: DataFacts, mark?: NoteMark): void {
  const lead = leadOf(mark);
  for (const t of ctx.tokens) {
    if (
      t.kind === 'targets' ||
      (t.kind === 'num' && /^\s*(chỉ tiêu|mục tiêu)/u.test(ctx.lower.slice(t.end, t.end + 12)))
    ) {
      checkTargets(ctx, t, data);
      continue;
    }
    if ((t.kind === 'pct' || t.kind === 'num') && checkGoal(ctx, t, data)) continue;
    if (t.kind === 'num' && t.num && checkMissing(ctx, t, data)) continue;
    if (t.kind === 'num' && t.num) checkCount(ctx, t, data, lead);
    else if (t.kind === 'pct' && t.num) checkRatio(ctx, t, data);
    else if (t.kind === 'frac') {
      checkUnits(ctx, t, data, lead);
      checkShare(ctx, t, data);
    }
  }
}
