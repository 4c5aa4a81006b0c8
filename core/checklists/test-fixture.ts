/**
 * Builds a {@link Consolidation} for checklist tests and benchmarks without importing
 * workbooks: generated figures with provenance laid out as a generated return would have
 * them (sheet "Số liệu", figures in column E under section title rows).
 */
import { createHash } from 'node:crypto';
import { indicatorsForTier, loadDefaultForm, type Form, type Tier } from '../form/index.js';
import type { Consolidation, ScopeMap } from '../model/consolidation.js';
import { cellRef, findingId, type CellValue, type Finding } from '../model/index.js';
import { findPeriod } from '../period/index.js';
import { datasetHash } from '../reconcile/index.js';
import { loadDefaultUnits, type Unit } from '../units/index.js';

export const FIXTURE_SHEET = 'Số liệu';
/** Row of the header of the figures table; indicators and section titles follow it. */
const HEADER_ROW = 5;

export interface FixtureOptions {
  /** Default `NQ08-SK2023`. */
  period?: string;
  /** Default: the built-in register of 40 units. */
  units?: Unit[];
  /** Units with no usable return. */
  missing?: string[];
  /** Figures to set, by unit then indicator code (in the indicator's own unit). */
  overrides?: Record<string, Record<string, number>>;
  /** Findings, usually made with {@link fixtureFinding}. */
  findings?: Finding[];
}

/** The file name a unit's return has in fixtures. */
export function fixtureFile(unit: string, period: string): string {
  return `BC_CCHC_${unit}_${period}.xlsx`;
}

/** The cell of each indicator a unit of `tier` fills, as in a generated return. */
export function fixtureCells(form: Form, tier: Tier): Map<string, string> {
  const cells = new Map<string, string>();
  let row = HEADER_ROW;
  const filled = indicatorsForTier(form, tier);
  for (const section of form.sections) {
    const inSection = filled.filter((i) => i.section === section.id);
    if (inSection.length === 0) continue;
    row += 1;
    for (const indicator of inSection) {
      row += 1;
      cells.set(indicator.code, `E${row}`);
    }
  }
  return cells;
}

function defaultFigure(unit: string, code: string, kind: string): number {
  let h = 0;
  for (const ch of `${unit}:${code}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  switch (kind) {
    case 'percent':
      return 20 + (h % 6000) / 100;
    case 'money':
      return 1_000_000 + (h % 9_000_000) * 1000;
    default:
      return h % 300;
  }
}

/** A finding of `unit` on the given indicators, with the cells the consolidation holds for them. */
export function fixtureFinding(
  consolidation: Pick<Consolidation, 'values'>,
  unit: string,
  check: string,
  codes: string[],
  message: string,
  severity: Finding['severity'] = 'error',
  status: Finding['status'] = 'open',
): Finding {
  const values = consolidation.values[unit] ?? {};
  const involved = codes.map((code) => ({ code, value: values[code]?.value ?? null, source: values[code]?.source }));
  const cells = involved.flatMap((v) => (v.source ? [cellRef(v.source)] : []));
  return {
    id: findingId(check, unit, cells),
    check,
    severity,
    scope: 'unit',
    unit,
    values: involved.map((v) => (v.source ? v : { code: v.code, value: v.value })),
    cells,
    message,
    status,
  };
}

function emptyScopes<T>(): ScopeMap<T> {
  return { province: {}, so: {}, huyen: {}, xa: {} };
}

/** A consolidation of generated figures for every unit not listed as missing. */
export function buildConsolidation(options: FixtureOptions = {}): Consolidation {
  const periodCode = options.period ?? 'NQ08-SK2023';
  const period = findPeriod(periodCode);
  if (!period) throw new Error(`unknown period ${periodCode}`);
  const form = loadDefaultForm();
  const units = options.units ?? loadDefaultUnits();
  const missing = new Set(options.missing ?? []);

  const values: Record<string, Record<string, CellValue>> = {};
  for (const unit of units) {
    if (missing.has(unit.code)) continue;
    const file = fixtureFile(unit.code, period.code);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const cells = fixtureCells(form, unit.tier);
    const own: Record<string, CellValue> = {};
    for (const indicator of indicatorsForTier(form, unit.tier)) {
      const value =
        options.overrides?.[unit.code]?.[indicator.code] ?? defaultFigure(unit.code, indicator.code, indicator.kind);
      const cell = cells.get(indicator.code) ?? 'E1';
      own[indicator.code] = {
        code: indicator.code,
        value,
        decimals: Number.isInteger(value) ? 0 : 2,
        source: { file, sha256, sheet: FIXTURE_SHEET, cell, raw: String(value) },
      };
    }
    values[unit.code] = own;
  }

  const reporting = {
    province: { reported: 0, of: units.length },
    so: { reported: 0, of: 0 },
    huyen: { reported: 0, of: 0 },
    xa: { reported: 0, of: 0 },
  };
  for (const unit of units) {
    reporting[unit.tier].of += 1;
    if (values[unit.code]) {
      reporting[unit.tier].reported += 1;
      reporting.province.reported += 1;
    }
  }

  return {
    period,
    form,
    units,
    values,
    totals: emptyScopes(),
    ratios: emptyScopes(),
    targets: [],
    targetsMet: 0,
    findings: options.findings ?? [],
    ruleStats: [],
    reporting,
    provinceInputs: [],
    // The hash reconcile itself computes, so the printed code matches the report's.
    datasetHash: datasetHash({ period, form, units, values, importFindings: [], provinceInputs: [], resolutions: {} }),
  };
}
