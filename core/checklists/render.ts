import type { Consolidation } from '../model/consolidation.js';
import { PdfSplitter } from '../pdf/split.js';
import { checklistTitle, unitChecklistPdf, type ChecklistJobContext } from './document.js';
import { printChecklists } from './print.js';
import { unitChecklist, type UnitChecklist } from './model.js';
import { renderInWorkers } from './pool.js';
import {
  ChecklistError,
  loadChecklistItems,
  parseChecklistSettings,
  type ChecklistItem,
  type ChecklistSettings,
} from './settings.js';

export interface ChecklistProgress {
  /** Units finished so far. */
  done: number;
  total: number;
  /** The unit just finished. */
  unit: string;
}

export interface RenderChecklistInput {
  consolidation: Consolidation;
  /** Unit code from the register. */
  unit: string;
  settings: ChecklistSettings;
  /** Part I items; default: `resources/checklist-items.json`. */
  items?: ChecklistItem[];
}

export interface RenderChecklistsInput {
  consolidation: Consolidation;
  settings: ChecklistSettings;
  /** Unit codes, in print order; default: every unit of the register, in register order. */
  units?: string[];
  /** One PDF for printing in one go, each unit starting on a new page. */
  combined?: boolean;
  items?: ChecklistItem[];
  onProgress?: (progress: ChecklistProgress) => void;
  /**
   * How separate files are made. Default: {@link SPLIT_FROM_UNITS} units or more are
   * rendered as one combined document on the calling thread and split into one PDF per
   * unit (fonts subset and embedded once for the whole batch), a single unit on its own.
   * A number renders every unit as a document of its own: 0 on the calling thread only,
   * more in that many worker threads besides the calling thread.
   */
  threads?: number;
}

export interface ChecklistFile {
  unit: string;
  /** `PKT_<unit>_<period>.pdf` */
  fileName: string;
  pdf: Buffer;
}

export type ChecklistBatch = { files: ChecklistFile[] } | { combined: Buffer };

/**
 * From this many units on, separate files are cut from one combined document: fonts are
 * subset and embedded once per batch instead of once per unit (40 units: about half the CPU
 * of one document per unit).
 */
export const SPLIT_FROM_UNITS = 2;

/** `PKT_<unit>_<period>.pdf` */
export function checklistFileName(unit: string, period: string): string {
  return `PKT_${unit}_${period}.pdf`;
}

function jobContext(
  consolidation: Consolidation,
  settings: ChecklistSettings,
  items: ChecklistItem[],
): ChecklistJobContext {
  return {
    dataset: {
      period: consolidation.period,
      tierNames: consolidation.form.tiers,
      datasetHash: consolidation.datasetHash,
    },
    settings,
    items,
  };
}

/**
 * Render the inspector checklist of one unit as an A4 PDF: header, inspection team,
 * Part I (general items), Part II (the unit's reported figures with source cells and open
 * findings), Part III (open findings), signature lines; the dataset code, its QR code and
 * "Trang x/y" on every page. A unit with no usable return gets Part I and a note.
 * Throws a {@link ChecklistError} for an unknown unit or invalid settings.
 */
export async function renderChecklist(input: RenderChecklistInput): Promise<Buffer> {
  const settings = parseChecklistSettings(input.settings);
  const items = input.items ?? loadChecklistItems();
  const ctx = jobContext(input.consolidation, settings, items);
  const model = unitChecklist(input.consolidation, input.unit);
  return (await printChecklists(ctx, [model], [input.unit])).pdf;
}

/**
 * Render the checklists of many units: one PDF each (`files`), or one combined PDF where
 * every unit starts on a new page and its page numbering restarts at 1 (`combined`).
 * Separate files are cut from one combined document (see `threads` for the other ways);
 * each reads exactly like the unit's checklist rendered alone.
 */
