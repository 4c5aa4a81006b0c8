import type { Consolidation } from '../model/consolidation.js';
import { renderPdf, type Content, type TDocumentDefinitions } from '../pdf/index.js';
import { checklistQrPayload, datasetCode } from './dataset-code.js';
import { checklistSection, PAGE_MARGINS, type PageFrame } from './layout.js';
import { unitChecklist } from './model.js';
import { qrPngDataUrl } from './qr.js';
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
}

export interface ChecklistFile {
  unit: string;
  /** `PKT_<unit>_<period>.pdf` */
  fileName: string;
  pdf: Buffer;
}

export type ChecklistBatch = { files: ChecklistFile[] } | { combined: Buffer };

/** `PKT_<unit>_<period>.pdf` */
export function checklistFileName(unit: string, period: string): string {
  return `PKT_${unit}_${period}.pdf`;
}

/** Records the absolute pages of one unit as pdfmake lays them out, for "Trang x/y". */
function pageTracker(): Pick<PageFrame, 'onPage' | 'pageOf'> & { pages: number[] } {
  const pages: number[] = [];
  return {
    pages,
    onPage(page) {
      if (!pages.includes(page)) {
        pages.push(page);
        pages.sort((a, b) => a - b);
      }
    },
    pageOf(page) {
      const index = pages.indexOf(page);
      return { page: index >= 0 ? index + 1 : page, pages: index >= 0 ? pages.length : page };
    },
  };
}

async function documentFor(
  consolidation: Consolidation,
  units: string[],
  settings: ChecklistSettings,
  items: ChecklistItem[],
  onUnitStart?: (index: number) => void,
): Promise<TDocumentDefinitions> {
  const code = datasetCode(consolidation.datasetHash);
  const tierNames: Record<string, string> = consolidation.form.tiers;
  const images: Record<string, string> = {};
  const sections: Content[] = [];
  for (const [index, unitCode] of units.entries()) {
    const model = unitChecklist(consolidation, unitCode);
    const tracker = pageTracker();
    const qrImage = `qr-${model.unit.code}`;
    images[qrImage] = await qrPngDataUrl(
      checklistQrPayload(consolidation.period.code, consolidation.datasetHash, model.unit.code),
    );
    const frame: PageFrame = {
      period: consolidation.period,
      tierNames,
      code,
      qrImage,
      pageOf: tracker.pageOf,
      onPage: (page) => {
        if (tracker.pages.length === 0) onUnitStart?.(index);
        tracker.onPage(page);
      },
    };
    sections.push(checklistSection(model, settings, items, frame));
  }
  const names = units.join(', ');
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    info: {
      title: `Phiếu kiểm tra công tác cải cách hành chính – ${names} – ${consolidation.period.code}`,
      author: settings.inspectingBody,
      subject: `Mã dữ liệu ${code}`,
      creator: 'Tổng hợp CCHC',
    },
    defaultStyle: { fontSize: 12, lineHeight: 1.1 },
    images,
    content: sections,
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
  return renderPdf(await documentFor(input.consolidation, [input.unit], settings, items));
}

/**
 * Render the checklists of many units: one PDF each (`files`), or one combined PDF where
 * every unit starts on a new page and its page numbering restarts at 1 (`combined`).
 */
export async function renderChecklists(input: RenderChecklistsInput): Promise<ChecklistBatch> {
  const { consolidation, onProgress } = input;
  const settings = parseChecklistSettings(input.settings);
  const items = input.items ?? loadChecklistItems();
  const units = input.units ?? consolidation.units.map((u) => u.code);
  if (units.length === 0) throw new ChecklistError('Không có đơn vị nào để in phiếu kiểm tra.');
  const resolved = units.map((u) => unitChecklist(consolidation, u).unit.code);
  const total = resolved.length;

  if (input.combined) {
    const doc = await documentFor(consolidation, resolved, settings, items, (index) => {
      const previous = resolved[index - 1];
      if (previous !== undefined) onProgress?.({ done: index, total, unit: previous });
    });
    const combined = await renderPdf(doc);
    onProgress?.({ done: total, total, unit: resolved[total - 1] ?? '' });
    return { combined };
  }

  const files: ChecklistFile[] = [];
  for (const unit of resolved) {
    const pdf = await renderPdf(await documentFor(consolidation, [unit], settings, items));
    files.push({ unit, fileName: checklistFileName(unit, consolidation.period.code), pdf });
    onProgress?.({ done: files.length, total, unit });
  }
  return { files };
}
