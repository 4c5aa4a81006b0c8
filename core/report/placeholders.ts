/**
 * The placeholder language of report templates: live figures inside narrative text.
 *
 * One syntax: `{{…}}` for a figure, `[[fn: …]]` for a footnote (which may itself hold
 * figures), `[[if {{…}}: …]]` / `[[unless {{…}}: …]]` for words said only when a figure is
 * (or is not) above zero. Parsed by a small scanner, validated against the form when the
 * template is loaded, and resolved against a consolidation when the report is rendered.
 */
import { TIERS, type Form, type Scope, type Tier } from '../form/types.js';

/** Ways a province or tier total can be printed. */
export type TotalStyle = 'plain' | 'count2' | 'money';

/** One parsed placeholder. */
export type Placeholder =
  | { kind: 'total'; scope: Scope; code: string; style: TotalStyle }
  | { kind: 'ratio'; scope: Scope; code: string }
  /** "206.800/208.700 hồ sơ đã giải quyết, đạt 99,09%": a ratio's own numerator and denominator with its rate. */
  | { kind: 'fraction'; scope: Scope; code: string; noun: string }
  /** "60 biên chế, tương ứng 2,28%": a ratio's own numerator with its rate. */
  | { kind: 'part'; scope: Scope; code: string; noun: string }
  | { kind: 'target'; id: string; field: TargetField }
  | { kind: 'targets'; field: TargetsField }
  | { kind: 'units'; scope: Scope; field: UnitsField }
  | { kind: 'annex'; name: AnnexName }
  | { kind: 'period'; field: PeriodField };

export type TargetField = 'value' | 'threshold' | 'status' | 'label';
/** `title.lower`: the title with a lower-case first letter, for the middle of a sentence. */
export type PeriodField = 'title' | 'title.lower' | 'shortTitle' | 'resolution' | 'cutoff' | 'deadline';
/** `met` (đạt and vượt), `unmet` (chưa đạt), `nodata` (no figure to judge), `total`. */
export type TargetsField = 'met' | 'unmet' | 'nodata' | 'total';
/**
 * `reported` (figures consolidated), `all`, `unused` (all − reported), and why a unit has no
 * figures: `missing` (sent nothing), `rejected` (sent only refused files), `duplicate` (sent
 * several different files, none chosen yet).
 */
export type UnitsField = 'reported' | 'all' | 'unused' | 'missing' | 'rejected' | 'duplicate';
/** The report's annexes that the text can refer to ("Phụ lục I"). */
export type AnnexName = 'units' | 'unused';

/** A piece of template text after scanning. */
export type Segment =
  | { type: 'text'; text: string }
  /** `source` is the placeholder as written between the braces, trimmed ("so:KL01"). */
  | { type: 'ph'; source: string; ph: Placeholder }
  | { type: 'fn'; segments: Segment[] }
  /** Words printed only when the figure `ph` is above zero (`unless`: when it is zero or missing). */
  | { type: 'if'; negate: boolean; source: string; ph: Placeholder; segments: Segment[] };

/** A template that cannot be used; names the offending placeholder and where it is. */
export class ReportTemplateError extends Error {
  constructor(
    message: string,
    /** The placeholder or markup at fault, as written. */
    readonly placeholder: string,
  ) {
    super(message);
    this.name = 'ReportTemplateError';
  }
}

const TARGET_FIELDS: readonly TargetField[] = ['value', 'threshold', 'status', 'label'];
const TARGETS_FIELDS: readonly TargetsField[] = ['met', 'unmet', 'nodata', 'total'];
const UNITS_FIELDS: readonly UnitsField[] = ['reported', 'all', 'unused', 'missing', 'rejected', 'duplicate'];
const ANNEX_NAMES: readonly AnnexName[] = ['units', 'unused'];
const PERIOD_FIELDS: readonly PeriodField[] = [
  'title',
  'title.lower',
  'shortTitle',
  'resolution',
  'cutoff',
  'deadline',
];
const TIER_NAMES: Record<Tier, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

