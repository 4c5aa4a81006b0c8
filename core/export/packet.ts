/**
 * The return packet (`tonghop packet DIR --unit CODE --out FILE`): a copy of the unit's own
 * workbook with every problem cell highlighted and a Vietnamese note explaining the finding,
 * a cover sheet `Đề nghị` saying what is wrong, by when to send the return again and to whom,
 * and a sheet `Phản hồi` listing all of the unit's findings — ready to email back. Every sheet
 * prints on A4, one page wide, with page numbers. Values are never changed. exceljs may drop
 * features it does not model (charts, some conditional formats); that is acceptable for a
 * packet, the figures survive.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { Severity } from '../form/index.js';
import type { Finding } from '../model/index.js';
import { formatNumber } from '../numbers/index.js';
import { withoutPlace } from '../reconcile/messages.js';
import { HEADER_FILL, excelJs, safeText } from './excel.js';

export const SHEET_FEEDBACK = 'Phản hồi';
export const SHEET_REQUEST = 'Đề nghị';

/** Highlight colours by severity: red for errors, yellow for warnings, light blue for information. */
export const SEVERITY_ARGB: Record<Severity, string> = {
  error: 'FFFF9999',
  warning: 'FFFFFF00',
  info: 'FFBDD7EE',
};
const SEVERITY_VN: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const FONT = 'Times New Roman';

/** Who and what the packet's cover speaks of. */
export interface PacketRequest {
  unit: { code: string; name: string };
  /** "Sơ kết 03 năm thực hiện Nghị quyết …" */
  periodTitle: string;
  /** Who asks ("SỞ NỘI VỤ"), and above it ("UBND TỈNH LAI CHÂU"). */
  issuer: { governingBody?: string; issuingBody: string };
  /** Send again by this day (ISO yyyy-mm-dd). */
  resendBy: string;
  /** Whom to send it to, or to ask ("Phòng Cải cách hành chính, điện thoại …, thư điện tử …"). */
  contact?: string;
  /** When the return was received (ISO instant). */
  receivedAt?: string;
}

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

/** "dd/mm/yyyy" of an ISO date or instant (instants in Vietnam time). */
function dateVN(iso: string): string {
  const d = iso.length > 10 ? new Date(Date.parse(iso) + 7 * 3600_000).toISOString() : iso;
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** Words that name a kind of body, written with a capital first letter ("Sở", "Văn phòng"). */
const BODY_KINDS = [
  'ủy ban nhân dân',
  'hội đồng nhân dân',
  'văn phòng',
  'thanh tra',
  'trung tâm',
  'chi cục',
  'sở',
  'bộ',
  'ban',
  'cục',
  'phòng',
];
/** Words before a place name: the word in lower case, the name after it capitalised ("tỉnh Lai Châu"). */
const PLACE_WORDS = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];

/**
 * A body's name as written in a sentence, from a name typed in capitals for a header, after
 * the capitalisation rules of Decree 30 (Phụ lục II): the kind of body and the first word of each
 * field it covers start with a capital, places are proper names — "SỞ NỘI VỤ" → "Sở Nội vụ",
 * "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Sở Tài nguyên và Môi trường", "UBND TỈNH LAI CHÂU" →
 * "UBND tỉnh Lai Châu". A name not all in capitals is kept as typed.
 */
