/**
 * A period's register of units: the view, edits (add, rename, deactivate), and the register
 * as an Excel workbook both ways (communes were merged in 2025: the register changes between
 * periods). Edits are stored in the period's workspace with an audit entry.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { RegisterUnitView, RegisterView, TierCode } from '../../shared-api/app-api.js';
import { excelJs, HEADER_FILL, safeText } from '../export/excel.js';
import type { Form } from '../form/types.js';
import { foldLabel } from '../import/index.js';
import { formatNumber } from '../numbers/index.js';
import type { Period } from '../period/index.js';
import type { RegisterUnit } from '../workspace/index.js';
import { readWorkbook, XlsxError } from '../xlsx/index.js';
import { ApiError } from './errors.js';

const CODE = /^[A-Z0-9_-]{1,20}$/;

export function registerView(period: Period, form: Form, units: RegisterUnit[], edited: boolean): RegisterView {
  const rows: RegisterUnitView[] = units.map((u) => {
    const inPeriod = period.tiers.includes(u.tier);
    return {
      code: u.code,
      name: u.name,
      tier: u.tier,
      tierLabel: form.tiers[u.tier],
      ...(u.parent ? { parent: u.parent } : {}),
      active: u.active,
      inPeriod,
      stateLabel: !inPeriod ? 'Cấp không còn trong kỳ này' : u.active ? 'Đang theo dõi' : 'Ngừng theo dõi',
    };
  });
  const followed = rows.filter((r) => r.active && r.inPeriod);
  const parts = period.tiers.map(
    (t) => `${form.tiers[t].toLowerCase()} ${formatNumber(followed.filter((r) => r.tier === t).length)}`,
  );
  return {
    period: period.code,
    edited,
    units: rows,
    summaryText: `${formatNumber(followed.length)} đơn vị đang theo dõi: ${parts.join(', ')}`,
  };
}

/** Check and normalise a unit to add. */
export function newUnit(
  existing: RegisterUnit[],
  req: { code: string; name: string; tier: TierCode; parent?: string },
): RegisterUnit {
  const code = req.code.trim().toUpperCase();
  const name = req.name.trim();
  if (!CODE.test(code)) {
    throw new ApiError(`Mã đơn vị "${req.code}" không hợp lệ: chỉ gồm chữ không dấu, số, "-" và "_", tối đa 20 ký tự.`);
  }
  if (!name) throw new ApiError('Chưa nhập tên đơn vị.');
  if (existing.some((u) => u.code === code)) throw new ApiError(`Đã có đơn vị mã ${code} trong danh sách.`);
  const parent = req.parent?.trim().toUpperCase();
  return { code, name, tier: req.tier, ...(parent ? { parent } : {}), active: true };
}

const TIER_WORDS: Record<string, TierCode> = {
  so: 'so',
  'cap so': 'so',
  huyen: 'huyen',
  'cap huyen': 'huyen',
  xa: 'xa',
  'cap xa': 'xa',
};

const HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Thuộc đơn vị (mã)', 'Theo dõi'];

/** The register as a workbook: one row per unit, the columns {@link HEADERS}. */
export async function registerWorkbook(period: Period, form: Form, units: RegisterUnit[]): Promise<Buffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổng hợp CCHC';
  const ws = wb.addWorksheet('Danh sách đơn vị', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 14 }, { width: 48 }, { width: 12 }, { width: 18 }, { width: 12 }];
  ws.addRow([`DANH SÁCH ĐƠN VỊ BÁO CÁO — ${period.shortTitle} (${period.code})`]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const head = ws.addRow(HEADERS);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  for (const u of units) {
    ws.addRow([
      safeText(u.code),
      safeText(u.name),
      form.tiers[u.tier],
      safeText(u.parent ?? ''),
      u.active ? 'Có' : 'Không',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * Read a register workbook (the columns of {@link registerWorkbook}, found by their
 * headers on the first sheet that has them). Every problem is a Vietnamese sentence naming
 * the row; nothing is half-imported.
 */
export function readRegisterWorkbook(path: string): RegisterUnit[] {
  const name = basename(path);
  if (statSync(path).size > 5 * 1024 * 1024) throw new ApiError(`Tệp ${name} quá lớn để là danh sách đơn vị.`);
  let wb;
  try {
    wb = readWorkbook(new Uint8Array(readFileSync(path)));
  } catch (e) {
    const why =
      e instanceof XlsxError && e.code === 'XLS'
        ? 'tệp .xls cũ; hãy lưu lại dạng .xlsx'
        : 'không phải tệp Excel .xlsx đọc được';
    throw new ApiError(`Không đọc được danh sách đơn vị từ tệp ${name}: ${why}.`);
  }
  for (const sheet of wb.sheets) {
    for (const [r, cells] of sheet.rows) {
      const heads = new Map<string, number>();
      for (const [col, cell] of cells) heads.set(foldLabel(cellText(cell.value)), col);
      const codeCol = heads.get(foldLabel('Mã đơn vị'));
      const nameCol = heads.get(foldLabel('Tên đơn vị'));
      const tierCol = heads.get(foldLabel('Cấp'));
      if (codeCol === undefined || nameCol === undefined || tierCol === undefined) continue;
      const parentCol = heads.get(foldLabel('Thuộc đơn vị (mã)'));
      const activeCol = heads.get(foldLabel('Theo dõi'));
      const units: RegisterUnit[] = [];
      const rows = [...sheet.rows.keys()].filter((k) => k > r).sort((a, b) => a - b);
      for (const rr of rows) {
        const row = sheet.rows.get(rr)!;
        const get = (col: number | undefined) => (col === undefined ? '' : cellText(row.get(col)?.value));
        const code = get(codeCol).toUpperCase();
        const unitName = get(nameCol);
        if (!code && !unitName) continue;
        if (!CODE.test(code)) throw new ApiError(`Tệp ${name}, dòng ${rr}: mã đơn vị "${get(codeCol)}" không hợp lệ.`);
        if (!unitName) throw new ApiError(`Tệp ${name}, dòng ${rr}: đơn vị ${code} chưa có tên.`);
        const tier = TIER_WORDS[foldLabel(get(tierCol)).replace(/\s+/g, ' ')];
        if (!tier) {
          throw new ApiError(
            `Tệp ${name}, dòng ${rr}: cấp "${get(tierCol)}" không rõ; hãy ghi "Cấp sở", "Cấp huyện" hoặc "Cấp xã".`,
          );
        }
        if (units.some((u) => u.code === code))
          throw new ApiError(`Tệp ${name}, dòng ${rr}: mã đơn vị ${code} bị trùng.`);
        const followed = foldLabel(get(activeCol));
        const parent = get(parentCol).toUpperCase();
        units.push({
          code,
          name: unitName,
          tier,
          ...(parent ? { parent } : {}),
          active: !(followed === 'khong' || followed === 'ngung'),
        });
      }
      if (units.length === 0) throw new ApiError(`Tệp ${name} có dòng tiêu đề nhưng không có đơn vị nào.`);
      return units;
    }
  }
  throw new ApiError(`Tệp ${name} không có bảng danh sách đơn vị (cần các cột "Mã đơn vị", "Tên đơn vị", "Cấp").`);
}
