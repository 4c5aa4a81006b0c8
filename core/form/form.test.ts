import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FormDefinitionError, loadDefaultForm, parseForm } from './load.js';
import { evaluate, parseExpr, printExpr, ExprSyntaxError } from './expr.js';

const raw = (): Record<string, unknown> & {
  indicators: { code: string }[];
  rules: { id: string; expr: string }[];
  ratios: { num: string }[];
  targets: { id: string; ratio?: string; input?: string; unit?: string }[];
} => JSON.parse(readFileSync(new URL('../../resources/form-cchc.json', import.meta.url), 'utf8'));

describe('the built-in form', () => {
  it('loads 95 indicators, 17 ratios, 31 rules and 9 targets', () => {
    const f = loadDefaultForm();
    expect(f.indicators).toHaveLength(95);
    expect(f.ratios).toHaveLength(17);
    expect(f.rules).toHaveLength(31);
    expect(f.targets).toHaveLength(9);
    expect(f.indicatorByCode.get('KL01')?.label).toBe('Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật');
    expect(f.rules.find((r) => r.id === 'R01')?.refs).toEqual(['KL01', 'KL02', 'KL03', 'KL04', 'KL05', 'KL06', 'KL07']);
    expect(f.ratioByCode.get('R_CATGIAM_TG')?.refs).toEqual(['TTHC03', 'TTHC04']);
  });

  it('every rule prints back to its source (the parser keeps the structure)', () => {
    for (const r of loadDefaultForm().rules) expect(printExpr(r.expr)).toBe(r.source);
  });
});

describe('load-time errors', () => {
  it('rejects a rule naming an unknown indicator', () => {
    const j = raw();
    j.rules[0]!.expr = 'KL01 == KL99 + KL02';
    expect(() => parseForm(j)).toThrow(/rule R01: unknown indicator KL99/);
  });
  it('rejects a ratio naming an unknown indicator', () => {
    const j = raw();
    j.ratios[0]!.num = 'TT04 + NOPE1';
    expect(() => parseForm(j)).toThrow(/ratio R_QUANTRIET \(num\): unknown indicator NOPE1/);
  });
  it('rejects a target naming an unknown ratio', () => {
    const j = raw();
    j.targets[0]!.ratio = 'R_NONE';
    expect(() => parseForm(j)).toThrow(/target MT1: unknown ratio R_NONE/);
  });
  it('rejects a province input target in a unit other than % or hạng', () => {
    const j = raw();
    const input = j.targets.find((t) => t.input === 'province')!;
    input.unit = 'người';
    expect(() => parseForm(j)).toThrow(`target ${input.id}: a province input is in "%" or "hạng", not "người"`);
    delete input.unit;
    expect(() => parseForm(j)).toThrow(`target ${input.id}: a province input is in "%" or "hạng", not ""`);
  });
  it('rejects a duplicate indicator code', () => {
    const j = raw();
    j.indicators[1]!.code = 'TT01';
    expect(() => parseForm(j)).toThrow(/duplicate indicator code TT01/);
  });
  it('rejects a duplicate rule id', () => {
    const j = raw();
    j.rules[1]!.id = 'R01';
    expect(() => parseForm(j)).toThrow(/duplicate rule id R01/);
  });
  it('rejects a malformed rule with the column of the defect', () => {
    const j = raw();
    j.rules[2]!.expr = 'BC03 == (BC01 - BC02';
    try {
      parseForm(j);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormDefinitionError);
      expect((e as FormDefinitionError).problems).toEqual([
        'rule R03: expected ")" but found end of expression at column 21 of "BC03 == (BC01 - BC02"',
      ]);
    }
  });
  it('rejects a rule that is not a comparison', () => {
    const j = raw();
    j.rules[0]!.expr = 'KL01 + KL02';
    expect(() => parseForm(j)).toThrow(/rule R01: must be a comparison/);
  });
});

describe('expressions', () => {
  const vals: Record<string, number> = { A: 5, B: 2, C: 0 };
  const look = (c: string): number | undefined => vals[c];
  it('respects precedence and evaluates', () => {
    expect(evaluate(parseExpr('A - B * 2'), look)).toEqual({ kind: 'number', value: 1 });
    expect(evaluate(parseExpr('(A - B) * 2'), look)).toEqual({ kind: 'number', value: 6 });
    expect(evaluate(parseExpr('abs(B - A) == 3 and A > B or C != 0'), look)).toEqual({ kind: 'bool', value: true });
    expect(evaluate(parseExpr('-A + 1 < 0'), look)).toEqual({ kind: 'bool', value: true });
  });
  it('skips on blanks and on division by zero', () => {
    expect(evaluate(parseExpr('A + Z + Y == 1'), look)).toEqual({ kind: 'missing', codes: ['Z', 'Y'] });
    expect(evaluate(parseExpr('A / C > 1'), look)).toEqual({ kind: 'div0' });
  });
  it('reports positions of syntax errors', () => {
    expect(() => parseExpr('A + * B')).toThrow(ExprSyntaxError);
    expect(() => parseExpr('A + * B')).toThrow('expected a value but found "*" at column 5');
    expect(() => parseExpr('A == B == C')).toThrow('chained comparison at column 8');
    expect(() => parseExpr('sqrt(A)')).toThrow('unknown function "sqrt" at column 1');
    expect(() => parseExpr('A $ B')).toThrow('unexpected character "$" at column 3');
    expect(() => parseExpr('')).toThrow('empty expression at column 1');
  });
});
