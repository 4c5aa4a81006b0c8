import { describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import type { Finding } from '../model/index.js';
import { strFromU8, unzipSync } from 'fflate';
import { excelJs } from './excel.js';
import { buildReturnPacket, nameInSentence, parseCellRef, SEVERITY_ARGB, SHEET_FEEDBACK } from './packet.js';

const FILE = 'X03.xlsx';

/** A small return as a unit would send it: shared styles, a formula, an existing note. */
async function original(): Promise<Buffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet('Thông tin');
  info.addRow(['Mã đơn vị', 'X03']);
  info.addRow(['Kỳ báo cáo', 'NQ08-SK2023']);
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow(['STT', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú']);
  const rows: [string, number | string][] = [
    ['KL01', 5],
    ['KL02', 1],
    ['KL03', 1],
    ['KL04', 1],
    ['KL05', 1],
    ['KL06', 0],
    ['KL07', 0],
    ['TT03', '1.668'],
    ['TT04', 2000],
  ];
  rows.forEach(([code, v], i) => ws.addRow([i + 1, code, `Chỉ tiêu ${code}`, 'người', v, '']));
  ws.getColumn(5).numFmt = '#,##0';
  ws.getCell('E11').value = { formula: 'E9+E10', result: 3668 };
  ws.getCell('F2').note = 'Ghi chú cũ của đơn vị';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(buf: Buffer): Promise<Workbook> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const finding = (over: Partial<Finding> & Pick<Finding, 'check' | 'severity' | 'cells' | 'message'>): Finding => ({
  id: `${over.check}|X03`,
  scope: 'unit',
  unit: 'X03',
  values: [],
  status: 'open',
  ...over,
});

const findings: Finding[] = [
  finding({
    check: 'R01',
    severity: 'error',
    cells: ['E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'].map((c) => `${FILE}!Số liệu!${c}`),
    message: 'UBND xã X03, tệp X03.xlsx: Tổng số bị kỷ luật (ô E2) là 5 nhưng tổng các hình thức (ô E3–E8) là 4.',
  }),
  finding({
    check: 'R06',
    severity: 'error',
    cells: [`${FILE}!Số liệu!E10`, `${FILE}!Số liệu!E9`],
    message: 'Số đã tham gia quán triệt (ô E10) là 2.000, lớn hơn tổng số (ô E9) là 1.668.',
  }),
  finding({
    check: 'OUTLIER',
    severity: 'warning',
    cells: [`${FILE}!Số liệu!E10`],
    message: 'Tỷ lệ khác xa các đơn vị cùng cấp.',
  }),
  finding({
    check: 'PREV_JUMP',
    severity: 'warning',
    cells: [`${FILE}!Số liệu!F2`],
    message: '=Thay đổi lớn so với kỳ trước.',
  }),
  finding({ check: 'R02', severity: 'error', cells: ['X04.xlsx!Số liệu!E5'], message: 'Của đơn vị khác.' }),
  finding({ check: 'MISSING_VALUE', severity: 'warning', cells: [], message: 'Bỏ trống chỉ tiêu KL08.' }),
];

describe('the return packet', async () => {
  const src = await original();
  const before = await load(src);
  const packet = await load(await buildReturnPacket(src, findings, FILE));
  const data = packet.getWorksheet('Số liệu') as Worksheet;
  const argb = (addr: string): string | undefined => {
    const fill = data.getCell(addr).fill;
    return fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
  };

  it('keeps every value of the original, formulas included', () => {
    for (const ws of before.worksheets) {
      const copy = packet.getWorksheet(ws.name) as Worksheet;
      ws.eachRow((row) =>
        row.eachCell((cell) =>
          expect(copy.getCell(cell.address).value, `${ws.name}!${cell.address}`).toEqual(cell.value),
        ),
      );
    }
    expect(data.getCell('E11').value).toEqual({ formula: 'E9+E10', result: 3668 });
    expect(data.getCell('E9').value).toBe('1.668');
  });

  it('highlights problem cells by their most serious finding, and no other cell', () => {
    for (const c of ['E2', 'E3', 'E8', 'E9', 'E10']) expect(argb(c), c).toBe(SEVERITY_ARGB.error);
    expect(argb('F2')).toBe(SEVERITY_ARGB.warning);
    // Cells sharing the column's style stay untouched.
    expect(argb('E11')).toBeUndefined();
    expect(data.getCell('E11').numFmt).toBe('#,##0');
    expect(argb('E5')).toBe(SEVERITY_ARGB.error);
  });

  it('explains each highlighted cell in a Vietnamese note, keeping the unit’s own note', () => {
    const note = (addr: string): string => {
      const n = data.getCell(addr).note;
      return typeof n === 'string' ? n : (n?.texts ?? []).map((t) => t.text).join('');
    };
    // No internal check codes: the unit reads what is wrong, not "R06" or "OUTLIER".
    expect(note('E2')).toBe(`Lỗi: ${findings[0]?.message}`);
    expect(note('E10')).toBe(`Lỗi: ${findings[1]?.message}\n\nCảnh báo: ${findings[2]?.message}`);
    expect(note('F2')).toBe('Ghi chú cũ của đơn vị\n\nCảnh báo: =Thay đổi lớn so với kỳ trước.');
    expect(note('E11')).toBe('');
  });

  it('adds a "Phản hồi" sheet listing every finding, errors first, in sheet order, with text made safe', () => {
    const fb = packet.getWorksheet(SHEET_FEEDBACK) as Worksheet;
    const rows: unknown[][] = [];
    fb.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['STT', 'Mức độ', 'Ô liên quan', 'Nội dung', 'Trạng thái']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Lỗi', 'Lỗi', 'Lỗi', 'Cảnh báo', 'Cảnh báo', 'Cảnh báo']);
    expect(rows[1]).toEqual([
      1,
      'Lỗi',
      'Số liệu!E2; Số liệu!E3; Số liệu!E4; Số liệu!E5; Số liệu!E6; Số liệu!E7; Số liệu!E8',
      findings[0]?.message,
      'Chưa xử lý',
    ]);
    // Within a severity, in the order the unit reads its sheet (row, then column); findings
    // without a cell of this file last.
    expect(rows.slice(1).map((r) => r[3])).toEqual([
      findings[0]?.message,
      findings[1]?.message,
      'Của đơn vị khác.',
      "'=Thay đổi lớn so với kỳ trước.",
      'Tỷ lệ khác xa các đơn vị cùng cấp.',
      'Bỏ trống chỉ tiêu KL08.',
    ]);
  });
});

describe('the packet sent to the unit', async () => {
  const src = await original();
  const request = {
    unit: { code: 'X03', name: 'UBND xã Bản Hon' },
    periodTitle: 'Sơ kết 03 năm thực hiện Nghị quyết số 08-NQ/TU',
    issuer: { governingBody: 'UBND TỈNH LAI CHÂU', issuingBody: 'SỞ NỘI VỤ' },
    resendBy: '2023-07-25',
    contact: 'Phòng Cải cách hành chính, điện thoại 0213 3876 543',
    receivedAt: '2023-07-14T02:30:00.000Z',
  };
  const bytes = await buildReturnPacket(src, findings.slice(0, 4), FILE, request);
  const packet = await load(bytes);

  it('opens on a cover saying what is wrong, by when to send it again and to whom', () => {
    expect(packet.worksheets.map((w) => w.name)).toEqual(['Đề nghị', 'Thông tin', 'Số liệu', SHEET_FEEDBACK]);
    const cover = packet.getWorksheet('Đề nghị') as Worksheet;
    const text: string[] = [];
    cover.eachRow((r) => r.eachCell((c) => text.push(String(c.value))));
    const all = text.join('\n');
    expect(all).toContain('ĐỀ NGHỊ RÀ SOÁT, GỬI LẠI BÁO CÁO CẢI CÁCH HÀNH CHÍNH');
    expect(all).toContain('Kính gửi: UBND xã Bản Hon (mã đơn vị X03).');
    expect(all).toContain(
      '(tệp X03.xlsx, nhận ngày 14/07/2023), Sở Nội vụ thấy có 2 lỗi phải sửa và 2 điểm cần kiểm tra',
    );
    expect(all).toContain('gửi lại Sở Nội vụ trước hết ngày 25/07/2023.');
    expect(all).toContain('Nơi nhận và liên hệ: Phòng Cải cách hành chính, điện thoại 0213 3876 543.');
    // The problems, each once, without the unit and file named again.
    expect(all).toContain('Lỗi: Số đã tham gia quán triệt (ô E10) là 2.000, lớn hơn tổng số (ô E9) là 1.668.');
    expect(cover.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    for (const ws of packet.worksheets) expect(ws.headerFooter.oddFooter, ws.name).toContain('Trang &P/&N');
  });

  it('makes each note box large enough for its text', () => {
    const files = unzipSync(new Uint8Array(bytes));
    const vml = Object.keys(files).filter((n) => /vmlDrawing\d+\.vml$/.test(n));
    expect(vml.length).toBeGreaterThan(0);
    const shapes = vml.flatMap((n) => strFromU8(files[n] as Uint8Array).match(/<v:shape\b[\s\S]*?<\/v:shape>/g) ?? []);
    expect(shapes.length).toBeGreaterThanOrEqual(8);
    for (const shape of shapes) {
      const text = (/<v:textbox[\s\S]*?<\/v:textbox>/.exec(shape)?.[0] ?? '').replace(/<[^>]+>/g, '');
      const [left, , top, , right, , bottom] = (/<x:Anchor>([^<]*)<\/x:Anchor>/.exec(shape)?.[1] ?? '')
        .split(',')
        .map(Number);
      // Four columns wide; a row of ~15 pt for every 60 characters (exceljs gives 2 columns × 4 rows to any text).
      expect(right! - left!).toBe(4);
      expect(bottom! - top!).toBeGreaterThanOrEqual(Math.ceil(text.length / 60));
    }
  });
});

describe('the issuing body named in a sentence', () => {
  it('writes a name typed in capitals with the capitals of Decree 30', () => {
    expect(nameInSentence('SỞ NỘI VỤ')).toBe('Sở Nội vụ');
    expect(nameInSentence('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG')).toBe('Sở Tài nguyên và Môi trường');
    expect(nameInSentence('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(nameInSentence('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH')).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(nameInSentence('UBND TỈNH LAI CHÂU')).toBe('UBND tỉnh Lai Châu');
    expect(nameInSentence('VĂN PHÒNG UBND TỈNH')).toBe('Văn phòng UBND tỉnh');
    expect(nameInSentence('PHÒNG NỘI VỤ HUYỆN SÌN HỒ')).toBe('Phòng Nội vụ huyện Sìn Hồ');
    expect(nameInSentence('Sở Nội vụ')).toBe('Sở Nội vụ');
  });
});

describe('cell references', () => {
  it('split "FILE!SHEET!A1" only for the given file, sheet names with "!" included', () => {
    expect(parseCellRef('X03.xlsx!Số liệu!E61', 'X03.xlsx')).toEqual({ sheet: 'Số liệu', cell: 'E61' });
    expect(parseCellRef('X03.xlsx!Ý kiến!2!B4', 'X03.xlsx')).toEqual({ sheet: 'Ý kiến!2', cell: 'B4' });
    expect(parseCellRef('X04.xlsx!Số liệu!E61', 'X03.xlsx')).toBeNull();
    expect(parseCellRef('X03.xlsx!Số liệu!', 'X03.xlsx')).toBeNull();
  });
});