export async function renderChecklists(input: RenderChecklistsInput): Promise<ChecklistBatch> {
  const { consolidation, onProgress } = input;
  const settings = parseChecklistSettings(input.settings);
  const items = input.items ?? loadChecklistItems();
  const units = input.units ?? consolidation.units.map((u) => u.code);
  if (units.length === 0) throw new ChecklistError('Không có đơn vị nào để in phiếu kiểm tra.');
  const models = units.map((u) => unitChecklist(consolidation, u));
  const resolved = models.map((m) => m.unit.code);
  const total = resolved.length;
  const ctx = jobContext(consolidation, settings, items);

  // In a combined document a unit is done when the next one starts.
  let reported = 0;
  const unitStarted = (index: number): void => {
    const previous = resolved[index - 1];
    if (previous === undefined || index <= reported) return;
    reported = index;
    onProgress?.({ done: index, total, unit: previous });
  };

  if (input.combined) {
    const { pdf: combined } = await printChecklists(ctx, models, undefined, unitStarted);
    onProgress?.({ done: total, total, unit: resolved[total - 1] ?? '' });
    return { combined };
  }

  const file = (index: number, pdf: Buffer): ChecklistFile => {
    const unit = resolved[index] as string;
    return { unit, fileName: checklistFileName(unit, consolidation.period.code), pdf };
  };

  if (input.threads === undefined && total >= SPLIT_FROM_UNITS) {
    const pdfs = await splitChecklists(ctx, models, unitStarted);
    if (pdfs) {
      onProgress?.({ done: total, total, unit: resolved[total - 1] ?? '' });
      return { files: pdfs.map((pdf, index) => file(index, pdf)) };
    }
  }

  const threads = input.threads ?? 0;

  if (threads > 0 && total > 1) {
    let done = 0;
    const pdfs = await renderInWorkers(
      ctx,
      models,
      threads,
      (index) => {
        done += 1;
        onProgress?.({ done, total, unit: resolved[index] as string });
      },
      (model) => unitChecklistPdf(ctx, model),
    );
    return { files: pdfs.map((pdf, index) => file(index, pdf)) };
  }

  const files: ChecklistFile[] = [];
  for (const [index, model] of models.entries()) {
    files.push(file(index, await unitChecklistPdf(ctx, model)));
    onProgress?.({ done: files.length, total, unit: model.unit.code });
  }
  return { files };
}

/**
 * Each unit's first page and number of pages in a combined document, from the pages each
 * unit was seen on; undefined unless the units follow each other, every one on its own
 * pages and from page 1 on.
 */
export function unitPageRanges(
  unitPages: readonly (readonly number[])[],
): { first: number; count: number }[] | undefined {
  const ranges: { first: number; count: number }[] = [];
  let next = 1;
  for (const pages of unitPages) {
    if (pages.length === 0 || pages.some((page, i) => page !== next + i)) return undefined;
    ranges.push({ first: next, count: pages.length });
    next += pages.length;
  }
  return ranges;
}

/**
 * The separate PDFs of `models`, made by rendering them as one combined document and
 * splitting it at the units' page boundaries: each file gets the units' own pages with the
 * same text, page numbering and title as when rendered alone, and the fonts subset for the
 * whole batch. Undefined when the boundaries cannot be told for sure (the caller then
 * renders the units one by one, and reports their progress again).
 */
export async function splitChecklists(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  onUnitStart?: (index: number) => void,
): Promise<Buffer[] | undefined> {
  const { pdf: combined, ranges } = await printChecklists(ctx, models, undefined, onUnitStart);
  const splitter = new PdfSplitter(combined);
  const last = ranges[ranges.length - 1];
  if (!last || last.first + last.count - 1 !== splitter.pageCount) return undefined;
  return ranges.map((range, index) =>
    splitter.part({
      ...range,
      info: { Title: checklistTitle(ctx.dataset, [(models[index] as UnitChecklist).unit.code]) },
    }),
  );
}