function isTier(s: string): s is Tier {
  return (TIERS as readonly string[]).includes(s);
}

/**
 * Scan template text into segments. `where` names the block for messages ("đoạn 12").
 * Placeholders are checked against `form`; any unknown one throws {@link ReportTemplateError}.
 */
export function parseText(text: string, form: Form, where: string): Segment[] {
  const { segments, end } = scan(text, 0, 'top', form, where);
  if (end !== text.length) throw new ReportTemplateError(`Mẫu báo cáo, ${where}: dấu "]]" thừa.`, ']]');
  return segments;
}

/** Inside what a scan runs: the top level, a footnote or a condition (both end at "]]"). */
type ScanContext = 'top' | 'fn' | 'if';

const IF_OPEN = /^\[\[(if|unless)\s+\{\{/;

function scan(
  text: string,
  start: number,
  inside: ScanContext,
  form: Form,
  where: string,
): { segments: Segment[]; end: number } {
  const segments: Segment[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) segments.push({ type: 'text', text: literal });
    literal = '';
  };
  let i = start;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close < 0) {
        const excerpt = text.slice(i, i + 30);
        throw new ReportTemplateError(
          `Mẫu báo cáo, ${where}: trường số liệu "${excerpt}" thiếu dấu đóng "}}".`,
          excerpt,
        );
      }
      const source = text.slice(i + 2, close).trim();
      flush();
      segments.push({ type: 'ph', source, ph: parsePlaceholder(source, form, where) });
      i = close + 2;
    } else if (IF_OPEN.test(text.slice(i, i + 12))) {
      const m = IF_OPEN.exec(text.slice(i, i + 12)) as RegExpExecArray;
      const word = m[1] as 'if' | 'unless';
      if (inside === 'if') {
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: điều kiện không được lồng trong điều kiện.`, `[[${word}`);
      }
      const open = i + m[0].length;
      const close = text.indexOf('}}', open);
      if (close < 0) {
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: điều kiện "[[${word}" thiếu dấu đóng "}}".`, `[[${word}`);
      }
      const source = text.slice(open, close).trim();
      const ph = parsePlaceholder(source, form, where);
      let j = close + 2;
      while (text[j] === ' ') j++;
      if (text[j] !== ':') {
        throw new ReportTemplateError(
          `Mẫu báo cáo, ${where}: sau "[[${word} {{${source}}}" cần dấu ":" rồi đến nội dung.`,
          `[[${word}`,
        );
      }
      flush();
      const inner = scan(text, j + 1, 'if', form, where);
      if (!text.startsWith(']]', inner.end)) {
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: điều kiện "[[${word}" thiếu dấu đóng "]]".`, `[[${word}`);
      }
      // Spaces written after the colon are kept: "[[if {{x}}: ; thêm]]" prints "; thêm".
      const segs =
        inner.segments.length > 0 && inner.segments[0]?.type === 'text'
          ? [{ ...inner.segments[0], text: inner.segments[0].text.replace(/^ /, '') }, ...inner.segments.slice(1)]
          : inner.segments;
      segments.push({
        type: 'if',
        negate: word === 'unless',
        source,
        ph,
        segments: segs.filter((x) => x.type !== 'text' || x.text !== ''),
      });
      i = inner.end + 2;
    } else if (text.startsWith('[[fn:', i)) {
      if (inside === 'fn')
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích không được lồng trong chú thích.`, '[[fn:');
      flush();
      const inner = scan(text, i + 5, 'fn', form, where);
      if (!text.startsWith(']]', inner.end)) {
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích "[[fn:" thiếu dấu đóng "]]".`, '[[fn:');
      }
      const segs = trimSegments(inner.segments);
      if (segs.length === 0) throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích rỗng.`, '[[fn:]]');
      segments.push({ type: 'fn', segments: segs });
      i = inner.end + 2;
    } else if (inside !== 'top' && text.startsWith(']]', i)) {
      break;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  flush();
  return { segments, end: i };
}

function trimSegments(segs: Segment[]): Segment[] {
  const out = segs.map((s) => ({ ...s }));
  const first = out[0];
  if (first?.type === 'text') first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text.trimEnd();
  return out.filter((s) => s.type !== 'text' || s.text.length > 0);
}

/** Parse the inside of one `{{…}}` and check it against the form. */
export function parsePlaceholder(source: string, form: Form, where: string): Placeholder {
  const fail = (why: string): never => {
    throw new ReportTemplateError(
      `Mẫu báo cáo, ${where}: trường số liệu "{{${source}}}" không hợp lệ — ${why}.`,
      source,
    );
  };
  const bar = source.indexOf('|');
  const noun = bar < 0 ? '' : source.slice(bar + 1).trim();
  const body = bar < 0 ? source : source.slice(0, bar);
  const parts = body.split(':').map((p) => p.trim());
  if (parts.some((p) => p === '')) fail('thiếu thành phần giữa các dấu ":"');
  const head = parts[0] ?? '';
  if (bar >= 0 && head !== 'fraction' && head !== 'part')
    fail('chỉ {{fraction:…|…}} và {{part:…|…}} có phần sau dấu "|"');
  if (bar >= 0 && noun === '') fail('sau dấu "|" cần ghi danh từ đi kèm số (ví dụ "hồ sơ")');

  const scopeAndCode = (rest: string[]): { scope: Scope; code: string } => {
    if (rest.length === 1) return { scope: 'province', code: rest[0] ?? '' };
    if (rest.length === 2) {
      const t = rest[0] ?? '';
      if (!isTier(t)) fail(`"${t}" không phải là cấp (so, huyen, xa)`);
      return { scope: t as Tier, code: rest[1] ?? '' };
    }
    return fail('quá nhiều thành phần');
  };

  const checkIndicator = (scope: Scope, code: string): void => {
    const ind = form.indicatorByCode.get(code);
    if (!ind) fail(`không có chỉ tiêu ${code} trong biểu mẫu ${form.formId}`);
    else if (ind.aggregate !== 'sum') fail(`chỉ tiêu ${code} không cộng dồn được nên không có số tổng hợp`);
    else if (scope !== 'province' && !ind.tiers.includes(scope))
      fail(`chỉ tiêu ${code} không áp dụng cho ${TIER_NAMES[scope]}`);
  };

  switch (head) {
    case 'count2':
    case 'money': {
      const { scope, code } = scopeAndCode(parts.slice(1));
      checkIndicator(scope, code);
      return { kind: 'total', scope, code, style: head };
    }
    case 'ratio':
    case 'fraction':
    case 'part': {
      const { scope, code } = scopeAndCode(parts.slice(1));
      if (!form.ratioByCode.has(code)) fail(`không có tỷ lệ ${code} trong biểu mẫu ${form.formId}`);
      return head === 'ratio' ? { kind: 'ratio', scope, code } : { kind: head, scope, code, noun };
    }
    case 'annex': {
      const name = parts[1] ?? '';
      if (parts.length !== 2 || !(ANNEX_NAMES as readonly string[]).includes(name))
        fail(`cần {{annex:units}} (số liệu từng đơn vị) hoặc {{annex:unused}} (đơn vị chưa có số liệu)`);
      return { kind: 'annex', name: name as AnnexName };
    }
    case 'target': {
      if (parts.length !== 2) fail('cần dạng {{target:MT1}} hoặc {{target:MT1.status}}');
      const [id = '', field = 'value'] = (parts[1] ?? '').split('.');
      if (!form.targets.some((t) => t.id === id)) fail(`không có mục tiêu ${id} trong biểu mẫu ${form.formId}`);
      if (!(TARGET_FIELDS as readonly string[]).includes(field))
        fail(`"${field}" không phải là ${TARGET_FIELDS.join(', ')}`);
      return { kind: 'target', id, field: field as TargetField };
    }
    case 'targets': {
      const f = parts[1] ?? '';
      if (parts.length !== 2 || !(TARGETS_FIELDS as readonly string[]).includes(f))
        fail('cần {{targets:met}}, {{targets:unmet}}, {{targets:nodata}} hoặc {{targets:total}}');
      return { kind: 'targets', field: f as TargetsField };
    }
    case 'units': {
      if (parts.length !== 2) fail('cần dạng {{units:reported}} hoặc {{units:so.all}}');
      const [a = '', b] = (parts[1] ?? '').split('.');
      const fields = UNITS_FIELDS.join(', ');
      if ((UNITS_FIELDS as readonly string[]).includes(a) && b === undefined) {
        return { kind: 'units', scope: 'province', field: a as UnitsField };
      }
      if (!isTier(a)) fail(`"${a}" không phải là ${fields} hay một cấp`);
      const field = b ?? 'reported';
      if (!(UNITS_FIELDS as readonly string[]).includes(field)) fail(`"${field}" không phải là ${fields}`);
      return { kind: 'units', scope: a as Tier, field: field as UnitsField };
    }
    case 'period': {
      const f = parts[1] ?? '';
      if (parts.length !== 2 || !(PERIOD_FIELDS as readonly string[]).includes(f))
        fail(`cần một trong ${PERIOD_FIELDS.join(', ')}`);
      return { kind: 'period', field: f as PeriodField };
    }
    default: {
      const { scope, code } = scopeAndCode(parts);
      checkIndicator(scope, code);
      return { kind: 'total', scope, code, style: 'plain' };
    }
  }
}

/** Every placeholder in the segments, footnotes and conditions included. */
export function placeholdersOf(segments: Segment[]): { source: string; ph: Placeholder }[] {
  const out: { source: string; ph: Placeholder }[] = [];
  for (const s of segments) {
    if (s.type === 'ph') out.push({ source: s.source, ph: s.ph });
    else if (s.type === 'fn') out.push(...placeholdersOf(s.segments));
    else if (s.type === 'if') out.push({ source: s.source, ph: s.ph }, ...placeholdersOf(s.segments));
  }
  return out;
}

/**
 * A rate printed beside the figures it is computed from must come with them from one
 * placeholder: `{{ratio:R}}` in the same clause (between ".", ";" or a line break) as a
 * total of one of R's own indicators is refused, pointing to `{{fraction:R|…}}` or
 * `{{part:R|…}}`, which print the numerator (and denominator) the rate is computed from.
 */
export function checkRatesBesideFigures(segments: Segment[], form: Form, where: string): void {
  const clauses: Segment[][] = [[]];
  for (const s of segments) {
    if (s.type === 'fn' || s.type === 'if') {
      checkRatesBesideFigures(s.segments, form, where);
      continue;
    }
    if (s.type === 'text') {
      const pieces = s.text.split(/[.;\n]/);
      pieces.forEach((piece, k) => {
        if (k > 0) clauses.push([]);
        if (piece) clauses[clauses.length - 1]?.push({ type: 'text', text: piece });
      });
      continue;
    }
    clauses[clauses.length - 1]?.push(s);
  }
  for (const clause of clauses) {
    const totals = clause.flatMap((s) => (s.type === 'ph' && s.ph.kind === 'total' ? [s.ph] : []));
    for (const s of clause) {
      if (s.type !== 'ph' || s.ph.kind !== 'ratio') continue;
      const ratio = form.ratioByCode.get(s.ph.code);
      const scope = s.ph.scope;
      const beside = totals.find((t) => t.scope === scope && ratio?.refs.includes(t.code));
      if (beside) {
        throw new ReportTemplateError(
          `Mẫu báo cáo, ${where}: tỷ lệ "{{${s.source}}}" đứng cạnh số liệu "{{${beside.code}}}" mà nó được tính ra; ` +
            `hãy dùng {{fraction:${s.source.slice('ratio:'.length)}|…}} hoặc {{part:${s.source.slice('ratio:'.length)}|…}} ` +
            'để in số liệu và tỷ lệ từ cùng một tử số, mẫu số.',
          s.source,
        );
      }
    }
  }
}

export { TIER_NAMES };
