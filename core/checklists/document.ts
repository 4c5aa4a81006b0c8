/**
 * The pdfmake document of one or several units' checklists, from what the layout needs
 * only (no consolidation): shared by the in-process path and the checklist workers.
 */
import type { Period } from '../period/index.js';
import { LayoutStopped, renderPdf, type Content, type LaidOutPage, type TDocumentDefinitions } from '../pdf/index.js';
import { checklistQrPayload, datasetCode } from './dataset-code.js';
import { checklistSection, KEEP, NEXT, PAGE_MARGINS, type PageFrame } from './layout.js';
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
  breaks: ReadonlySet<string> = new Set(),
): Promise<TDocumentDefinitions> {
  return (await trackedChecklistDocument(ctx, models, onUnitStart, names, breaks)).doc;
}

/**
 * {@link checklistDocument}, with the pages of each unit as the document is rendered.
 * `breaks`: keep-with-next items to start on a new page (see {@link renderChecklistPdf}).
 */
export async function trackedChecklistDocument(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  onUnitStart?: (index: number) => void,
  names: string[] = models.map((m) => m.unit.code),
  breaks: ReadonlySet<string> = new Set(),
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
      keyPrefix: `u${index}:`,
      breaks,
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

/**
 * Keep-with-next items whose line is the last of its page: a part heading, or a section
 * row, left at the foot of a page while the first row under it went to the next one. When
 * the item to move is itself what an item above must stay with (Part III's heading above its
 * only row), the item above is moved instead, so one pass settles both.
 */
export function orphanedKeeps(pages: readonly LaidOutPage[]): string[] {
  type At = { page: number; y: number };
  const keep = new Map<string, At>();
  const next = new Map<string, At>();
  for (const page of pages) {
    for (const line of page.lines) {
      for (const tag of line.tags) {
        if (tag.startsWith(KEEP)) keep.set(tag.slice(KEEP.length), { page: page.number, y: line.y });
        else if (tag.startsWith(NEXT) && !next.has(tag.slice(NEXT.length)))
          next.set(tag.slice(NEXT.length), { page: page.number, y: line.y });
      }
    }
  }
  const orphans = [...keep].filter(([key, at]) => (next.get(key)?.page ?? at.page) > at.page).map(([key]) => key);
  const sameLine = (a: At | undefined, b: At | undefined): boolean =>
    a !== undefined && b !== undefined && a.page === b.page && Math.abs(a.y - b.y) < 1;
  return [
    ...new Set(
      orphans.map((key) => {
        let k = key;
        for (let guard = 0; guard < 8; guard++) {
          const above = [...next].find(
            ([j, at]) => j !== k && sameLine(at, keep.get(k)) && keep.get(j)?.page === at.page,
          );
          if (!above) break;
          k = above[0];
        }
        return k;
      }),
    ),
  ];
}

/** How many times a document is laid out again at most to keep headings with their rows. */
const MAX_KEEP_PASSES = 6;

/**
 * Render a checklist document so that no part heading or section row ends a page alone:
 * lay it out, and while some did, build it again with a page break before them. Units start
 * on pages of their own, so every unit's first orphan is fixed in the same pass. Returns the
 * PDF and the document that was drawn (its `unitPages` are those of the PDF).
 */
export async function renderChecklistPdf(
  build: (breaks: ReadonlySet<string>) => Promise<ChecklistDocument>,
): Promise<{ pdf: Buffer; built: ChecklistDocument }> {
  const breaks = new Set<string>();
  for (let pass = 0; ; pass++) {
    const built = await build(breaks);
    let orphans: string[] = [];
    try {
      const pdf = await renderPdf(built.doc, {
        onLayout: (pages) => {
          orphans = pass < MAX_KEEP_PASSES ? orphanedKeeps(pages).filter((k) => !breaks.has(k)) : [];
          return orphans.length > 0 ? 'stop' : undefined;
        },
      });
      return { pdf, built };
    } catch (e) {
      if (!(e instanceof LayoutStopped)) throw e;
    }
    // Within one unit only its first orphan is sure: a break moves everything after it.
    const byUnit = new Map<string, string>();
    for (const k of orphans) {
      const unit = k.slice(0, k.indexOf(':') + 1);
      if (!byUnit.has(unit)) byUnit.set(unit, k);
    }
    for (const k of byUnit.values()) breaks.add(k);
  }
}

/** The PDF of one unit's checklist. */
export async function unitChecklistPdf(ctx: ChecklistJobContext, model: UnitChecklist): Promise<Buffer> {
  return (await renderChecklistPdf((breaks) => trackedChecklistDocument(ctx, [model], undefined, undefined, breaks)))
    .pdf;
}
