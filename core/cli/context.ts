import { loadDefaultForm } from '../form/load.js';
import type { Form } from '../form/types.js';
import { findPeriod, unknownPeriodMessage, type Period } from '../period/index.js';
import { loadDefaultUnits, loadUnitsFile, type Unit } from '../units/index.js';
import { UsageError, optional, required } from './args.js';
import { resolve } from 'node:path';

export interface CommandContext {
  form: Form;
  period: Period;
  /** The register, limited to the tiers that exist in the period. */
  units: Unit[];
  /** The whole register as given. */
  allUnits: Unit[];
}

/** Resolve `--period` and `--units` into the form, the period and the register. */
export function resolveContext(values: Record<string, unknown>, cwd: string): CommandContext {
  const code = required(values, 'period');
  const period = findPeriod(code);
  if (!period) throw new UsageError(unknownPeriodMessage(code));
  const unitsFile = optional(values, 'units');
  const all = unitsFile ? loadUnitsFile(resolve(cwd, unitsFile)) : loadDefaultUnits();
  const units = all.filter((u) => period.tiers.includes(u.tier));
  return { form: loadDefaultForm(), period, units, allUnits: all };
}
