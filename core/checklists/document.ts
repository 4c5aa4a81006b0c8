/**
 * What a checklist document is made from (plain data, cloneable to the checklist workers),
 * and the PDF of one unit: shared by the in-process path and the workers.
 */
import type { Period } from '../period/index.js';
import type { UnitChecklist } from './model.js';
import { printChecklists } from './print.js';
import type { ChecklistItem, ChecklistSettings } from './settings.js';

/** What every unit's document takes from the consolidation besides the unit's own model. */
export interface ChecklistDataset {
  period: Period;
  /** Tier names from the form ("Cấp sở"). */
  tierNames: Record<string, string>;
  datasetHash: string;
}

/** Everything a checklist document is made from besides the units: plain data, cloneable. */
export interface ChecklistJobContext {
  dataset: ChecklistDataset;
  settings: ChecklistSettings;
  items: ChecklistItem[];
}

/** The document title of the checklists of `names` (units as named by the caller). */
export function checklistTitle(dataset: ChecklistDataset, names: string[]): string {
  return `Phiếu kiểm tra công tác cải cách hành chính – ${names.join(', ')} – ${dataset.period.code}`;
}

/** The PDF of one unit's checklist. */
export async function unitChecklistPdf(ctx: ChecklistJobContext, model: UnitChecklist): Promise<Buffer> {
  return (await printChecklists(ctx, [model])).pdf;
}
