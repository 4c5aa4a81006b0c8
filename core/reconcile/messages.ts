/**
 * Vietnamese sentences for findings. Every figure goes through the one number formatter
 * (core/numbers); every cell is quoted as the clerk sees it ("ô E61", "ô E62–E67").
 */
import { printExpr, type Form, type Rule } from '../form/index.js';
import { formatNumber, formatPercent, formatValue } from '../numbers/index.js';
import type { PercentVerdict } from './percent.js';
import type { RuleShape } from './shapes.js';

/** A figure quoted in a message: at unit level it has a cell, at total level it has none. */
export interface Fig {
  code: string;
  value: number;
  sheet?: string;
  cell?: string;
}

/** A label readable mid-sentence: "Trong đó: nữ" → "Số nữ"; first letter lower-cased unless an acronym. */
export function indicatorName(form: Form, code: string, midSentence = false): string {
  const label = form.indicatorByCode.get(code)?.label ?? code;
  let name = label.startsWith('Trong đó: ') ? `Số ${label.slice('Trong đó: '.length)}` : label;
  if (midSentence && name.length > 1 && name[1] === name[1]?.toLowerCase()) {
    name = name[0]?.toLowerCase() + name.slice(1);
  }
  return name;
}

/** A figure in the indicator's own notation ("1.668", "10.741.056.503", "37,36%"). */
export function figValue(form: Form, code: string, value: number): string {
  return formatValue(value, form.indicatorByCode.get(code)?.kind ?? 'count');
}

function colRow(cell: string): { col: string; row: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return m ? { col: m[1] as string, row: Number(m[2]) } : null;
}

/** "ô E61", "ô E62–E67" (one column, consecutive rows), "ô E30, E31"; "" when no figure has a cell. */
export function cellsPhrase(figs: Fig[]): string {
  const withCell = figs.filter((f) => f.cell);
  if (withCell.length === 0) return '';
  const firstSheet = withCell[0]?.sheet;
  const addr = (f: Fig): string => (f.sheet && f.sheet !== firstSheet ? `${f.sheet}!${f.cell}` : (f.cell as string));
  if (withCell.length >= 3) {
    const parsed = withCell.map((f) => (f.sheet === firstSheet ? colRow(f.cell as string) : null));
    // Stryker disable next-line OptionalChaining: parsed[0] is read only once it is known to be an address
    const consecutive = parsed.every((p, i) => p && p.col === parsed[0]?.col && p.row === (parsed[0]?.row ?? 0) + i);
    if (consecutive) return `ô ${withCell[0]?.cell}–${withCell[withCell.length - 1]?.cell}`;
  }
  return `ô ${withCell.map(addr).join(', ')}`;
}

/** " (ô E61)" or "" at total level. */
function at(figs: Fig[]): string {
  const p = cellsPhrase(figs);
  return p ? ` (${p})` : '';
}

function sumOf(figs: Fig[]): number {
  return figs.reduce((s, f) => s + f.value, 0);
}

/** The sentence explaining why a rule failed, from its shape and the figures involved. */
export function ruleFailureBody(form: Form, rule: Rule, shape: RuleShape, figs: ReadonlyMap<string, Fig>): string {
  const fig = (code: string): Fig => figs.get(code) ?? { code, value: Number.NaN };
  const v = (code: string, value: number): string => figValue(form, code, value);
  switch (shape.kind) {
    case 'total': {
      const t = fig(shape.total);
      const parts = shape.parts.map(fig);
      return (
        `${indicatorName(form, t.code)}${at([t])} là ${v(t.code, t.value)} nhưng tổng các chỉ tiêu thành phần ` +
        `${shape.parts.join(' + ')}${at(parts)} là ${v(t.code, sumOf(parts))}.`
      );
    }
    case 'diff': {
      const r = fig(shape.result);
      const a = fig(shape.minuend);
      const b = fig(shape.subtrahend);
      return (
        `${indicatorName(form, r.code)}${at([r])} là ${v(r.code, r.value)} nhưng ${a.code} − ${b.code}${at([a, b])} ` +
        `là ${v(a.code, a.value)} − ${v(b.code, b.value)} = ${v(r.code, a.value - b.value)}.`
      );
    }
    case 'leq': {
      const w = fig(shape.whole);
      const parts = shape.parts.map(fig);
      const first = parts[0] as Fig;
      const left =
        parts.length === 1
          ? `${indicatorName(form, first.code)}${at(parts)} là ${v(first.code, first.value)}`
          : `Tổng ${shape.parts.join(' + ')}${at(parts)} là ${v(first.code, sumOf(parts))}`;
      return `${left}, lớn hơn ${indicatorName(form, w.code, true)}${at([w])} là ${v(w.code, w.value)}.`;
    }
    case 'share': {
      const p = fig(shape.part);
      const w = fig(shape.whole);
      const pct = formatPercent(shape.factor * 100, 0);
      return (
        `${indicatorName(form, p.code)}${at([p])} là ${v(p.code, p.value)}, vượt ${pct} của ` +
        `${indicatorName(form, w.code, true)}${at([w])} là ${v(w.code, w.value)} ` +
        `(${pct} là ${formatNumber(shape.factor * w.value)}).`
      );
    }
    case 'percent':
    case 'generic': {
      const list = rule.refs.map((c) => {
        const f = fig(c);
        return `${c} = ${v(c, f.value)}${at([f])}`;
      });
      return `Không thỏa mãn điều kiện ${printExpr(rule.expr)} với ${list.join('; ')}.`;
    }
  }
}

/** The sentence for a stated percentage that is not `holds` (see percent.ts). */
export function percentBody(
  form: Form,
  verdict: Exclude<PercentVerdict, 'holds'>,
  stated: Fig,
  decimals: number,
  computedSource: string,
  computed: number,
  parts: Fig[],
): string {
  const head =
    `${indicatorName(form, stated.code)}${at([stated])} ghi ${formatPercent(stated.value, decimals)} ` +
    `nhưng tính từ ${computedSource}${at(parts)} được ${formatPercent(computed, 2)}`;
  switch (verdict) {
    case 'imprecise':
      return `${head}: đề nghị ghi đủ hai chữ số thập phân.`;
    case 'truncated':
      return `${head}: số đã bị cắt bớt chữ số thay vì làm tròn (làm tròn đúng là ${formatPercent(computed, decimals)}).`;
    case 'wrong':
      return `${head}.`;
  }
}

/**
 * A finding's message without where it is (the unit and its file, named once elsewhere on
 * the page): "Sở Tư pháp (S02), tệp X.xlsx, trang Số liệu: Tổng số …" → "Tổng số …", and
 * "Tệp X.xlsx, trang Số liệu, ô E5 (…): …" → "Ô E5 (…): …". Nothing else changes.
 */
export function withoutPlace(message: string, unit: { code: string; name: string }, file?: string): string {
  let text = message;
  const unitHead = `${unit.name} (${unit.code})`;
  if (text.startsWith(unitHead)) {
    const colon = text.indexOf(': ');
    text = colon >= 0 ? text.slice(colon + 2) : text.slice(unitHead.length);
  } else if (file && text.startsWith(`Tệp ${file}, trang `)) {
    const rest = text.slice(`Tệp ${file}, trang `.length);
    const comma = rest.indexOf(', ');
    text = comma >= 0 ? rest.slice(comma + 2) : rest;
  } else if (file && text.startsWith(`Tệp ${file}: `)) {
    text = text.slice(`Tệp ${file}: `.length);
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}
