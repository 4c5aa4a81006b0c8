import { describe, expect, it } from 'vitest';
import { csvField, decodeUserText, encodeForWindows, toCsv } from './index.js';

const TEXT = 'Mã đơn vị: S01\nTên: Sở Nội vụ\n';
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const bom = (b: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]);

describe('text a person edited in Notepad', () => {
  it('reads UTF-8 with or without a BOM, UTF-16 LE and BE with a BOM, CRLF and CR line ends alike', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(crlf, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(crlf, 'utf16le').swap16()]);
    for (const bytes of [
      utf8(TEXT),
      utf8(crlf),
      bom(utf8(TEXT)),
      bom(utf8(crlf)),
      le,
      be,
      utf8(TEXT.replace(/\n/g, '\r')),
    ]) {
      expect(decodeUserText(bytes)).toBe(TEXT);
    }
    expect(decodeUserText(utf8('\uFEFF[1]'))).toBe('[1]');
    expect(JSON.parse(decodeUserText(bom(utf8('{\r\n  "a": "Lai Châu"\r\n}'))))).toEqual({ a: 'Lai Châu' });
  });
});

describe('text written for Notepad and Excel', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const bytes = encodeForWindows('a\nb\r\nc');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe('a\r\nb\r\nc');
  });

  it('writes CSV that Excel opens in Vietnamese: BOM, CRLF, ";" between fields, quotes where needed, no formulas', () => {
    const csv = toCsv([
      ['Mã', 'Tên đơn vị', 'Số liệu'],
      ['S01', 'Sở Nội vụ; Văn phòng', '1.668'],
      ['X01', 'UBND xã "Bình Lư"', '=1+1'],
      ['H01', 'dòng 1\ndòng 2', null],
    ]);
    expect(Buffer.from(csv).toString('utf8')).toBe(
      '\uFEFFMã;Tên đơn vị;Số liệu\r\nS01;"Sở Nội vụ; Văn phòng";1.668\r\nX01;"UBND xã ""Bình Lư""";\'=1+1\r\nH01;"dòng 1\r\ndòng 2";\r\n',
    );
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});
