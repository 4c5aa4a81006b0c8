import { XlsxError } from './errors.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits, type XlsxSheet, type XlsxWorkbook } from './model.js';
import { threadPartCache, type PartCache, type PartKind } from './part-cache.js';
import {
  formatResolver,
  parseRelsPart,
  parseSharedStrings,
  parseStyles,
  parseWorkbookPart,
  partText,
  resolveTarget,
  scanWorksheet,
} from './parts.js';
import { sniff } from './sniff.js';
import {
  InflateBudget,
  budgetAllows,
  entryData,
  inflateEntry,
  readZipDirectory,
  readZipEntry,
  type ZipDirectory,
} from './zip.js';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/** Options of {@link readWorkbook}. */
export interface ReadOptions {
  /**
   * Parts read before, reused when a part's compressed bytes are the same ({@link PartCache});
   * the thread's own cache by default, none with `null`.
   */
  cache?: PartCache | null;
}

/**
 * Read an `.xlsx` workbook safely: sniff the magic bytes, check the zip central directory
 * against the limits, then inflate and stream only the parts needed (workbook, its rels,
 * shared strings, styles, worksheets). Chartsheets, drawings and the like are never inflated.
 * A part whose compressed bytes are those of a part read before (returns made from one
 * template share most of theirs) is taken from the cache instead of being read again, after
 * the same checks of its local header and of the inflate budget.
 *
 * @throws {XlsxError} with a code saying what the file is or why it is refused.
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: Partial<XlsxLimits> = {},
  options: ReadOptions = {},
): XlsxWorkbook {
  const lim: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...limits };
  if (bytes.length > lim.maxFileBytes) throw new XlsxError('TOO_LARGE', `${bytes.length} bytes`);
  switch (sniff(bytes)) {
    case 'empty':
      throw new XlsxError('EMPTY', 'zero bytes');
    case 'pdf':
      throw new XlsxError('PDF', 'PDF document');
    case 'xls':
      throw new XlsxError('XLS', 'OLE compound file with a Workbook stream');
    case 'encrypted':
      throw new XlsxError('ENCRYPTED', 'OLE compound file with EncryptedPackage');
    case 'ole-other':
      throw new XlsxError('OLE_OTHER', 'OLE compound file without a workbook');
    case 'unknown':
      throw new XlsxError('NOT_ZIP', 'unknown magic bytes');
    case 'zip':
      break;
  }
  const dir = readZipDirectory(bytes, lim);
  const budget = new InflateBudget(lim);
  const cache = options.cache === undefined ? threadPartCache : options.cache;
  /** The part `name` read as `kind` by `parse`, or undefined when the file has no such part. */
  const part = <T>(name: string, kind: PartKind, parse: (data: Uint8Array) => T): T | undefined => {
    const entry = dir.entries.get(name);
    if (!entry) return undefined;
    const data = entryData(bytes, dir, entry);
    if (cache && budgetAllows(entry, budget)) {
      const kept = cache.get<T>(kind, entry, data);
      if (kept !== undefined) {
        budget.used += entry.uncompressedSize;
        return kept;
      }
    }
    const value = parse(inflateEntry(data, entry, budget));
    cache?.set(kind, entry, data, value);
    return value;
  };
  if (dir.entries.has('mimetype')) {
    const mime = new TextDecoder().decode(readZipEntry(bytes, dir, dir.entries.get('mimetype')!, budget));
    if (mime.includes('opendocument')) throw new XlsxError('ODS', mime.trim());
  }

  const workbookPath = findWorkbookPath(dir, part);
  const wb = part(workbookPath, 'workbook', (b) => parseWorkbookPart(b, workbookPath));
  if (!wb) throw new XlsxError('NOT_WORKBOOK', 'no workbook part');
  const baseDir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels: Rels = part(relsPath, 'rels', (b) => parseRelsPart(b, relsPath)) ?? new Map();
  const byType = (re: RegExp, fallback: string): string => {
    for (const r of rels.values()) if (re.test(r.type)) return resolveTarget(baseDir, r.target);
    return baseDir + fallback;
  };

  const ssPath = byType(REL_SHARED_STRINGS, 'sharedStrings.xml');
  const sharedStrings = part(ssPath, 'sharedStrings', (b) => parseSharedStrings(b, ssPath)) ?? [];
  const stylesPath = byType(REL_STYLES, 'styles.xml');
  // The styles are kept with their resolver, which remembers each style's flags once found.
  const styled = part(stylesPath, 'styles', (b) => formatResolver(parseStyles(b, stylesPath)));
  const formatOf = styled ?? formatResolver(undefined);

  const sheets: XlsxSheet[] = [];
  for (const s of wb.sheets) {
    const rel = rels.get(s.relId);
    if (rel && !REL_WORKSHEET.test(rel.type)) continue;
    const path = rel ? resolveTarget(baseDir, rel.target) : undefined;
    const sheet: XlsxSheet = { name: s.name, state: s.state, rows: new Map(), hiddenRows: new Set(), merges: [] };
    // A worksheet's cells depend on the workbook's shared strings and styles: only its text is kept.
    const xml = path ? part(path, 'worksheet', (b) => partText(b, true)) : undefined;
    if (xml !== undefined) scanWorksheet(xml, path!, sheet, sharedStrings, formatOf);
    sheets.push(sheet);
  }
  return { sheets, date1904: wb.date1904, inflatedBytes: budget.used };
}

type Rels = ReadonlyMap<string, { target: string; type: string }>;
type ReadPart = <T>(name: string, kind: PartKind, parse: (data: Uint8Array) => T) => T | undefined;

function findWorkbookPath(dir: ZipDirectory, part: ReadPart): string {
  const rootRels = part('_rels/.rels', 'rels', (b) => parseRelsPart(b, '_rels/.rels'));
  if (rootRels) {
    for (const r of rootRels.values()) {
      if (REL_OFFICE_DOCUMENT.test(r.type)) {
        const path = resolveTarget('', r.target);
        if (/\.xml$/i.test(path) && dir.entries.has(path) && /workbook/i.test(path)) return path;
      }
    }
  }
  if (dir.entries.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw new XlsxError('NOT_WORKBOOK', 'no xl/workbook.xml');
}
