import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxErrorCode as errorCode } from '../../test/fixtures/xlsx-error.js';
import { DEFAULT_XLSX_LIMITS } from './index.js';
import { PartCache, type PartKind } from './part-cache.js';
import { formatResolver } from './parts.js';
import { readWorkbook } from './read.js';
import { entryData, readZipDirectory, type ZipEntry } from './zip.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A return-like workbook: the same template parts, the unit's own strings and figures. */
function unitWorkbook(unit: string, figure: number): Uint8Array {
  return zipSync(
    {
      '_rels/.rels': strToU8(
        `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Hướng dẫn" sheetId="1" r:id="rId1"/>` +
          `<sheet name="Số liệu" sheetId="2" r:id="rId2"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
          `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
          `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ),
      'xl/styles.xml': strToU8(
        `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>` +
          `<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
      ),
      // The template's instruction sheet: the same in every return, and it names a shared string.
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.25</v></c></row>` +
          `</sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>`,
      ),
      'xl/worksheets/sheet2.xml': strToU8(
        `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>${figure}</v></c>` +
          `<c r="C1" s="2"><v>45000</v></c><c r="D1" s="7"><v>3</v></c></row></sheetData></worksheet>`,
      ),
      'xl/sharedStrings.xml': strToU8(`<sst ${NS}><si><t>Đơn vị ${unit}</t></si><si><t>Mã ${unit}</t></si></sst>`),
    },
    { level: 6 },
  );
}

/** A copy of `bytes` with one byte of the compressed data of entry `name` changed. */
function withDataByteChanged(bytes: Uint8Array, name: string): Uint8Array {
  const copy = bytes.slice();
  const dir = readZipDirectory(copy, DEFAULT_XLSX_LIMITS);
  const data = entryData(copy, dir, dir.entries.get(name)!);
  data[Math.floor(data.length / 2)]! ^= 0x01;
  return copy;
}

describe('PartCache: parts shared by returns of one template', () => {
  it('reads a batch to the same workbooks as without it, taking the template parts from the cache', () => {
    const cache = new PartCache();
    const files = ['S01', 'S02', 'H01'].map((u, i) => unitWorkbook(u, 10 + i));
    const cached = files.map((f) => readWorkbook(f, {}, { cache }));
    const plain = files.map((f) => readWorkbook(f, {}, { cache: null }));
    expect(cached).toEqual(plain);
    // Every file after the first: root rels, workbook, its rels, styles and the instruction sheet.
    expect(cache.hits).toBe(2 * 5);
    // The instruction sheet is kept as text: its shared string is each unit's own.
    expect(cached.map((wb) => wb.sheets[0]!.rows.get(1)!.get(1)!.value)).toEqual([
      'Đơn vị S01',
      'Đơn vị S02',
      'Đơn vị H01',
    ]);
    expect(cached[2]!.sheets[1]!.rows.get(1)!.get(2)!.value).toBe(12);
    expect(cached[2]!.sheets[0]!.merges).toEqual([{ ref: 'A2:B2', top: 2, left: 1, bottom: 2, right: 2 }]);
    // The shared merges of a cached sheet are each workbook's own objects.
    expect(cached[1]!.sheets[0]!.merges).not.toBe(cached[2]!.sheets[0]!.merges);
    expect(cached.map((wb) => wb.inflatedBytes)).toEqual(plain.map((wb) => wb.inflatedBytes));
  });

  it('never gives a kept part for bytes that differ, even with the same CRC-32 and sizes declared', () => {
    const cache = new PartCache();
    const good = unitWorkbook('S01', 10);
    readWorkbook(good, {}, { cache });
    // The directory still declares the original CRC-32 and sizes: only the data is changed.
    const bad = withDataByteChanged(good, 'xl/styles.xml');
    const withCache = errorCode(() => readWorkbook(bad, {}, { cache }));
    expect(withCache).toBeDefined();
    expect(withCache).toBe(errorCode(() => readWorkbook(bad, {}, { cache: null })));
  });

  it('still checks the local header and the inflate budget of a part it keeps', () => {
    const cache = new PartCache();
    const good = unitWorkbook('S01', 10);
    const total = readWorkbook(good, {}, { cache }).inflatedBytes;
    // A budget one byte short of what the workbook's parts inflate to: refused as before.
    const tight = { maxUncompressedBytes: total - 1 };
    const tightPlain = errorCode(() => readWorkbook(good, tight, { cache: null }));
    expect(tightPlain).toBe('TOO_BIG_UNCOMPRESSED');
    expect(errorCode(() => readWorkbook(good, tight, { cache }))).toBe(tightPlain);
    // A local header that names another entry: refused though the part's data is kept.
    const renamed = good.slice();
    const dir = readZipDirectory(renamed, DEFAULT_XLSX_LIMITS);
    const styles = dir.entries.get('xl/styles.xml')!;
    renamed[styles.localHeaderOffset + 30] = 'X'.charCodeAt(0);
    expect(errorCode(() => readWorkbook(renamed, {}, { cache }))).toBe('CORRUPT');
  });

  it('keeps only what was read without an error', () => {
    const cache = new PartCache();
    const broken = zipSync({
      '_rels/.rels': strToU8('<Relationships><Relationship'),
      'xl/workbook.xml': strToU8(`<workbook ${NS}><sheets/></workbook>`),
    });
    expect(errorCode(() => readWorkbook(broken, {}, { cache }))).toBe('BAD_XML');
    expect(errorCode(() => readWorkbook(broken, {}, { cache }))).toBe('BAD_XML');
    expect(cache.hits).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('holds at most its number of parts and of bytes, the least recently used going first', () => {
    const entry = (crc: number, size: number): ZipEntry => ({
      name: `p${crc}`,
      method: 8,
      flags: 0,
      compressedSize: size,
      uncompressedSize: size * 2,
      crc32: crc,
      localHeaderOffset: 0,
    });
    const data = (crc: number, size: number): Uint8Array => new Uint8Array(size).fill(crc);
    const kind: PartKind = 'rels';
    const cache = new PartCache({ maxParts: 3, maxBytes: 300, maxPartBytes: 120 });
    for (const crc of [1, 2, 3]) cache.set(kind, entry(crc, 10), data(crc, 10), `v${crc}`);
    expect(cache.get(kind, entry(1, 10), data(1, 10))).toBe('v1');
    cache.set(kind, entry(4, 10), data(4, 10), 'v4');
    expect(cache.size).toBe(3);
    // 2 was the least recently used.
    expect(cache.get(kind, entry(2, 10), data(2, 10))).toBeUndefined();
    expect(cache.get(kind, entry(1, 10), data(1, 10))).toBe('v1');
    // Another kind of read of the same bytes is another value.
    expect(cache.get('styles', entry(1, 10), data(1, 10))).toBeUndefined();
    // Over the bytes allowed (60 + 120 each): the oldest go until it fits.
    cache.set(kind, entry(5, 60), data(5, 60), 'v5');
    cache.set(kind, entry(6, 60), data(6, 60), 'v6');
    expect(cache.size).toBe(1);
    expect(cache.get(kind, entry(6, 60), data(6, 60))).toBe('v6');
    // A part larger than a part may be is never kept.
    cache.set(kind, entry(7, 70), data(7, 70), 'v7');
    expect(cache.get(kind, entry(7, 70), data(7, 70))).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('formatResolver', () => {
  it('reads a style index the styles part does not have as style 0, and remembers it once', () => {
    const styles = { xfNumFmt: [9, 14], formats: new Map<number, string>() };
    const formatOf = formatResolver(styles);
    expect(formatOf(0)).toEqual({ numFmtId: 9, isPercent: true, isDate: false });
    expect(formatOf(1)).toEqual({ numFmtId: 14, isPercent: false, isDate: true });
    expect(formatOf(1)).toBe(formatOf(1));
    // Beyond the part, negative or not whole: the number format of id 0 (General), as before.
    for (const s of [2, 99_999, -1, 1.5]) expect(formatOf(s)).toEqual({ numFmtId: 0, isPercent: false, isDate: false });
    expect(formatOf(2)).toBe(formatOf(99_999));
    expect(formatResolver(undefined)(3)).toEqual({ numFmtId: 0, isPercent: false, isDate: false });
    // A custom format given id 0 is still that format's.
    const custom = formatResolver({ xfNumFmt: [], formats: new Map([[0, '0%']]) });
    expect(custom(5)).toEqual({ numFmtId: 0, numFmt: '0%', isPercent: true, isDate: false });
  });
});
