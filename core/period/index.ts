import * as z from 'zod';
import type { Tier } from '../form/types.js';
import { readResourceJson } from '../resources.js';

/** A reporting period: what is being consolidated, as of when, due when. */
export interface Period {
  code: string;
  title: string;
  shortTitle: string;
  /** The resolution the period reviews, as cited in reports ("Nghị quyết số 08-NQ/TU"). */
  resolution: string;
  /** Data cut-off date, ISO `yyyy-mm-dd`. */
  cutoff: string;
  /** Submission deadline, ISO `yyyy-mm-dd` (end of that day, Vietnam time). */
  deadline: string;
  /** The tiers of local government that exist in this period. */
  tiers: Tier[];
}

/** Local government has had no district level since this date. */
export const NO_DISTRICT_FROM = '2025-07-01';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

const periodSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  title: z.string().min(1),
  shortTitle: z.string().min(1),
  resolution: z.string().min(1),
  cutoff: isoDate,
  deadline: isoDate,
});

/** The tiers of a period: no `huyen` when the cut-off is on or after 1 July 2025. */
export function tiersFor(cutoff: string): Tier[] {
  return cutoff >= NO_DISTRICT_FROM ? ['so', 'xa'] : ['so', 'huyen', 'xa'];
}

/** Validate a period definition and derive its tiers. */
export function parsePeriod(json: unknown): Period {
  const p = periodSchema.parse(json);
  return { ...p, tiers: tiersFor(p.cutoff) };
}

/** The periods built into the app (`resources/periods.json`). */
export function builtInPeriods(): Period[] {
  return z.array(z.unknown()).parse(readResourceJson('periods.json')).map(parsePeriod);
}

/** Find a built-in period by code (case-insensitive), or undefined. */
export function findPeriod(code: string): Period | undefined {
  return builtInPeriods().find((p) => p.code.toUpperCase() === code.trim().toUpperCase());
}

/** The Vietnamese sentence for a period code that is not built in, listing those that are. */
export function unknownPeriodMessage(code: string): string {
  const known = builtInPeriods()
    .map((p) => p.code)
    .join(', ');
  return `Không có kỳ báo cáo ${code}. Các kỳ có sẵn: ${known}.`;
}

/** Whether an instant (ISO timestamp) is after the period's deadline (end of day, UTC+7). */
export function isLate(period: Period, receivedAt: string): boolean {
  const end = Date.parse(`${period.deadline}T23:59:59.999+07:00`);
  return Date.parse(receivedAt) > end;
}

export { formatDateVN } from './dates.js';
