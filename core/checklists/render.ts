import { availableParallelism } from 'node:os';
import type { Consolidation } from '../model/consolidation.js';
import { renderPdf } from '../pdf/index.js';
import { checklistDocument, unitChecklistPdf, type ChecklistJobContext } from './document.js';
import { unitChecklist } from './model.js';
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
   * Worker threads for separate files, besides the calling thread, which renders too.
   * Default: one less than the number of CPUs, at most 3, when there are more than
   * {@link IN_PROCESS_UNITS} units; 0 renders on the calling thread only.
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
 * Up to this many separate files are rendered on the calling thread: starting workers
 * (loading pdfmake, parsing the fonts) costs more than it saves for a few units.
 */
export const IN_PROCESS_UNITS = 4;

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
  return renderPdf(await checklistDocument(ctx, [model], undefined, [input.unit]));
}

/**
 * Render the checklists of many units: one PDF each (`files`), or one combined PDF where
 * every unit starts on a new page and its page numbering restarts at 1 (`combined`).
 * Separate files of more than a few units are rendered in parallel worker threads too.
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

  if (input.combined) {
    const doc = await checklistDocument(ctx, models, (index) => {
      const previous = resolved[index - 1];
      if (previous !== undefined) onProgress?.({ done: index, total, unit: previous });
    });
    const combined = await renderPdf(doc);
    onProgress?.({ done: total, total, unit: resolved[total - 1] ?? '' });
    return { combined };
  }

  const threads = input.threads ?? (total > IN_PROCESS_UNITS ? Math.min(4, availableParallelism()) - 1 : 0);
  const file = (index: number, pdf: Buffer): ChecklistFile => {
    const unit = resolved[index] as string;
    return { unit, fileName: checklistFileName(unit, consolidation.period.code), pdf };
  };

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
