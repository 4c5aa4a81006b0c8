/** Writing the blank, pre-filled returns of a register to a folder. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Form } from '../form/index.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { templateFileName } from './layout.js';
import { renderReturn } from './skeleton.js';
import { writeFileDurable } from '../workspace/atomic.js';

/**
 * The `.xlsx` bytes of one unit's blank return for a period: sheets `Thông tin`,
 * `Số liệu` (only the indicators of the unit's tier), `Hướng dẫn` and a hidden `_meta`.
 */
export function buildTemplate(form: Form, period: Period, unit: Unit): Promise<Buffer> {
  return renderReturn(form, period, unit);
}

/** A unit left out of a batch, with the reason in Vietnamese. */
export interface SkippedUnit {
  unit: string;
  reason: string;
}

export interface WriteTemplatesRequest {
  form: Form;
  period: Period;
  units: Unit[];
  outDir: string;
  onProgress?: (done: number, total: number) => void;
}

export interface WriteTemplatesResult {
  files: { unit: string; path: string }[];
  skipped: SkippedUnit[];
}

/** Units of the register whose tier exists in the period, and the others with the reason. */
export function unitsInPeriod(units: Unit[], period: Period): { included: Unit[]; skipped: SkippedUnit[] } {
  const included: Unit[] = [];
  const skipped: SkippedUnit[] = [];
  for (const unit of units) {
    if (period.tiers.includes(unit.tier)) included.push(unit);
    else
      skipped.push({
        unit: unit.code,
        reason: `Đơn vị ${unit.code} (${unit.name}) thuộc cấp không còn tồn tại trong kỳ ${period.code}, không lập biểu mẫu.`,
      });
  }
  return { included, skipped };
}

/**
 * Write one template per unit to `outDir` (created if needed), named
 * {@link templateFileName}. Units whose tier does not exist in the period
 * (a district in a period after 1 July 2025) are skipped and listed.
 */
export async function writeTemplates(req: WriteTemplatesRequest): Promise<WriteTemplatesResult> {
  const { included, skipped } = unitsInPeriod(req.units, req.period);
  await mkdir(req.outDir, { recursive: true });
  const files: { unit: string; path: string }[] = [];
  const writes: Promise<void>[] = [];
  for (const unit of included) {
    const path = join(req.outDir, templateFileName(unit, req.period));
    // Through a temporary file and a rename: a file is whole or absent, never half written.
    writes.push(writeFileDurable(path, await buildTemplate(req.form, req.period, unit)));
    files.push({ unit: unit.code, path });
    req.onProgress?.(files.length, included.length);
  }
  await Promise.all(writes);
  return { files, skipped };
}
