/** The grammar of a cell's stored value: decimal numbers only, as the file format writes them. */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { XlsxCell, XlsxSheet } from './index.js';
import {
  columnLetters,
  decodeExcelEscapes,
  isDateFormat,
  isPercentFormat,
  mergeAt,
  parseRef,
  serialToIso,
  XlsxError,
} from './index.js';
import { formatResolver, partText, scanWorksheet } from './parts.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function cellsOf(rowXml: string, shared: string[] = ['không', 'một', 'hai']): XlsxCell[] {
  const sheet: XlsxSheet = { name: 'Số liệu', state: 'visible', rows: new Map(), hiddenRows: new Set(), merges: [] };
  const xml = `<worksheet ${NS}><sheetData><row r="1">${rowXml}</row></sheetData></worksheet>`;
  scanWorksheet(partText(strToU8(xml), true), 'xl/worksheets/sheet1.xml', sheet, shared, formatResolver(undefined));
  return [...(sheet.rows.get(1)?.values() ?? [])];
}

const one = (v: string, t = ''): Pick<XlsxCell, 'type' | 'value' | 'raw'> => {
  const [c] = cellsOf(`<c r="E1"${t ? ` t="${t}"` : ''}><v>${v}</v></c>`);
  return { type: c!.type, value: c!.value, raw: c!.raw };
};

describe('number cells', () => {
  it.each([
    ['12', 12],
    ['-5', -5],
    ['+5', 5],
    ['0', 0],
    ['12.5', 12.5],
    ['12.', 12],
    ['.5', 0.5],
    ['0.30000000000000004', 0.30000000000000004],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['2.5E+2', 250],
    [' 42 ', 42],
    ['10741056503', 10741056503],
  ])('<v>%s</v> is the number %d', (v, n) => {
    expect(one(v)).toEqual({ type: 'number', value: n, raw: v.trim() });
  });

  it.each([
    '0x1A',
    '0X1a',
    '0b11',
    '0B11',
    '0o7',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e400',
    '1,5',
    '1 000',
    '1e',
    'e3',
    '.',
    '-',
    '1.2.3',
  ])('<v>%s</v> is not read as a number: it stays text for the importer to refuse', (v) => {
    const c = one(v);
    expect(c.type).toBe('string');
    expect(c.value).toBe(v);
    expect(typeof c.value).toBe('string');
  });

  it('keeps an empty <v/> of a plain cell out, and an empty cached result as a formula without cache', () => {
    expect(cellsOf('<c r="E1"><v></v></c>')).toEqual([]);
    expect(cellsOf('<c r="E1"><f>A1</f><v></v></c>')[0]).toMatchObject({
      type: 'formula-without-cache',
      value: null,
      raw: '',
    });
    expect(cellsOf('<c r="E1"><f>A1</f></c>')[0]).toMatchObject({ type: 'formula-without-cache', raw: '' });
    // A text formula whose result is the empty string has a result: "".
    expect(cellsOf('<c r="E1" t="str"><f>A1&amp;""</f><v></v></c>')[0]).toMatchObject({
      type: 'string',
      value: '',
      raw: '',
    });
  });

  it('gives a whole cell, its format fields present only when there are some', () => {
    expect(cellsOf('<c r="E1"><v>12</v></c>')[0]).toStrictEqual({
      ref: 'E1',
      row: 1,
      col: 5,
      type: 'number',
      value: 12,
      raw: '12',
      formula: false,
      numFmtId: 0,
      isPercent: false,
      isDate: false,
    });
  });
});

describe('shared-string cells', () => {
  it('take the index in decimal digits', () => {
    expect(one('2', 's')).toEqual({ type: 'string', value: 'hai', raw: 'hai' });
    expect(one(' 1 ', 's')).toEqual({ type: 'string', value: 'một', raw: 'một' });
  });

  it.each(['0x1', '0b1', '1.0', '1e0', '-0', '+1', ''])('refuse the index %j as a broken part', (v) => {
    let err: unknown;
    try {
      cellsOf(`<c r="E1" t="s"><v>${v}</v></c>`);
    } catch (e) {
      err = e;
    }
    if (v === '') {
      // No cached value at all: nothing to read, the cell is absent.
      expect(err).toBeUndefined();
      return;
    }
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as XlsxError).code).toBe('BAD_XML');
    expect((err as XlsxError).message).toContain(`cell E1 names missing shared string ${v}`);
  });
});