export function nameInSentence(name: string): string {
  if (name !== name.toUpperCase()) return name;
  const words = name.toLowerCase().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  const startsWith = (i: number, phrase: string): boolean => {
    const p = phrase.split(' ');
    return p.every((w, k) => words[i + k] === w);
  };
  let i = 0;
  let segmentStart = true;
  let place = false;
  while (i < words.length) {
    const w = words[i] as string;
    if (/^(ubnd|hđnd)$/.test(w)) {
      out.push(w.toUpperCase());
      i++;
      segmentStart = true;
      continue;
    }
    const kind = !place && BODY_KINDS.find((k) => startsWith(i, k));
    if (kind) {
      const n = kind.split(' ').length;
      out.push(cap(w), ...words.slice(i + 1, i + n));
      i += n;
      segmentStart = true;
      continue;
    }
    // ("xã hội" is a field, not a commune.)
    const where = PLACE_WORDS.find((k) => startsWith(i, k) && !(k === 'xã' && words[i + 1] === 'hội'));
    if (where && !place) {
      const n = where.split(' ').length;
      out.push(...words.slice(i, i + n));
      i += n;
      place = true;
      continue;
    }
    if (w === 'và' || w === '-') {
      out.push(w);
      i++;
      segmentStart = true;
      continue;
    }
    const word = w.replace(/,$/, '');
    out.push(place || segmentStart ? cap(w) : w);
    segmentStart = word !== w;
    i++;
  }
  return out.join(' ');
}

/** A4, one page wide, the given rows repeated, "Trang x/y" in the footer. */
function printSetup(ws: Worksheet, landscape: boolean, titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  // A sheet of the unit's file may restart its page numbers at 1; the packet is numbered through.
  delete ws.pageSetup.firstPageNumber;
  ws.headerFooter = { oddFooter: `&C&9Trang &P/&N&R&8${ws.name.replace(/&/g, '&&')}` };
}

/** Height (points) of a row whose wrapped text of `size` points fills a column of `width` units. */
function rowHeight(text: string, width: number, size: number): number {
  const perLine = Math.max(1, Math.floor((width * 7) / (((size * 96) / 72) * 0.45)));
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
  return Math.max(15, lines * (size + 3));
}

/** The cover: what is wrong, by when to send the return again, to whom. */
function requestSheet(wb: Workbook, findings: Finding[], unitFile: string, req: PacketRequest): Worksheet {
  const ws = wb.addWorksheet(freeSheetName(wb, SHEET_REQUEST));
  ws.columns = [{ width: 5 }, { width: 16 }, { width: 74 }];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const counts = [
    errors > 0 ? `${formatNumber(errors)} lỗi phải sửa` : '',
    warnings > 0 ? `${formatNumber(warnings)} điểm cần kiểm tra lại hoặc giải trình` : '',
  ]
    .filter(Boolean)
    .join(' và ');
  const received = req.receivedAt ? `, nhận ngày ${dateVN(req.receivedAt)}` : '';
  const issuer = nameInSentence(req.issuer.issuingBody);
  const lines: { text: string; bold?: boolean; italic?: boolean; size?: number; center?: boolean }[] = [
    {
      text: [req.issuer.governingBody, req.issuer.issuingBody].filter(Boolean).join(' — ').toUpperCase(),
      bold: true,
      center: true,
    },
    { text: 'ĐỀ NGHỊ RÀ SOÁT, GỬI LẠI BÁO CÁO CẢI CÁCH HÀNH CHÍNH', bold: true, size: 14, center: true },
    { text: req.periodTitle, italic: true, center: true },
    { text: '' },
    { text: `Kính gửi: ${req.unit.name} (mã đơn vị ${req.unit.code}).`, bold: true },
    {
      text:
        findings.length > 0
          ? `Qua tổng hợp báo cáo của đơn vị (tệp ${unitFile}${received}), ${issuer} thấy có ${counts} ` +
            'trong số liệu. Các ô có vấn đề được tô màu (đỏ: lỗi; vàng: cần kiểm tra) và có ghi chú ngay tại ô; ' +
            `danh sách đầy đủ ở trang "${SHEET_FEEDBACK}", tóm tắt dưới đây.`
          : `Qua tổng hợp báo cáo của đơn vị (tệp ${unitFile}${received}), ${issuer} không thấy vấn đề nào cần đơn vị xem lại.`,
    },
    {
      text:
        `Đề nghị đơn vị sửa trực tiếp trên tệp này (không đổi tên trang, không chèn hoặc xóa dòng), giải trình ` +
        `những số liệu đúng nhưng khác thường vào cột "Ghi chú", lưu dưới dạng Excel (.xlsx) và gửi lại ` +
        `${issuer} trước hết ngày ${dateVN(req.resendBy)}.`,
      bold: true,
    },
    ...(req.contact ? [{ text: `Nơi nhận và liên hệ: ${req.contact}.` }] : []),
    { text: '' },
  ];
  lines.forEach((l, i) => {
    const row = ws.getRow(i + 1);
    const cell = row.getCell(1);
    cell.value = safeText(l.text);
    ws.mergeCells(i + 1, 1, i + 1, 3);
    cell.font = { name: FONT, size: l.size ?? 12, bold: l.bold ?? false, italic: l.italic ?? false };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: l.center ? 'center' : 'left' };
    row.height = l.text ? rowHeight(l.text, 95, l.size ?? 12) : 8;
  });
  if (findings.length > 0) {
    const head = ws.addRow(['STT', 'Ô', 'Vấn đề']);
    head.font = { name: FONT, bold: true, size: 11 };
    head.eachCell((c) => {
      c.fill = HEADER_FILL;
      c.alignment = { horizontal: 'center' };
    });
    findings.forEach((f, k) => {
      const cells = f.cells.map((r) => parseCellRef(r, unitFile)).flatMap((a) => (a ? [a.cell] : []));
      const text = `${SEVERITY_VN[f.severity]}: ${withoutPlace(f.message, req.unit, unitFile)}`;
      const row = ws.addRow([k + 1, safeText(cells.join(', ')), safeText(text)]);
      row.font = { name: FONT, size: 11 };
      row.alignment = { wrapText: true, vertical: 'top' };
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
      row.height = rowHeight(text, 74, 11);
    });
  }
  printSetup(ws, false);
  return ws;
}

