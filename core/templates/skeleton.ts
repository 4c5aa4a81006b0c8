/**
 * Fast per-unit returns. exceljs builds and serialises one skeleton workbook per
 * (form, period, tier), with placeholders for the unit's code and name; each unit's file
 * is that skeleton with the placeholders substituted, the `_meta` JSON set and, for
 * sample returns, cells filled — all done on the XML parts, then zipped with fflate.
 * Serialising 40 workbooks with exceljs costs ~0.6 s of CPU on a 2-core machine; this costs ~0.2 s.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Form } from '../form/index.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { PLACEHOLDER, buildSkeletonBytes, templateMeta, type SheetParts } from './build.js';
import { SHEET_DATA, SHEET_INFO, SHEET_META, infoCell, layoutRows, type InfoKey } from './layout.js';

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const CORE_PROPS = 'docProps/core.xml';

interface Skeleton {
  /** Every part of the package, in its original order. */
  binary: Record<string, Uint8Array>;
  /** The XML parts that change per unit, decoded. */
  text: Record<string, string>;
  parts: SheetParts;
  rowByCode: ReadonlyMap<string, number>;
  /** `count` of the shared strings less the references made by the sheets that are patched. */
  unpatchedRefs: number;
}

const PATCHED = [SHEET_INFO, SHEET_DATA, SHEET_META] as const;
const stringRefs = (xml: string): number => xml.match(/ t="s"/g)?.length ?? 0;

const cache = new WeakMap<Form, Map<string, Promise<Skeleton>>>();

function skeleton(form: Form, period: Period, tier: Unit['tier']): Promise<Skeleton> {
  let byKey = cache.get(form);
  if (!byKey) cache.set(form, (byKey = new Map()));
  const key = JSON.stringify([period, tier]);
  let found = byKey.get(key);
  if (!found) {
    found = buildSkeletonBytes(form, period, tier).then(({ bytes, parts }) => {
      const binary = unzipSync(bytes);
      const styles = binary[STYLES];
      if (styles) binary[STYLES] = strToU8(timesNewRomanDefault(strFromU8(styles)));
      const text: Record<string, string> = {};
      for (const name of [SHARED_STRINGS, CORE_PROPS, parts[SHEET_INFO], parts[SHEET_DATA], parts[SHEET_META]]) {
        const part = binary[name];
        if (!part) throw new Error(`part ${name} missing from the skeleton workbook`);
        text[name] = strFromU8(part);
      }
      const count = Number(/ count="(\d+)"/.exec(text[SHARED_STRINGS] as string)?.[1] ?? NaN);
      if (!Number.isInteger(count)) throw new Error('shared strings without count');
      const unpatchedRefs = count - PATCHED.reduce((n, sheet) => n + stringRefs(text[parts[sheet]] as string), 0);
      return { binary, text, parts, rowByCode: layoutRows(form, tier).rowByCode, unpatchedRefs };
    });
    byKey.set(key, found);
  }
  return found;
}

/**
 * The workbook's default font (its "Normal" style, the first font of `styles.xml`) as Times
 * New Roman 12, the font of every cell: column widths are counted in digits of the default
 * font, so with exceljs' Calibri they would print wider or narrower wherever Calibri is
 * missing or replaced (LibreOffice on Linux uses a font with digits a quarter wider). Times
 * New Roman is present in Windows and replaced by the metric-compatible Liberation Serif
 * elsewhere, so the pages print the same everywhere.
 */
export function timesNewRomanDefault(stylesXml: string): string {
  return stylesXml.replace(
    /(<fonts\b[^>]*>)<font>[\s\S]*?<\/font>/,
    '$1<font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>',
  );
}

/** Width of one column unit (a digit of the default font, Times New Roman 12) in pixels at 96 dpi. */
export const COLUMN_UNIT_PX = 8;

/** XML character escaping for element text. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** What to put in a return besides the blank template. */
export interface ReturnFill {
  /** Text for `Thông tin` fields (column B), replacing what the template holds. */
  info?: Partial<Record<InfoKey, string>>;
  /** Figures by indicator code: a number is stored as a number, a string as typed text. */
  values?: Record<string, number | string>;
}

type CellContent = { kind: 'number'; value: number } | { kind: 'string'; index: number };

