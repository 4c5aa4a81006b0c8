/** The grammar of a cell's stored value: decimal numbers only, as the file format writes them. */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { XlsxCell, XlsxSheet } from './index.js';
import { XlsxError } from './index.js';
import { formatResolver, parseWorksheet } from './parts.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function cellsOf(rowXml: string, shared: string[] = ['không', 'một', 'hai']): XlsxCell[] {
  const sheet: XlsxSheet = { name: 'Số liệu', state: 'visible', rows: new Map(), hiddenRows: new Set(), merges: [] };
  const xml = `<worksheet ${NS}><sheetData><row r="1">${rowXml}</row></sheetData></worksheet>`;
  parseWorksheet(strToU8(xml), 'xl/worksheets/sheet1.xml', sheet, shared, formatResolver(undefined));
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
    expect(cellsOf('<c r="E1"><f>A1</f><v></v></c>')[0]).toMatchObject({ type: 'formula-without-cache', value: null });
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
});