/**
 * Notes as large as their text: exceljs gives every note the same small box (two columns by
 * four rows), which hides most of a long explanation. The note boxes of the written workbook
 * are widened and lengthened to fit their text.
 */
function fitNoteBoxes(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  let changed = false;
  for (const name of Object.keys(files)) {
    if (!/^xl\/drawings\/vmlDrawing\d+\.vml$/.test(name)) continue;
    const xml = strFromU8(files[name] as Uint8Array);
    const out = xml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
      const text = (/<v:textbox[\s\S]*?<\/v:textbox>/.exec(shape)?.[0] ?? '').replace(/<[^>]+>/g, '');
      const row = Number(/<x:Row>(\d+)<\/x:Row>/.exec(shape)?.[1] ?? 0);
      const col = Number(/<x:Column>(\d+)<\/x:Column>/.exec(shape)?.[1] ?? 0);
      // About 60 characters a line in a box four columns wide; rows of ~15 points.
      const lines = text.split(/\n|&#10;/).reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 60)), 0);
      const height = lines * 12 + 12;
      const rows = Math.ceil(height / 15) + 1;
      const anchor = [col + 1, 15, Math.max(0, row - 1), 2, col + 5, 15, Math.max(0, row - 1) + rows, 2];
      changed = true;
      return shape
        .replace(/<x:Anchor>[^<]*<\/x:Anchor>/, `<x:Anchor>${anchor.join(', ')}</x:Anchor>`)
        .replace(/width:[\d.]+pt/, 'width:330pt')
        .replace(/height:[\d.]+pt/, `height:${height}pt`);
    });
    files[name] = strToU8(out);
  }
  return changed ? zipSync(files, { level: 6 }) : bytes;
}

/**
 * Build the packet for one unit: `original` is its workbook as received, `findings` the
 * findings to send back (typically every open finding of the unit), `unitFile` the file
 * name the findings' cells refer to ("X03.xlsx"), `request` what the cover says.
 */