describe('other cell types', () => {
  it('reads booleans, errors, ISO dates and inline strings as they are', () => {
    expect(one('1', 'b')).toEqual({ type: 'bool', value: true, raw: '1' });
    expect(one('true', 'b')).toEqual({ type: 'bool', value: true, raw: 'true' });
    expect(one('0', 'b')).toEqual({ type: 'bool', value: false, raw: '0' });
    expect(one(' #REF! ', 'e')).toEqual({ type: 'error', value: '#REF!', raw: '#REF!' });
    expect(one('2023-06-30', 'd')).toEqual({ type: 'string', value: '2023-06-30', raw: '2023-06-30' });
    expect(one('0x1A', 'str')).toEqual({ type: 'string', value: '0x1A', raw: '0x1A' });
    const [c] = cellsOf('<c r="E1" t="inlineStr"><is><t>12\t345</t></is></c>');
    expect(c).toMatchObject({ type: 'inline-string', value: '12\t345' });
  });

  it('trims what the format writes around booleans, errors and dates', () => {
    expect(one(' 1 ', 'b')).toEqual({ type: 'bool', value: true, raw: ' 1 ' });
    expect(one(' true ', 'b')).toEqual({ type: 'bool', value: true, raw: ' true ' });
    expect(one(' 2023-06-30 ', 'd')).toEqual({ type: 'string', value: '2023-06-30', raw: '2023-06-30' });
  });

  it('an empty inline string is no cell unless a formula made it', () => {
    expect(cellsOf('<c r="E1" t="inlineStr"><is><t></t></is></c>')).toEqual([]);
    expect(cellsOf('<c r="E1" t="inlineStr"><f>A1</f><is><t></t></is></c>')[0]).toMatchObject({
      type: 'inline-string',
      value: '',
      formula: true,
    });
  });
});

describe('Excel escapes in text', () => {
  it('turn _xHHHH_ into the character, leave other text alone', () => {
    expect(decodeExcelEscapes('55_x0007_')).toBe('55\u0007');
    expect(decodeExcelEscapes('a_x00E9_b_x00e9_')).toBe('aébé');
    expect(decodeExcelEscapes('_x12_ _xZZZZ_ plain')).toBe('_x12_ _xZZZZ_ plain');
    expect(decodeExcelEscapes('')).toBe('');
  });
});

