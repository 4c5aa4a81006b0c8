/**
 * The return packet (`tonghop packet DIR --unit CODE --out FILE`): a copy of the unit's own
 * workbook with every problem cell highlighted and a Vietnamese note explaining the finding,
 * plus a sheet `Phản hồi` listing all of the unit's findings — ready to email back.
 * Values are never changed. exceljs may drop features it does not model (charts, some
 * conditional formats); that is acceptable for a packet, the figures survive.
 */
import type { Cell, Workbook } from 'exceljs';
import type { Severity } from '../form/index.js';
import type { Finding } from '../model/index.js';
import { HEADER_FILL, excelJs, safeText } from './excel.js';

export const SHEET_FEEDBACK = 'Phản hồi';

/** Highlight colours by severity: red for errors, yellow for warnings, light blue for information. */
export const SEVERITY_ARGB: Record<Severity, string> = {
  error: 'FFFF9999',
  warning: 'FFFFFF00',
  info: 'FFBDD7EE',
};
const SEVERITY_VN: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The sheet and cell of a reference "FILE!SHEET!A1" when it belongs to `file`, else null. */
export function parseCellRef(ref: string, file: string): { sheet: string; cell: string } | null {
  if (!ref.startsWith(`${file}!`)) return null;
  const rest = ref.slice(file.length + 1);
  const bang = rest.lastIndexOf('!');
  if (bang <= 0) return null;
  const cell = rest.slice(bang + 1);
  return /^[A-Z]{1,3}[1-9][0-9]*$/.test(cell) ? { sheet: rest.slice(0, bang), cell } : null;
}

function noteText(cell: Cell): string {
  const n = cell.note;
  if (!n) return '';
  if (typeof n === 'string') return n;
  return (n.texts ?? []).map((t) => t.text).join('');
}

function freeSheetName(wb: Workbook, base: string): string {
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base} (${i})`;
  return name;
}

/**
 * Build the packet for one unit: `original` is its workbook as received, `findings` the
 * findings to send back (typically every open finding of the unit), `unitFile` the file
 * name the findings' cells refer to ("X03.xlsx").
 */
export async function buildReturnPacket(original: Uint8Array, findings: Finding[], unitFile: string): Promise<Buffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(original) as unknown as ArrayBuffer);

  // One highlight per cell, in the colour of its most serious finding; notes accumulate.
  const perCell = new Map<string, { sheet: string; cell: string; severity: Severity; messages: string[] }>();
  for (const f of findings) {
    for (const ref of f.cells) {
      const at = parseCellRef(ref, unitFile);
      if (!at || !wb.getWorksheet(at.sheet)) continue;
      const key = `${at.sheet}!${at.cell}`;
      const entry = perCell.get(key) ?? { ...at, severity: f.severity, messages: [] };
      if (RANK[f.severity] < RANK[entry.severity]) entry.severity = f.severity;
      const text = `${SEVERITY_VN[f.severity]} (${f.check}): ${f.message}`;
      if (!entry.messages.includes(text)) entry.messages.push(text);
      perCell.set(key, entry);
    }
  }
  for (const { sheet, cell: address, severity, messages } of perCell.values()) {
    const cell = (wb.getWorksheet(sheet) as NonNullable<ReturnType<Workbook['getWorksheet']>>).getCell(address);
    // Styles are shared between cells after loading: give this cell its own copy.
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_ARGB[severity] } },
    };
    const before = noteText(cell);
    cell.note = [before, ...messages].filter(Boolean).join('\n\n');
  }

  const ws = wb.addWorksheet(freeSheetName(wb, SHEET_FEEDBACK), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const head = ws.addRow(['STT', 'Mức độ', 'Mã kiểm tra', 'Ô liên quan', 'Nội dung', 'Trạng thái']);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  [6, 12, 20, 30, 100, 14].forEach((w, k) => (ws.getColumn(k + 1).width = w));
  ws.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  sorted.forEach((f, k) => {
    const cells = f.cells.map((r) => parseCellRef(r, unitFile)).map((a) => (a ? `${a.sheet}!${a.cell}` : ''));
    const status = f.status === 'open' ? 'Chưa xử lý' : f.status === 'explained' ? 'Đã giải trình' : 'Đã sửa';
    ws.addRow(
      [k + 1, SEVERITY_VN[f.severity], f.check, cells.filter(Boolean).join('; '), f.message, status].map((v) =>
        typeof v === 'string' ? safeText(v) : v,
      ),
    );
  });
  if (findings.length === 0) ws.addRow(['', '', '', '', 'Không có vấn đề nào cần đơn vị xem lại.', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
