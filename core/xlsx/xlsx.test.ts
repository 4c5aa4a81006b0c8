import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxErrorCode as code } from '../../test/fixtures/xlsx-error.js';
import { buildOle } from '../../test/fixtures/ole.js';
import { getCell, readWorkbook, sniff, XlsxError } from './index.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A hand-written workbook: every part spelled out, as another tool might write it. */
function workbook(sheetXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(
      `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook ${NS} xmlns:r="${REL}"><workbookPr date1904="0"/><sheets>` +
        `<sheet name="Số liệu" sheetId="1" r:id="rId1"/><sheet name="meta" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/s1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/s2.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="strings.xml"/>` +
        `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/strings.xml': strToU8(
      `<sst ${NS}><si><t>Mã chỉ tiêu</t></si>` +
        `<si><r><rPr><b/></rPr><t xml:space="preserve">Số </t></r><r><t>liệu</t></r><rPh><t>SL</t></rPh></si>` +
        `<si><t>A_x0007_B</t></si></sst>`,
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00&quot;%&quot;;[Red]0.00%"/></numFmts>` +
        `<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>` +
        `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/s1.xml': strToU8(`<worksheet ${NS}><sheetData>${sheetXml}</sheetData></worksheet>`),
    'xl/worksheets/s2.xml': strToU8(`<worksheet ${NS}><sheetData><row><c><v>7</v></c></row></sheetData></worksheet>`),
    ...extra,
  });
}

describe('sniff', () => {
  it('tells files apart by magic bytes and the OLE directory', () => {
    expect(sniff(new Uint8Array())).toBe('empty');
    expect(sniff(strToU8('%PDF-1.4'))).toBe('pdf');
    expect(sniff(zipSync({ a: strToU8('x') }))).toBe('zip');
    expect(sniff(buildOle(['Workbook']))).toBe('xls');
    expect(sniff(buildOle(['Book']))).toBe('xls');
    expect(sniff(buildOle(['EncryptionInfo', 'EncryptedPackage']))).toBe('encrypted');
    expect(sniff(buildOle(['WordDocument']))).toBe('ole-other');
    expect(sniff(strToU8('STT;Mã'))).toBe('unknown');
  });
});

describe('readWorkbook', () => {
  const sheet =
    `<row r="2" hidden="1"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c></row>` +
    `<row r="3"><c r="A3" s="1"><v>0.3736</v></c><c r="B3" s="2"><v>45107</v></c><c r="C3" s="3"><v>12.5</v></c>` +
    `<c r="D3" t="str"><f>"1."&amp;"668"</f><v>1.668</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
    `<c r="F3"><f>SUM(A1:A2)</f></c><c r="G3" t="b"><v>1</v></c><c r="H3" t="inlineStr"><is><t>37,36%</t></is></c>` +
    `<c r="I3"><v>0.30000000000000004</v></c></row>` +
    `<row><c><v>1</v></c><c><v>2</v></c></row>`;

  it('reads values, types, raw text, formats, hidden rows and sheet states', () => {
    const wb = readWorkbook(
      workbook(sheet + '</sheetData><mergeCells><mergeCell ref="A5:F5"/></mergeCells><sheetData>'),
    );
    const [s1, s2] = wb.sheets;
    expect(wb.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Số liệu', 'visible'],
      ['meta', 'hidden'],
    ]);
    expect(s1!.hiddenRows).toEqual(new Set([2]));
    expect(getCell(s1!, 2, 2)).toMatchObject({ type: 'string', value: 'Số liệu', ref: 'B2' });
    expect(getCell(s1!, 2, 3)?.value).toBe('A\u0007B');
    expect(getCell(s1!, 3, 1)).toMatchObject({
      type: 'number',
      value: 0.3736,
      raw: '0.3736',
      numFmtId: 10,
      isPercent: true,
    });
    expect(getCell(s1!, 3, 2)).toMatchObject({ value: 45107, isDate: true, isPercent: false });
    expect(getCell(s1!, 3, 3)).toMatchObject({ numFmt: '0.00"%";[Red]0.00%', isPercent: true, isDate: false });
    expect(getCell(s1!, 3, 4)).toMatchObject({ type: 'string', value: '1.668', formula: true });
    expect(getCell(s1!, 3, 5)).toMatchObject({ type: 'error', value: '#DIV/0!', formula: true });
    expect(getCell(s1!, 3, 6)).toMatchObject({ type: 'formula-without-cache', value: null, formula: true });
    expect(getCell(s1!, 3, 7)).toMatchObject({ type: 'bool', value: true });
    expect(getCell(s1!, 3, 8)).toMatchObject({ type: 'inline-string', value: '37,36%' });
    expect(getCell(s1!, 3, 9)?.raw).toBe('0.30000000000000004');
    expect(getCell(s1!, 4, 2)).toMatchObject({ ref: 'B4', value: 2 });
    expect(s1!.merges).toEqual([{ ref: 'A5:F5', top: 5, left: 1, bottom: 5, right: 6 }]);
    expect(getCell(s2!, 1, 1)?.value).toBe(7);
  });

  it('never inflates parts it does not need', () => {
    const junk = new Uint8Array(500_000).map((_, i) => (i * 7919) % 251);
    const wb = readWorkbook(workbook(sheet, { 'xl/media/photo.bin': junk }));
    expect(wb.inflatedBytes).toBeLessThan(5_000);
  });

  it('enforces the limits from the central directory', () => {
    const bytes = workbook(sheet, { 'xl/media/zeros.bin': new Uint8Array(2_000_000) });
    expect(code(() => readWorkbook(bytes))).toBe('COMPRESSION_RATIO');
    expect(code(() => readWorkbook(bytes, { maxUncompressedBytes: 1_000_000 }))).toBe('TOO_BIG_UNCOMPRESSED');
    expect(code(() => readWorkbook(bytes, { maxEntries: 5 }))).toBe('TOO_MANY_ENTRIES');
    expect(code(() => readWorkbook(bytes, { maxFileBytes: 1000 }))).toBe('TOO_LARGE');
    expect(code(() => readWorkbook(workbook(sheet, { 'a/../../b': strToU8('x') })))).toBe('BAD_ENTRY_NAME');
    expect(code(() => readWorkbook(workbook(sheet, { 'C:/windows/x': strToU8('x') })))).toBe('BAD_ENTRY_NAME');
  });

  it('checks the CRC-32 of every part it reads, and only of those', () => {
    const bytes = workbook(sheet, { 'xl/media/photo.bin': strToU8('not read') });
    /** The same zip with one entry's CRC-32 changed in the central directory. */
    const badCrc = (name: string): Uint8Array => {
      const out = bytes.slice();
      const v = new DataView(out.buffer);
      const raw = strToU8(name);
      for (let p = 0; p + 46 < out.length; p++) {
        if (v.getUint32(p, true) !== 0x02014b50 || v.getUint16(p + 28, true) !== raw.length) continue;
        if (raw.every((b, i) => out[p + 46 + i] === b)) v.setUint32(p + 16, v.getUint32(p + 16, true) ^ 1, true);
      }
      return out;
    };
    const read = [
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/strings.xml',
      'xl/styles.xml',
      'xl/worksheets/s1.xml',
      'xl/worksheets/s2.xml',
    ];
    for (const name of read) {
      let caught: unknown;
      try {
        readWorkbook(badCrc(name));
      } catch (e) {
        caught = e;
      }
      expect(caught, name).toBeInstanceOf(XlsxError);
      expect((caught as XlsxError).code, name).toBe('CRC_MISMATCH');
      expect((caught as XlsxError).entry, name).toBe(name);
    }
    expect(readWorkbook(badCrc('xl/media/photo.bin')).sheets).toHaveLength(2);
  });

  it('refuses two entries of one name, even in another case', () => {
    const twice = workbook(sheet, { 'XL/Worksheets/S1.xml': strToU8('<worksheet/>') });
    expect(code(() => readWorkbook(twice))).toBe('DUPLICATE_ENTRY');
  });

  it('names what a non-workbook is', () => {
    expect(code(() => readWorkbook(new Uint8Array()))).toBe('EMPTY');
    expect(code(() => readWorkbook(buildOle(['Workbook'])))).toBe('XLS');
    expect(code(() => readWorkbook(buildOle(['EncryptedPackage'])))).toBe('ENCRYPTED');
    expect(code(() => readWorkbook(workbook(sheet).subarray(0, 300)))).toBe('TRUNCATED');
    expect(
      code(() => readWorkbook(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') }))),
    ).toBe('ODS');
    expect(code(() => readWorkbook(zipSync({ 'word/document.xml': strToU8('<w/>') })))).toBe('NOT_WORKBOOK');
    expect(code(() => readWorkbook(workbook('<row><c r="A1"><v>1</v></row>')))).toBe('BAD_XML');
  });
});
