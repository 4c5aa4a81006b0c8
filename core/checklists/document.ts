/**
 * The pdfmake document of one or several units' checklists, from what the layout needs
 * only (no consolidation): shared by the in-process path and the checklist workers.
 */
import type { Period } from '../period/index.js';
import { renderPdf, type Content, type TDocumentDefinitions } from '../pdf/index.js';
import { checklistQrPayload, datasetCode } from './dataset-code.js';
import { checklistSection, PAGE_MARGINS, type PageFrame } from './layout.js';
import type { UnitChecklist } from './model.js';
import { qrPngDataUrl } from './qr.js';
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

/** The QR images of the last units drawn: a unit printed again costs no new PNG. */
const qrImages = new Map<string, Promise<string>>();
const QR_CACHE_LIMIT = 256;

function qrImage(payload: string): Promise<string> {
  let image = qrImages.get(payload);
  if (!image) {
    if (qrImages.size >= QR_CACHE_LIMIT) qrImages.clear();
    image = qrPngDataUrl(payload);
    qrImages.set(payload, image);
    // A failure is not remembered.
    image.catch(() => qrImages.delete(payload));
  }
  return image;
}

/** The document title of the checklists of `names` (units as named by the caller). */
export function checklistTitle(dataset: ChecklistDataset, names: string[]): string {
  return `Phiếu kiểm tra công tác cải cách hành chính – ${names.join(', ')} – ${dataset.period.code}`;
}

/** A checklist document, and the pages each unit took once it has been rendered. */
export interface ChecklistDocument {
  doc: TDocumentDefinitions;
  /**
   * Per unit (in the order of the models), its absolute page numbers (from 1), in order:
   * filled in as the document is rendered.
   */
  unitPages: readonly (readonly number[])[];
}

/**
 * The document of `models`, each unit from a new page with its own page numbering.
 * `names`: the units as named in the document's title (default: their codes).
 */
export async function checklistDocument(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  onUnitStart?: (index: number) => void,
  names: string[] = models.map((m) => m.unit.code),
): Promise<TDocumentDefinitions> {
  return (await trackedChecklistDocument(ctx, models, onUnitStart, names)).doc;
}

/** {@link checklistDocument}, with the pages of each unit as the document is rendered. */
export async function trackedChecklistDocument(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  onUnitStart?: (index: number) => void,
  names: string[] = models.map((m) => m.unit.code),
): Promise<ChecklistDocument> {
  const { dataset, settings, items } = ctx;
  const code = datasetCode(dataset.datasetHash);
  const images: Record<string, string> = {};
  const sections: Content[] = [];
  const unitPages: number[][] = [];
  for (const [index, model] of models.entries()) {
    const tracker = pageTracker();
    unitPages.push(tracker.pages);
    const qrKey = `qr-${model.unit.code}`;
    images[qrKey] = await qrImage(checklistQrPayload(dataset.period.code, dataset.datasetHash, model.unit.code));
    const frame: PageFrame = {
      period: dataset.period,
      tierNames: dataset.tierNames,
      code,
      qrImage: qrKey,
      pageOf: tracker.pageOf,
      onPage: (page) => {
        if (tracker.pages.length === 0) onUnitStart?.(index);
        tracker.onPage(page);
      },
    };
    sections.push(checklistSection(model, settings, items, frame));
  }
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    info: {
      title: checklistTitle(dataset, names),
      author: settings.inspectingBody,
      subject: `Mã dữ liệu ${code}`,
      creator: 'Tổng hợp CCHC',
    },
    defaultStyle: { fontSize: 12, lineHeight: 1.1 },
    images,
    content: sections,
  };
  return { doc, unitPages };
}

/** The PDF of one unit's checklist. */
export async function unitChecklistPdf(ctx: ChecklistJobContext, model: UnitChecklist): Promise<Buffer> {
  return renderPdf(await checklistDocument(ctx, [model]));
}
