/**
 * The placeholder language of report templates: live figures inside narrative text.
 *
 * One syntax: `{{…}}` for a figure, `[[fn: …]]` for a footnote (which may itself hold
 * figures). Parsed by a small scanner, validated against the form when the template is
 * loaded, and resolved against a consolidation when the report is rendered.
 */
import { TIERS, type Form, type Scope, type Tier } from '../form/types.js';

/** Ways a province or tier total can be printed. */
export type TotalStyle = 'plain' | 'count2' | 'money';

/** One parsed placeholder. */
export type Placeholder =
  | { kind: 'total'; scope: Scope; code: string; style: TotalStyle }
  | { kind: 'ratio'; scope: Scope; code: string }
  | { kind: 'target'; id: string; field: TargetField }
  | { kind: 'targets'; field: 'met' | 'total' | 'unmet' }
  | { kind: 'units'; scope: Scope; field: 'reported' | 'all' | 'missing' }
  | { kind: 'period'; field: PeriodField };

export type TargetField = 'value' | 'threshold' | 'status' | 'label';
export type PeriodField = 'title' | 'shortTitle' | 'resolution' | 'cutoff' | 'deadline';

/** A piece of template text after scanning. */
export type Segment =
  | { type: 'text'; text: string }
  /** `source` is the placeholder as written between the braces, trimmed ("so:KL01"). */
  | { type: 'ph'; source: string; ph: Placeholder }
  | { type: 'fn'; segments: Segment[] };

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
const PERIOD_FIELDS: readonly PeriodField[] = ['title', 'shortTitle', 'resolution', 'cutoff', 'deadline'];
const TIER_NAMES: Record<Tier, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

function isTier(s: string): s is Tier {
  return (TIERS as readonly string[]).includes(s);
}

/**
 * Scan template text into segments. `where` names the block for messages ("đoạn 12").
 * Placeholders are checked against `form`; any unknown one throws {@link ReportTemplateError}.
 */
export function parseText(text: string, form: Form, where: string): Segment[] {
  const { segments, end } = scan(text, 0, false, form, where);
  if (end !== text.length) throw new ReportTemplateError(`Mẫu báo cáo, ${where}: dấu "]]" thừa.`, ']]');
  return segments;
}

function scan(
  text: string,
  start: number,
  inFootnote: boolean,
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
    } else if (text.startsWith('[[fn:', i)) {
      if (inFootnote)
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích không được lồng trong chú thích.`, '[[fn:');
      flush();
      const inner = scan(text, i + 5, true, form, where);
      if (!text.startsWith(']]', inner.end)) {
        throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích "[[fn:" thiếu dấu đóng "]]".`, '[[fn:');
      }
      const segs = trimSegments(inner.segments);
      if (segs.length === 0) throw new ReportTemplateError(`Mẫu báo cáo, ${where}: chú thích rỗng.`, '[[fn:]]');
      segments.push({ type: 'fn', segments: segs });
      i = inner.end + 2;
    } else if (inFootnote && text.startsWith(']]', i)) {
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
  const parts = source.split(':').map((p) => p.trim());
  if (parts.some((p) => p === '')) fail('thiếu thành phần giữa các dấu ":"');
  const head = parts[0] ?? '';

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
    case 'ratio': {
      const { scope, code } = scopeAndCode(parts.slice(1));
      if (!form.ratioByCode.has(code)) fail(`không có tỷ lệ ${code} trong biểu mẫu ${form.formId}`);
      return { kind: 'ratio', scope, code };
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
      if (parts.length !== 2 || !['met', 'total', 'unmet'].includes(f))
        fail('cần {{targets:met}}, {{targets:unmet}} hoặc {{targets:total}}');
      return { kind: 'targets', field: f as 'met' | 'total' | 'unmet' };
    }
    case 'units': {
      if (parts.length !== 2) fail('cần dạng {{units:reported}} hoặc {{units:so.all}}');
      const [a = '', b] = (parts[1] ?? '').split('.');
      if (['reported', 'all', 'missing'].includes(a) && b === undefined) {
        return { kind: 'units', scope: 'province', field: a as 'reported' | 'all' | 'missing' };
      }
      if (!isTier(a)) fail(`"${a}" không phải là reported, all, missing hay một cấp`);
      const field = b ?? 'reported';
      if (!['reported', 'all', 'missing'].includes(field)) fail(`"${field}" không phải là reported, all hay missing`);
      return { kind: 'units', scope: a as Tier, field: field as 'reported' | 'all' | 'missing' };
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

/** Every placeholder in the segments, footnotes included. */
export function placeholdersOf(segments: Segment[]): { source: string; ph: Placeholder }[] {
  const out: { source: string; ph: Placeholder }[] = [];
  for (const s of segments) {
    if (s.type === 'ph') out.push({ source: s.source, ph: s.ph });
    else if (s.type === 'fn') out.push(...placeholdersOf(s.segments));
  }
  return out;
}

export { TIER_NAMES };