export async function buildReturnPacket(
  original: Uint8Array,
  findings: Finding[],
  unitFile: string,
  request?: PacketRequest,
): Promise<Buffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(original) as unknown as ArrayBuffer);
  // The most serious first; within a severity, in the order the unit reads its workbook
  // (sheet, then row, then column of the first cell), whatever order the findings came in.
  const sheetOrder = new Map(wb.worksheets.map((w, k) => [w.name, k] as const));
  const place = (f: Finding): [number, number, number] => {
    const at = f.cells.map((r) => parseCellRef(r, unitFile)).find((a) => a !== null);
    const m = at ? /^([A-Z]+)(\d+)$/.exec(at.cell) : null;
    if (!at || !m) return [Number.MAX_SAFE_INTEGER, 0, 0];
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [sheetOrder.get(at.sheet) ?? Number.MAX_SAFE_INTEGER - 1, Number(m[2]), col];
  };
  const sorted = findings
    .map((f, k) => ({ f, k, at: place(f) }))
    .sort(
      (a, b) =>
        RANK[a.f.severity] - RANK[b.f.severity] ||
        a.at[0] - b.at[0] ||
        a.at[1] - b.at[1] ||
        a.at[2] - b.at[2] ||
        a.k - b.k,
    )
    .map((x) => x.f);

  // One highlight per cell, in the colour of its most serious finding; notes accumulate.
  const perCell = new Map<string, { sheet: string; cell: string; severity: Severity; messages: string[] }>();
  for (const f of sorted) {
    for (const ref of f.cells) {
      const at = parseCellRef(ref, unitFile);
      if (!at || !wb.getWorksheet(at.sheet)) continue;
      const key = `${at.sheet}!${at.cell}`;
      const entry = perCell.get(key) ?? { ...at, severity: f.severity, messages: [] };
      if (RANK[f.severity] < RANK[entry.severity]) entry.severity = f.severity;
      const text = `${SEVERITY_VN[f.severity]}: ${f.message}`;
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
  const head = ws.addRow(['STT', 'Mức độ', 'Ô liên quan', 'Nội dung', 'Trạng thái']);
  head.font = { name: FONT, bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  const widths = [6, 10, 22, 78, 13];
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  sorted.forEach((f, k) => {
    const cells = f.cells.map((r) => parseCellRef(r, unitFile)).map((a) => (a ? `${a.sheet}!${a.cell}` : ''));
    const status = f.status === 'open' ? 'Chưa xử lý' : f.status === 'explained' ? 'Đã giải trình' : 'Đã sửa';
    const row = ws.addRow(
      [k + 1, SEVERITY_VN[f.severity], cells.filter(Boolean).join('; '), f.message, status].map((v) =>
        typeof v === 'string' ? safeText(v) : v,
      ),
    );
    row.font = { name: FONT, size: 10 };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    row.height = Math.max(
      rowHeight(f.message, widths[3] as number, 10),
      rowHeight(cells.join('; '), widths[2] as number, 10),
    );
  });
  if (findings.length === 0) ws.addRow(['', '', '', 'Không có vấn đề nào cần đơn vị xem lại.', '']);
  printSetup(ws, true, '1:1');

  // The unit's own sheets print on A4 one page wide, with page numbers (the file's setup is
  // kept where it had one; exceljs loses "as many pages tall as needed" on the way).
  for (const sheet of wb.worksheets) {
    // A hidden sheet that restarts its numbering restarts the sheets printed after it too.
    if (sheet.state !== 'visible') delete sheet.pageSetup.firstPageNumber;
    if (sheet === ws || sheet.state !== 'visible') continue;
    const titles = sheet.pageSetup?.printTitlesRow;
    printSetup(sheet, sheet.pageSetup?.orientation === 'landscape', titles);
  }

  if (request) {
    const cover = requestSheet(wb, sorted, unitFile, request);
    // The cover first, and open on it.
    const order = [cover, ...wb.worksheets.filter((s) => s !== cover)];
    order.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i));
    wb.views = [{ x: 0, y: 0, width: 20000, height: 15000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  }
  return Buffer.from(fitNoteBoxes(new Uint8Array(await wb.xlsx.writeBuffer())));
}
