import { XlsxError } from './errors.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits, type XlsxSheet, type XlsxWorkbook } from './model.js';
import {
  formatResolver,
  parseRelsPart,
  parseSharedStrings,
  parseStyles,
  parseWorkbookPart,
  parseWorksheet,
  resolveTarget,
  type StylesPart,
} from './parts.js';
import { sniff } from './sniff.js';
import { InflateBudget, readZipDirectory, readZipEntry, type ZipDirectory } from './zip.js';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/**
 * Read an `.xlsx` workbook safely: sniff the magic bytes, check the zip central directory
 * against the limits, then inflate and stream only the parts needed (workbook, its rels,
 * shared strings, styles, worksheets). Chartsheets, drawings and the like are never inflated.
 *
 * @throws {XlsxError} with a code saying what the file is or why it is refused.
 */
export function readWorkbook(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): XlsxWorkbook {
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
  const read = (name: string): Uint8Array | undefined => {
    const entry = dir.entries.get(name);
    return entry ? readZipEntry(bytes, dir, entry, budget) : undefined;
  };
  if (dir.entries.has('mimetype')) {
    const mime = new TextDecoder().decode(read('mimetype'));
    if (mime.includes('opendocument')) throw new XlsxError('ODS', mime.trim());
  }

  const workbookPath = findWorkbookPath(dir, read);
  const workbookBytes = read(workbookPath);
  if (!workbookBytes) throw new XlsxError('NOT_WORKBOOK', 'no workbook part');
  const wb = parseWorkbookPart(workbookBytes, workbookPath);
  const baseDir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const relsBytes = read(relsPath);
  const rels = relsBytes ? parseRelsPart(relsBytes, relsPath) : new Map<string, { target: string; type: string }>();
  const byType = (re: RegExp, fallback: string): string => {
    for (const r of rels.values()) if (re.test(r.type)) return resolveTarget(baseDir, r.target);
    return baseDir + fallback;
  };

  const ssPath = byType(REL_SHARED_STRINGS, 'sharedStrings.xml');
  const ssBytes = read(ssPath);
  const sharedStrings = ssBytes ? parseSharedStrings(ssBytes, ssPath) : [];
  const stylesPath = byType(REL_STYLES, 'styles.xml');
  const stylesBytes = read(stylesPath);
  const styles: StylesPart | undefined = stylesBytes ? parseStyles(stylesBytes, stylesPath) : undefined;
  const formatOf = formatResolver(styles);

  const sheets: XlsxSheet[] = [];
  for (const s of wb.sheets) {
    const rel = rels.get(s.relId);
    if (rel && !REL_WORKSHEET.test(rel.type)) continue;
    const path = rel ? resolveTarget(baseDir, rel.target) : undefined;
    const sheet: XlsxSheet = { name: s.name, state: s.state, rows: new Map(), hiddenRows: new Set(), merges: [] };
    const partBytes = path ? read(path) : undefined;
    if (partBytes) parseWorksheet(partBytes, path!, sheet, sharedStrings, formatOf);
    sheets.push(sheet);
  }
  return { sheets, date1904: wb.date1904, inflatedBytes: budget.used };
}

function findWorkbookPath(dir: ZipDirectory, read: (name: string) => Uint8Array | undefined): string {
  const rootRels = read('_rels/.rels');
  if (rootRels) {
    for (const r of parseRelsPart(rootRels, '_rels/.rels').values()) {
      if (REL_OFFICE_DOCUMENT.test(r.type)) {
        const path = resolveTarget('', r.target);
        if (/\.xml$/i.test(path) && dir.entries.has(path) && /workbook/i.test(path)) return path;
      }
    }
  }
  if (dir.entries.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw new XlsxError('NOT_WORKBOOK', 'no xl/workbook.xml');
}
