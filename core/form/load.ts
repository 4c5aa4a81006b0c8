import * as z from 'zod';
import { readResourceJson } from '../resources.js';
import { ExprSyntaxError, exprRefs, isBoolean, parseExpr, type Expr } from './expr.js';
import { TIERS, type Form, type Indicator, type Ratio, type Rule, type Target } from './types.js';

/** A form definition that cannot be used; `problems` lists every defect found. */
export class FormDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid form definition:\n- ${problems.join('\n- ')}`);
    this.name = 'FormDefinitionError';
  }
}

const tier = z.enum(TIERS);
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'codes are upper-case letters, digits and _');

const formSchema = z.object({
  formId: z.string().min(1),
  version: z.string().min(1),
  tiers: z.object({ so: z.string(), huyen: z.string(), xa: z.string() }),
  sections: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) })).min(1),
  indicators: z
    .array(
      z.object({
        code,
        section: z.string(),
        label: z.string().min(1),
        unit: z.string().min(1),
        kind: z.enum(['count', 'money', 'days', 'percent']),
        tiers: z.array(tier).min(1),
        aggregate: z.enum(['sum', 'none']),
      }),
    )
    .min(1),
  ratios: z.array(z.object({ code, label: z.string().min(1), num: z.string(), den: z.string() })),
  rules: z.array(
    z.object({
      id: z.string().regex(/^R[0-9]+$/),
      expr: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      label: z.string().min(1),
    }),
  ),
  targets: z.array(
    z.object({
      id: z.string().min(1),
      label: z.string().min(1),
      ratio: z.string().optional(),
      input: z.literal('province').optional(),
      unit: z.string().optional(),
      op: z.enum(['>=', '<=']),
      value: z.number().optional(),
      byTier: z.partialRecord(tier, z.number()).optional(),
    }),
  ),
});

export type RawForm = z.input<typeof formSchema>;

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/**
 * Validate and parse a form definition (the JSON of `resources/form-cchc.json`).
 * Every defect is collected and thrown together as a {@link FormDefinitionError}:
 * schema errors, duplicate codes, malformed expressions (with their column), and
 * rules, ratios or targets naming an unknown indicator or ratio.
 */
export function parseForm(json: unknown): Form {
  const parsed = formSchema.safeParse(json);
  if (!parsed.success) {
    throw new FormDefinitionError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];

  for (const d of duplicates(raw.indicators.map((i) => i.code))) problems.push(`duplicate indicator code ${d}`);
  for (const d of duplicates(raw.ratios.map((r) => r.code))) problems.push(`duplicate ratio code ${d}`);
  for (const d of duplicates(raw.rules.map((r) => r.id))) problems.push(`duplicate rule id ${d}`);
  for (const d of duplicates(raw.targets.map((t) => t.id))) problems.push(`duplicate target id ${d}`);
  for (const d of duplicates(raw.sections.map((s) => s.id))) problems.push(`duplicate section id ${d}`);
  for (const c of raw.ratios.map((r) => r.code)) {
    if (raw.indicators.some((i) => i.code === c)) problems.push(`ratio code ${c} is also an indicator code`);
  }

  const sectionIds = new Set(raw.sections.map((s) => s.id));
  const indicators: Indicator[] = raw.indicators.map((i) => {
    if (!sectionIds.has(i.section)) problems.push(`indicator ${i.code}: unknown section ${i.section}`);
    if (i.kind === 'percent' && i.aggregate === 'sum') {
      problems.push(`indicator ${i.code}: a percentage cannot be summed (aggregate must be "none")`);
    }
    return { ...i, tiers: [...i.tiers] };
  });
  const known = new Set(indicators.map((i) => i.code));

  const compile = (where: string, src: string): Expr | undefined => {
    try {
      const e = parseExpr(src);
      for (const ref of exprRefs(e)) {
        if (!known.has(ref)) problems.push(`${where}: unknown indicator ${ref} in "${src}"`);
      }
      return e;
    } catch (err) {
      if (err instanceof ExprSyntaxError) {
        problems.push(`${where}: ${err.reason} at column ${err.column} of "${src}"`);
        return undefined;
      }
      throw err;
    }
  };

  const ratios: Ratio[] = [];
  for (const r of raw.ratios) {
    const num = compile(`ratio ${r.code} (num)`, r.num);
    const den = compile(`ratio ${r.code} (den)`, r.den);
    if (num && isBoolean(num)) problems.push(`ratio ${r.code}: numerator must be a number, not a comparison`);
    if (den && isBoolean(den)) problems.push(`ratio ${r.code}: denominator must be a number, not a comparison`);
    if (num && den) {
      const refs = [...new Set([...exprRefs(num), ...exprRefs(den)])];
      ratios.push({ code: r.code, label: r.label, num, den, numSource: r.num, denSource: r.den, refs });
    }
  }

  const rules: Rule[] = [];
  for (const r of raw.rules) {
    const e = compile(`rule ${r.id}`, r.expr);
    if (e && !isBoolean(e)) problems.push(`rule ${r.id}: must be a comparison, got "${r.expr}"`);
    if (e) rules.push({ id: r.id, source: r.expr, expr: e, severity: r.severity, label: r.label, refs: exprRefs(e) });
  }

  const ratioCodes = new Set(raw.ratios.map((r) => r.code));
  const targets: Target[] = raw.targets.map((t) => {
    if (t.ratio === undefined && t.input === undefined) problems.push(`target ${t.id}: needs a ratio or an input`);
    if (t.ratio !== undefined && t.input !== undefined) problems.push(`target ${t.id}: has both a ratio and an input`);
    if (t.ratio !== undefined && !ratioCodes.has(t.ratio)) problems.push(`target ${t.id}: unknown ratio ${t.ratio}`);
    if (t.input !== undefined && t.unit !== '%' && t.unit !== 'hạng')
      problems.push(`target ${t.id}: a province input is in "%" or "hạng", not ${JSON.stringify(t.unit ?? '')}`);
    if (t.value === undefined && t.byTier === undefined)
      problems.push(`target ${t.id}: needs a value or byTier thresholds`);
    const target: Target = { id: t.id, label: t.label, op: t.op };
    if (t.ratio !== undefined) target.ratio = t.ratio;
    if (t.input !== undefined) target.input = t.input;
    if (t.unit !== undefined) target.unit = t.unit;
    if (t.value !== undefined) target.value = t.value;
    if (t.byTier !== undefined) target.byTier = { ...t.byTier };
    return target;
  });

  if (problems.length > 0) throw new FormDefinitionError(problems);

  return {
    formId: raw.formId,
    version: raw.version,
    tiers: raw.tiers,
    sections: raw.sections,
    indicators,
    ratios,
    rules,
    targets,
    indicatorByCode: new Map(indicators.map((i) => [i.code, i])),
    ratioByCode: new Map(ratios.map((r) => [r.code, r])),
  };
}

/** The indicators a unit of `tier` fills, in form order. */
export function indicatorsForTier(form: Form, tier: Form['indicators'][number]['tiers'][number]): Indicator[] {
  return form.indicators.filter((i) => i.tiers.includes(tier));
}

let defaultForm: Form | undefined;

/** The built-in form `resources/form-cchc.json`, validated once. */
export function loadDefaultForm(): Form {
  defaultForm ??= parseForm(readResourceJson('form-cchc.json'));
  return defaultForm;
}
