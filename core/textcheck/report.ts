/**
 * How a text check is shown outside the engine: Vietnamese lines for the terminal, and the
 * JSON document of `tonghop check-text --json`.
 */
import type { CellPlace, Severity, TextCheckResult, TextFinding } from './types.js';

const LABEL: Record<Severity, string> = { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' };
/** Severities as a list or a screen names them. */
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Lỗi',
  warning: 'Cảnh báo',
  info: 'Thông tin',
};
/** What each kind of finding is about, lower case (to follow a severity: "LỖI (tỷ lệ và phân số)"). */
export const KIND_LABEL: Readonly<Record<TextFinding['kind'], string>> = {
  'fraction-rate': 'tỷ lệ và phân số',
  'impossible-rate': 'tỷ lệ không thể có',
  'whole-parts': 'tổng và các phần',
  shares: 'tỷ lệ của cùng một tập hợp',
  change: 'mức tăng, giảm',
  notation: 'cách viết số',
  data: 'đối chiếu số liệu tổng hợp',
  table: 'bảng số liệu',
  gap: 'chỗ thiếu số liệu',
  date: 'ngày tháng',
};

/** Where a paragraph is, for a reader: "Đoạn 12" (and the page of a PDF, the footnotes). */
export function whereLabel(result: TextCheckResult, paragraph: number): string {
  const p = result.paragraphs[paragraph - 1];
  const parts = [`Đoạn ${paragraph}`];
  if (p?.page !== undefined) parts.push(`trang ${p.page}`);
  if (p?.where === 'footnote') parts.push('chú thích');
  if (p?.cell) parts.push(`bảng ${p.cell.table}, dòng ${p.cell.row}, cột ${p.cell.column}`);
  else if (p?.where === 'table') parts.push('bảng');
  return parts.join(', ');
}

/** The findings as lines for the terminal, with a closing count. */
export function formatTextCheck(result: TextCheckResult, fileName: string): string {
  const out: string[] = [`Kiểm tra số liệu trong văn bản ${fileName} (${result.paragraphs.length} đoạn).`];
  for (const n of result.notes) out.push(`Lưu ý: ${n}`);
  for (const f of result.findings) {
    out.push('');
    out.push(`${whereLabel(result, f.paragraph)} — ${LABEL[f.severity]} (${KIND_LABEL[f.kind]}): ${f.message}`);
    out.push(`   «${f.text}»`);
    const facts = [
      f.stated !== null ? `Ghi: ${f.stated}` : '',
      f.computed !== null ? `Tính lại: ${f.computed}` : '',
      f.suggestion !== null ? `Đề nghị sửa: ${f.suggestion}` : '',
    ].filter(Boolean);
    if (facts.length > 0) out.push(`   ${facts.join(' · ')}`);
  }
  const c = result.counts;
  out.push('');
  out.push(
    result.findings.length === 0
      ? 'Không thấy số liệu nào sai hoặc đáng ngờ.'
      : `Kết quả: ${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} thông tin.`,
  );
  return `${out.join('\n')}\n`;
}

/** The `check-text --json` document. */
export interface TextCheckJson {
  file: string;
  format: TextCheckResult['format'];
  period?: string;
  paragraphs: number;
  counts: TextCheckResult['counts'];
  notes: string[];
  /** `page`: a PDF's; `cell`: where in a Word table (table, row, column; 1-based). */
  findings: (TextFinding & { page?: number; cell?: CellPlace })[];
}

export function textCheckJson(result: TextCheckResult, file: string, period?: string): TextCheckJson {
  return {
    file,
    format: result.format,
    ...(period ? { period } : {}),
    paragraphs: result.paragraphs.length,
    counts: result.counts,
    notes: result.notes,
    findings: result.findings.map((f) => {
      const p = result.paragraphs[f.paragraph - 1];
      return { ...f, ...(p?.page !== undefined ? { page: p.page } : {}), ...(p?.cell ? { cell: { ...p.cell } } : {}) };
    }),
  };
}