describe('number formats', () => {
  it('percent: built-ins 9 and 10, or a % outside quotes and escapes', () => {
    expect(isPercentFormat(9, undefined)).toBe(true);
    expect(isPercentFormat(10, undefined)).toBe(true);
    expect(isPercentFormat(0, undefined)).toBe(false);
    expect(isPercentFormat(164, '0.00%')).toBe(true);
    expect(isPercentFormat(164, '0.00')).toBe(false);
    expect(isPercentFormat(164, '')).toBe(false);
    expect(isPercentFormat(164, '0.00" %"')).toBe(false);
    expect(isPercentFormat(164, '0.00"%"')).toBe(false);
    expect(isPercentFormat(164, '0.00\\%')).toBe(false);
    expect(isPercentFormat(164, '0.00_%')).toBe(false);
    expect(isPercentFormat(164, '0.00*%')).toBe(false);
    expect(isPercentFormat(164, '"x"0.00%"y"')).toBe(true);
  });

  it('date: built-in date ids, or d, m, y, h, s outside quotes, escapes and brackets, not "General"', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(22, undefined)).toBe(true);
    expect(isDateFormat(0, undefined)).toBe(false);
    expect(isDateFormat(164, undefined)).toBe(false);
    expect(isDateFormat(164, 'dd/mm/yyyy')).toBe(true);
    expect(isDateFormat(164, 'h:mm')).toBe(true);
    expect(isDateFormat(164, '#,##0')).toBe(false);
    expect(isDateFormat(164, '0" ngày"')).toBe(false);
    expect(isDateFormat(164, '[Red]0')).toBe(false);
    expect(isDateFormat(164, '0\\d')).toBe(false);
    expect(isDateFormat(164, '0_)')).toBe(false);
    expect(isDateFormat(164, '0*-')).toBe(false);
    expect(isDateFormat(164, 'General d')).toBe(false);
  });

  it('are resolved per style: the built-in id alone has no code', () => {
    const resolve = formatResolver({ xfNumFmt: [0, 10, 164, 14], formats: new Map([[164, '0.0" ngày"']]) });
    expect(resolve(1)).toStrictEqual({ numFmtId: 10, isPercent: true, isDate: false });
    expect(resolve(2)).toStrictEqual({ numFmtId: 164, numFmt: '0.0" ngày"', isPercent: false, isDate: false });
    expect(resolve(3)).toStrictEqual({ numFmtId: 14, isPercent: false, isDate: true });
    expect(resolve(9)).toStrictEqual({ numFmtId: 0, isPercent: false, isDate: false });
    expect(resolve(1)).toStrictEqual(resolve(1));
    expect(formatResolver(undefined)(3)).toStrictEqual({ numFmtId: 0, isPercent: false, isDate: false });
  });
});

describe('addresses and dates', () => {
  it('column numbers and letters', () => {
    for (const [n, l] of [
      [1, 'A'],
      [5, 'E'],
      [26, 'Z'],
      [27, 'AA'],
      [52, 'AZ'],
      [53, 'BA'],
      [702, 'ZZ'],
      [703, 'AAA'],
      [16384, 'XFD'],
    ] as const) {
      expect(columnLetters(n)).toBe(l);
      expect(parseRef(`${l}7`)).toEqual({ row: 7, col: n });
    }
    expect(columnLetters(0)).toBe('');
  });

  it('A1 references, with or without $, lower case too; anything else is no reference', () => {
    expect(parseRef('E61')).toEqual({ row: 61, col: 5 });
    expect(parseRef('$E$61')).toEqual({ row: 61, col: 5 });
    expect(parseRef('xfd1048576')).toEqual({ row: 1048576, col: 16384 });
    expect(parseRef('A1234567')).toEqual({ row: 1234567, col: 1 });
    for (const bad of ['AAAA1', 'A12345678', 'E', '61', ' E61', 'E61 ', 'E61x', 'E-1', '']) {
      expect(parseRef(bad), bad).toBeUndefined();
    }
  });

  it('merged ranges cover their corners and nothing outside', () => {
    const sheet: XlsxSheet = {
      name: 's',
      state: 'visible',
      rows: new Map(),
      hiddenRows: new Set(),
      merges: [{ ref: 'C3:E5', top: 3, left: 3, bottom: 5, right: 5 }],
    };
    for (const [r, c] of [
      [3, 3],
      [5, 5],
      [3, 5],
      [5, 3],
      [4, 4],
    ])
      expect(mergeAt(sheet, r as number, c as number)?.ref).toBe('C3:E5');
    for (const [r, c] of [
      [2, 3],
      [6, 3],
      [3, 2],
      [3, 6],
      [2, 2],
      [6, 6],
    ])
      expect(mergeAt(sheet, r as number, c as number)).toBeUndefined();
  });

  it('date serials in the 1900 and 1904 systems, whole days; nothing for what is no date', () => {
    expect(serialToIso(45107)).toBe('2023-06-30');
    expect(serialToIso(45107.99)).toBe('2023-06-30');
    expect(serialToIso(45107, false)).toBe('2023-06-30');
    expect(serialToIso(43645, true)).toBe('2023-06-30');
    expect(serialToIso(1)).toBe('1899-12-31');
    expect(serialToIso(1, true)).toBe('1904-01-02');
    for (const bad of [0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e20])
      expect(serialToIso(bad)).toBeUndefined();
  });
});
