/**
 * The data warnings as an internal document of the department ("tài liệu nội bộ"): every
 * finding not fixed, with the files and cells it is about and the explanation given. It is
 * staff work, not part of the report sent to the Ministry, so it is its own PDF.
 */
import type { Consolidation } from '../model/consolidation.js';
import type { Finding } from '../model/index.js';
import { formatNumber } from '../numbers/index.js';
import { formatDateVN } from '../period/index.js';
import {
  renderPdf,
  THIN_GRID,
  unbrokenNames,
  type Content,
  type TableCell,
  type TDocumentDefinitions,
} from '../pdf/index.js';
import { CONTENT_WIDTH, MARGIN, pageNumberHeader } from './document.js';
import { parseReportSettings, type ReportSettings } from './settings.js';

export interface RenderDataWarningsInput {
  consolidation: Consolidation;
  settings: ReportSettings;
  /** The day the list is printed (ISO yyyy-mm-dd); default today. */
  date?: string;
}

function head(text: string): TableCell {
  return { text, bold: true, alignment: 'center' };
}

const SEVERITY: Record<Finding['severity'], string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };

/** "Tệp X.xlsx, trang Số liệu: E61, E62" — the cells of a finding, each file and sheet named once. */
export function cellsByFile(refs: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const ref of refs) {
    const parts = ref.split('!');
    const cell = parts.pop() ?? '';
    const key =
      parts.length >= 2 ? `Tệp ${parts.slice(0, -1).join('!')}, trang ${parts[parts.length - 1]}` : parts.join('!');
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups].map(([where, cells]) => `${where}: ${cells.join(', ')}`).join('; ');
}

/** The findings the list shows: every one not fixed by a re-submission, errors first. */
export function listedWarnings(c: Consolidation): Finding[] {
  return c.findings.filter((f) => f.status !== 'fixed' && f.severity !== 'info');
}

/** Render the internal list of data warnings to PDF (A4, the report's margins and font). */
export async function renderDataWarnings(input: RenderDataWarningsInput): Promise<{ pdf: Buffer; pages: number }> {
  const c = input.consolidation;
  const s = parseReportSettings(input.settings);
  const date = input.date ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const list = listedWarnings(c);
  const name = (code?: string): string => c.units.find((u) => u.code === code)?.name ?? code ?? 'Toàn tỉnh';
  const files = [...new Set(list.flatMap((f) => [f.file ?? '', ...f.cells.map((r) => r.split('!')[0] ?? '')]))];
  const rows: TableCell[][] = list.map((f, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    { text: name(f.unit) },
    {
      stack: [
        { text: [{ text: `${SEVERITY[f.severity]}: `, bold: true }, ...(unbrokenNames(f.message, files) as object[])] },
        ...(f.cells.length
          ? [
              {
                text: unbrokenNames(cellsByFile(f.cells), files) as object[],
                fontSize: 9,
                italics: true,
                color: '#333333',
              },
            ]
          : []),
      ],
    } as TableCell,
    f.note ? { text: f.note } : { text: 'Chưa có giải trình', italics: true },
  ]);
  const content: Content[] = [
    {
      columns: [
        {
          width: 200,
          stack: [
            ...(s.governingBody ? [{ text: s.governingBody.toUpperCase(), fontSize: 12 }] : []),
            { text: s.issuingBody.toUpperCase(), fontSize: 12, bold: true },
          ],
          alignment: 'center',
        },
        { width: '*', text: 'TÀI LIỆU NỘI BỘ', bold: true, fontSize: 12, alignment: 'right' },
      ],
    },
    {
      text: 'DANH SÁCH CẢNH BÁO VỀ SỐ LIỆU CÁC ĐƠN VỊ BÁO CÁO',
      bold: true,
      fontSize: 14,
      alignment: 'center',
      margin: [0, 18, 0, 2],
    },
    {
      text:
        `Kỳ báo cáo: ${c.period.shortTitle} (mã kỳ ${c.period.code}); lập ngày ${formatDateVN(date)}. ` +
        'Dùng để theo dõi, xử lý số liệu; không gửi kèm báo cáo.',
      italics: true,
      fontSize: 12,
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    list.length
      ? {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [24, 86, '*', 96],
            body: [[head('STT'), head('Đơn vị'), head('Nội dung'), head('Giải trình')], ...rows],
          },
          layout: THIN_GRID,
          fontSize: 11,
        }
      : { text: 'Không có cảnh báo nào về số liệu chưa xử lý.', fontSize: 13, italics: true, alignment: 'center' },
  ];
  let pages = 0;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: {
      title: `Danh sách cảnh báo về số liệu — ${c.period.code}`,
      author: s.issuingBody,
      subject: 'Tài liệu nội bộ',
      creator: 'Tổng hợp CCHC',
    },
    defaultStyle: { fontSize: 12, lineHeight: 1 },
    header: (currentPage: number) => pageNumberHeader(currentPage),
    content: [{ stack: content, width: CONTENT_WIDTH } as Content],
  };
  const pdf = await renderPdf(doc, {
    onLayout: (p) => {
      pages = p.length;
    },
  });
  return { pdf, pages };
}