/** Rewrite the given cells of a worksheet's XML in one pass, keeping each cell's style. */
function patchCells(xml: string, patches: Map<string, CellContent>, where: string): string {
  let applied = 0;
  const out = xml.replace(/<c r="([A-Z]+[0-9]+)"([^>]*?)(\/>|>[\s\S]*?<\/c>)/g, (whole, ref: string, attrs: string) => {
    const patch = patches.get(ref);
    if (!patch) return whole;
    applied++;
    const style = /\ss="(\d+)"/.exec(attrs);
    const s = style ? ` s="${style[1]}"` : '';
    return patch.kind === 'number'
      ? `<c r="${ref}"${s}><v>${String(patch.value)}</v></c>`
      : `<c r="${ref}"${s} t="s"><v>${patch.index}</v></c>`;
  });
  if (applied !== patches.size) {
    const missing = [...patches.keys()].filter((ref) => !new RegExp(`<c r="${ref}"`).test(xml));
    throw new Error(`cells ${missing.join(', ')} not found in ${where}`);
  }
  return out;
}

/**
 * The `.xlsx` bytes of one unit's return for a period: the blank template, optionally
 * filled with identity fields and figures. The workbook is the same as exceljs would
 * write for that unit; only the XML of the unit-specific cells differs between units.
 */
export async function renderReturn(form: Form, period: Period, unit: Unit, fill: ReturnFill = {}): Promise<Buffer> {
  if (!period.tiers.includes(unit.tier)) {
    throw new Error(`unit ${unit.code} of tier ${unit.tier} does not exist in period ${period.code}`);
  }
  const sk = await skeleton(form, period, unit.tier);

  const newStrings: string[] = [];
  const sst = sk.text[SHARED_STRINGS] as string;
  const uniqueCount = Number(/uniqueCount="(\d+)"/.exec(sst)?.[1] ?? NaN);
  if (!Number.isInteger(uniqueCount)) throw new Error('shared strings without uniqueCount');
  const stringCell = (s: string): CellContent => {
    newStrings.push(s);
    return { kind: 'string', index: uniqueCount + newStrings.length - 1 };
  };

  const infoPatches = new Map<string, CellContent>();
  for (const [key, text] of Object.entries(fill.info ?? {}) as [InfoKey, string | undefined][]) {
    if (text !== undefined) infoPatches.set(infoCell(key), stringCell(text));
  }
  const dataPatches = new Map<string, CellContent>();
  for (const [code, value] of Object.entries(fill.values ?? {})) {
    const row = sk.rowByCode.get(code);
    if (row === undefined) throw new Error(`indicator ${code} is not on the return of tier ${unit.tier}`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${code}: not a finite number`);
    dataPatches.set(`E${row}`, typeof value === 'number' ? { kind: 'number', value } : stringCell(value));
  }
  const metaPatch = new Map([['A1', stringCell(JSON.stringify(templateMeta(form, period, unit)))]]);

  const identity = (xml: string): string =>
    xml.split(PLACEHOLDER.code).join(escapeXml(unit.code)).split(PLACEHOLDER.name).join(escapeXml(unit.name));

  const changed: Record<string, string> = {
    [sk.parts[SHEET_INFO]]: patchCells(sk.text[sk.parts[SHEET_INFO]] as string, infoPatches, SHEET_INFO),
    [sk.parts[SHEET_DATA]]: patchCells(sk.text[sk.parts[SHEET_DATA]] as string, dataPatches, SHEET_DATA),
    [sk.parts[SHEET_META]]: patchCells(sk.text[sk.parts[SHEET_META]] as string, metaPatch, SHEET_META),
    [CORE_PROPS]: identity(sk.text[CORE_PROPS] as string),
  };
  const count = PATCHED.reduce((n, sheet) => n + stringRefs(changed[sk.parts[sheet]] as string), sk.unpatchedRefs);
  changed[SHARED_STRINGS] = identity(sst)
    .replace(
      '</sst>',
      newStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') + '</sst>',
    )
    .replace(/ count="\d+"/, ` count="${count}"`)
    .replace(/uniqueCount="\d+"/, `uniqueCount="${uniqueCount + newStrings.length}"`);

  const files: Zippable = {};
  for (const [name, data] of Object.entries(sk.binary)) {
    const text = changed[name];
    files[name] = text === undefined ? data : strToU8(text);
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
