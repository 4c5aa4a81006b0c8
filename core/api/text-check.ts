/**
 * "Kiểm tra văn bản": a draft (dropped or chosen) read and checked by core/textcheck in the
 * engine's worker, optionally against the period's consolidated data, as a job with k/n
 * progress. Each check is kept in the app's data folder with the period (the draft's bytes
 * and the result), so the screen shows the last one again after a restart, and the list can
 * be exported (.xlsx, or .csv with a BOM) and a copy of a Word draft saved with a comment at
 * each finding — from the bytes that were checked, whatever happened to the file since.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import * as z from 'zod';
import type {
  AnnotateDraftRequest,
  ExportTextCheckRequest,
  JobOutcome,
  JobTicket,
  StartTextCheckRequest,
  TextCheckView,
  TableCellView,
  TextFindingKindCode,
  TextFindingView,
  WrittenFile,
} from '../../shared-api/app-api.js';
import { formatNumber } from '../numbers/index.js';
import type { TextCheckResult, TextFindingKind } from '../textcheck/index.js';
import { dateTimeVN } from './consolidation-view.js';
import { ApiError } from './errors.js';
import { readStaged } from './intake.js';
import type { JobProgress } from './jobs.js';
import type { PeriodState } from './session.js';

/**
 * The app's contract names the engine's kinds of finding — the same list, kept twice so that
 * shared-api imports nothing: this fails to compile when one gains a kind the other lacks.
 */
export type KindsAgree = [TextFindingKind] extends [TextFindingKindCode]
  ? [TextFindingKindCode] extends [TextFindingKind]
    ? true
    : never
  : never;
const kindsAgree: KindsAgree = true;
void kindsAgree;

/** Folder of the kept checks, under the app's data folder: one folder per period, one per check. */
const CHECKS = 'kiem-tra-van-ban';
/** Checks kept per period (the oldest are removed). */
const KEEP = 20;
/** Largest draft read (the reader's own limit for a .docx with pictures). */
export const MAX_DRAFT_BYTES = 100 * 1024 * 1024;
/** A check's id: base-36 time, then random hex (sorts by time). */
export const CHECK_ID = /^[0-9a-z]{6,12}-[0-9a-f]{8}$/;

const FORMAT_LABELS = {
  docx: 'Văn bản Word (.docx)',
  pdf: 'Tệp PDF',
  txt: 'Tệp văn bản (.txt)',
} as const;

/** What is kept of a check besides the draft's bytes. */
const keptSchema = z.object({
  id: z.string(),
  period: z.string(),
  fileName: z.string(),
  /** The file on disk it came from (a chosen file), never overwritten by the annotated copy. */
  sourcePath: z.string().nullable(),
  checkedAt: z.string(),
  comparedWith: z.string().nullable(),
  result: z.custom<TextCheckResult>((v) => typeof v === 'object' && v !== null && 'findings' in v),
});
type Kept = z.infer<typeof keptSchema>;

/** What the text check needs of the engine API around it. */
export interface TextCheckDeps {
  dataDir: string;
  /** The period's state (its consolidation), for `compare`. */
  state(period: string): Promise<PeriodState>;
  /** The period's code as the registry spells it (refuses an unknown one). */
  periodCode(period: string): string;
  startJob(
    kind: 'text-check',
    period: string,
    label: string,
    run: (progress: JobProgress) => Promise<JobOutcome>,
  ): JobTicket;
  /** A file to write: absolute, in an existing folder, with the extension. */
  outputFile(path: string, ext: string): string;
  /** Write a file whole or not at all (a file open in Excel or Word is waited out, then named). */
  writeOutput(path: string, bytes: Uint8Array, what: string): Promise<void>;
}

function periodDir(dataDir: string, period: string): string {
  return join(dataDir, CHECKS, period);
}

function keptDir(dataDir: string, period: string, id: string): string {
  if (!CHECK_ID.test(id)) throw new ApiError('Mã lần kiểm tra không hợp lệ.');
  return join(periodDir(dataDir, period), id);
}

function readKept(dataDir: string, period: string, id: string): { kept: Kept; bytes: () => Uint8Array } {
  const dir = keptDir(dataDir, period, id);
  const json = join(dir, 'ket-qua.json');
  if (!existsSync(json)) throw new ApiError('Không còn kết quả của lần kiểm tra này; hãy kiểm tra lại văn bản.');
  const kept = keptSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
  return { kept, bytes: () => new Uint8Array(readFileSync(join(dir, 'ban-goc'))) };
}

/** Offset of `sentence` in `text` around [start, end), or -1. */
function sentenceOffset(text: string, sentence: string, start: number, end: number): number {
  for (let at = text.indexOf(sentence); at >= 0; at = text.indexOf(sentence, at + 1)) {
    if (at <= start && at + sentence.length >= end) return at;
  }
  return -1;
}

/** For a finding in a footnote: the body's sentence its mark is in, and the mark's offset in it. */
function markedIn(
  r: TextCheckResult,
  paragraph: number,
  tc: typeof import('../textcheck/index.js'),
): Pick<TextFindingView, 'markedIn'> {
  const p = r.paragraphs[paragraph - 1];
  const mark = p?.where === 'footnote' ? p.mark : undefined;
  const body = mark && r.paragraphs[mark.paragraph - 1];
  if (!mark || !body) return {};
  const s = tc
    .sentences(body.text)
    .filter((x) => x.start < mark.at)
    .pop() ?? { start: 0, end: body.text.length };
  const end = Math.max(s.end, mark.at);
  return {
    markedIn: {
      whereLabel: tc.whereLabel(r, mark.paragraph),
      sentence: body.text.slice(s.start, end),
      at: mark.at - s.start,
    },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * For a finding in a Word table's cell: the table's heading rows (up to three, those above its
 * first row of figures) and the finding's row, rebuilt from the places the reader gave the cells'
 * paragraphs. A blank cell has no paragraph: each grid column no cell starts in or covers gets an
 * empty one, so that the rows line up.
 */
function tableRowOf(
  r: TextCheckResult,
  paragraph: number,
  tables: Pick<typeof import('../textcheck/index.js'), 'headingRows' | 'isColumnNumbers'>,
): { tableRow?: TextFindingView['tableRow'] } {
  const { headingRows, isColumnNumbers } = tables;
  const place = r.paragraphs[paragraph - 1]?.cell;
  if (!place) return {};
  const rows = new Map<number, Map<number, TableCellView>>();
  let width = place.column;
  for (const p of r.paragraphs) {
    const c = p.cell;
    if (c?.table !== place.table) continue;
    let cells = rows.get(c.row);
    if (!cells) rows.set(c.row, (cells = new Map()));
    const have = cells.get(c.column);
    if (have) have.text = `${have.text} ${p.text}`;
    else cells.set(c.column, { text: p.text, column: c.column, colSpan: c.colSpan ?? 1, rowSpan: c.rowSpan ?? 1 });
    width = Math.max(width, c.column + (c.colSpan ?? 1) - 1);
  }
  // The headings as the check read them (a row of column numbers is not shown), at most three.
  const cellsOf = (n: number): TableCellView[] => [...(rows.get(n)?.values() ?? [])];
  const head = headingRows(Array.from({ length: place.row - 1 }, (_, i) => cellsOf(i + 1)));
  const shown = Array.from({ length: head }, (_, i) => i + 1)
    .filter((n) => !isColumnNumbers(cellsOf(n)))
    .slice(0, 3);
  shown.push(place.row);
  // Lay the rows out: a cell merged down covers its columns in the shown rows below it.
  const covered = new Set<string>();
  const laid = shown.map((n, i) => {
    const out: TableCellView[] = [];
    for (let col = 1; col <= width;) {
      if (covered.has(`${i}:${col}`)) {
        col++;
        continue;
      }
      const c = rows.get(n)?.get(col);
      const colSpan = Math.max(1, Math.min(c?.colSpan ?? 1, width - col + 1));
      // Down only over the heading rows shown right under it (never over the finding's row).
      const below = shown.slice(i + 1, -1).filter((m, k) => m === n + k + 1).length;
      const rowSpan = Math.max(1, Math.min(c?.rowSpan ?? 1, below + 1));
      for (let d = 1; d < rowSpan; d++) for (let k = 0; k < colSpan; k++) covered.add(`${i + d}:${col + k}`);
      out.push({ text: c?.text ?? '', column: col, colSpan, rowSpan });
      col += colSpan;
    }
    return out;
  });
  return { tableRow: { head: laid.slice(0, -1), row: laid[laid.length - 1] as TableCellView[], column: place.column } };
}

/** The screen's view of a kept check: every label written here, nothing computed in the window. */
async function toView(k: Kept): Promise<TextCheckView> {
  const tc = await import('../textcheck/index.js');
  const { KIND_LABEL, SEVERITY_LABEL, whereLabel } = tc;
  const r = k.result;
  const findings: TextFindingView[] = r.findings.map((f, i) => {
    const text = r.paragraphs[f.paragraph - 1]?.text ?? '';
    return {
      n: i + 1,
      kind: f.kind,
      kindLabel: capitalize(KIND_LABEL[f.kind]),
      severity: f.severity,
      severityLabel: SEVERITY_LABEL[f.severity],
      paragraph: f.paragraph,
      whereLabel: whereLabel(r, f.paragraph),
      start: f.start,
      end: f.end,
      text: f.text,
      sentence: f.sentence,
      sentenceStart: sentenceOffset(text, f.sentence, f.start, f.end),
      stated: f.stated,
      computed: f.computed,
      suggestion: f.suggestion,
      message: f.message,
      ...(f.indicator ? { indicator: f.indicator } : {}),
      ...(f.original ? { original: f.original } : {}),
      ...tableRowOf(r, f.paragraph, tc),
      ...markedIn(r, f.paragraph, tc),
    };
  });
  const indexes = [...new Set(r.findings.map((f) => f.paragraph))];
  const c = r.counts;
  const counted = `${formatNumber(c.error)} lỗi, ${formatNumber(c.warning)} cảnh báo, ${formatNumber(c.info)} thông tin`;
  return {
    id: k.id,
    period: k.period,
    fileName: k.fileName,
    format: r.format,
    formatLabel: FORMAT_LABELS[r.format],
    checkedLabel: dateTimeVN(k.checkedAt),
    comparedWith: k.comparedWith,
    paragraphCount: r.paragraphs.length,
    counts: { ...c },
    summaryText:
      r.findings.length === 0
        ? `Tệp ${k.fileName} (${formatNumber(r.paragraphs.length)} đoạn): không thấy số liệu nào sai hoặc đáng ngờ.`
        : `Tệp ${k.fileName} (${formatNumber(r.paragraphs.length)} đoạn): ${counted}.`,
    notes: [...r.notes],
    findings,
    paragraphs: indexes.map((index) => ({ index, text: r.paragraphs[index - 1]?.text ?? '' })),
    canAnnotate: r.format === 'docx' && r.findings.length > 0,
  };
}

/** Keep at most {@link KEEP} checks of a period: the oldest go. */
function prune(dataDir: string, period: string): void {
  const dir = periodDir(dataDir, period);
  const ids = readdirSync(dir)
    .filter((n) => CHECK_ID.test(n))
    .sort();
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP)))
    rmSync(join(dir, id), { recursive: true, force: true });
}

/** "BaoCao.docx" → "BaoCao_nhan-xet.docx"; the name of the list "KiemTra_BaoCao.xlsx". */
export function textCheckFileNames(fileName: string): { annotated: string; list: string } {
  const stem = basename(fileName, extname(fileName)) || 'van-ban';
  return { annotated: `${stem}_nhan-xet.docx`, list: `KiemTra_${stem}.xlsx` };
}

/** The list's rows: the header and one row per finding. */
function listRows(view: TextCheckView): string[][] {
  return [
    ['STT', 'Mức độ', 'Loại kiểm tra', 'Vị trí', 'Đoạn trích', 'Ghi', 'Tính lại', 'Đề nghị sửa', 'Nội dung', 'Câu'],
    ...view.findings.map((f) => [
      String(f.n),
      f.severityLabel,
      f.kindLabel,
      f.whereLabel,
      f.text,
      f.stated ?? '',
      f.computed ?? '',
      f.suggestion ?? '',
      f.message,
      f.sentence,
    ]),
  ];
}

/** A CSV field: quoted when it holds the separator, a quote or a line end; formula starts neutralised. */
function csvField(text: string, safeText: (t: string) => string): string {
  const t = safeText(text);
  return /[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The engine side of the text check's API methods. */
export function textCheckApi(deps: TextCheckDeps) {
  const { dataDir } = deps;

  const startTextCheck = async (req: StartTextCheckRequest): Promise<JobTicket> => {
    const period = deps.periodCode(req.period);
    if ((req.staged === undefined) === (req.path === undefined))
      throw new ApiError('Hãy chọn hoặc kéo thả đúng một văn bản để kiểm tra.');
    let source: { name: string; bytes: Uint8Array; path: string | null };
    if (req.staged !== undefined) {
      const s = readStaged(dataDir, req.staged);
      source = { name: s.name, bytes: s.bytes, path: null };
    } else {
      const full = resolve(req.path as string);
      const name = basename(full);
      let size: number;
      try {
        const st = statSync(full);
        if (st.isDirectory()) throw new ApiError(`"${full}" là một thư mục, không phải văn bản.`);
        size = st.size;
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw new ApiError(`Không tìm thấy tệp ${full}.`);
      }
      if (size > MAX_DRAFT_BYTES) throw new ApiError(`Tệp ${name} quá lớn (trên 100 MB) nên không kiểm tra.`);
      source = { name, bytes: new Uint8Array(readFileSync(full)), path: full };
    }
    if (source.bytes.length > MAX_DRAFT_BYTES)
      throw new ApiError(`Tệp ${source.name} quá lớn (trên 100 MB) nên không kiểm tra.`);
    const state = req.compare ? await deps.state(period) : undefined;
    if (state && state.consolidation.reporting.province.reported === 0) {
      throw new ApiError(
        `Kỳ ${period} chưa có số liệu tổng hợp (chưa nhập báo cáo nào của đơn vị): hãy bỏ chọn "Đối chiếu với số liệu tổng hợp" hoặc nhập báo cáo trước.`,
      );
    }
    const name = source.name;
    return deps.startJob('text-check', period, `Đang kiểm tra văn bản ${name}…`, async (progress) => {
      const tc = await import('../textcheck/index.js');
      // Steps: each page of a PDF (one step for other files), the period's figures, the check.
      const extra = state ? 2 : 1;
      let pages = 1;
      progress(0, pages + extra, `Đang đọc tệp ${name}…`);
      let doc;
      try {
        doc = await tc.readDocument(source.bytes, {
          onPage: (done, total) => {
            pages = total;
            progress(
              done,
              total + extra,
              `Đang đọc tệp ${name}: trang ${formatNumber(done + 1)}/${formatNumber(total)}…`,
            );
          },
        });
      } catch (e) {
        if (e instanceof tc.TextReadError) throw new ApiError(`Tệp ${name}: ${e.message}`);
        throw new ApiError(`Không đọc được tệp ${name} (${(e as Error).message}).`);
      }
      const total = pages + extra;
      let comparedWith: string | null = null;
      let data;
      if (state) {
        progress(pages, total, `Đang lấy số liệu tổng hợp của kỳ ${period}…`);
        data = tc.factsFromConsolidation(state.consolidation);
        const rep = state.consolidation.reporting.province;
        comparedWith = `số liệu tổng hợp kỳ ${period} (${formatNumber(rep.reported)}/${formatNumber(rep.of)} đơn vị có số liệu)`;
      }
      progress(total - 1, total, `Đang kiểm tra ${formatNumber(doc.paragraphs.length)} đoạn của tệp ${name}…`);
      const result = tc.checkDocument(doc, data ? { data } : {});
      const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const kept: Kept = {
        id,
        period,
        fileName: name,
        sourcePath: source.path,
        checkedAt: new Date().toISOString(),
        comparedWith,
        result,
      };
      const dir = keptDir(dataDir, period, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'ban-goc'), source.bytes);
      writeFileSync(join(dir, 'ket-qua.json'), JSON.stringify(kept));
      prune(dataDir, period);
      progress(total, total, 'Đã kiểm tra xong.');
      return { kind: 'text-check', check: await toView(kept) };
    });
  };

  const lastTextCheck = async ({ period }: { period: string }): Promise<TextCheckView | null> => {
    const code = deps.periodCode(period);
    const dir = periodDir(dataDir, code);
    if (!existsSync(dir)) return null;
    const ids = readdirSync(dir)
      .filter((n) => CHECK_ID.test(n) && existsSync(join(dir, n, 'ket-qua.json')))
      .sort();
    const last = ids[ids.length - 1];
    if (!last) return null;
    try {
      return await toView(readKept(dataDir, code, last).kept);
    } catch {
      // A kept result that cannot be read is not worth an error on opening the screen.
      return null;
    }
  };

  const exportTextCheck = async (req: ExportTextCheckRequest): Promise<WrittenFile> => {
    const code = deps.periodCode(req.period);
    const ext = extname(req.path).toLowerCase() === '.csv' ? '.csv' : '.xlsx';
    const full = deps.outputFile(req.path, ext);
    const view = await toView(readKept(dataDir, code, req.id).kept);
    const rows = listRows(view);
    const { excelJs, HEADER_FILL, safeText } = await import('../export/excel.js');
    if (ext === '.csv') {
      // UTF-8 with a BOM (Excel reads the Vietnamese letters right), ";" between fields (the list
      // separator of Windows with Vietnamese regional settings, where "," is the decimal mark).
      const text = rows.map((r) => r.map((c) => csvField(c, safeText)).join(';')).join('\r\n');
      await deps.writeOutput(full, new TextEncoder().encode(`\uFEFF${text}\r\n`), 'danh sách kết quả kiểm tra');
    } else {
      const ExcelJS = await excelJs();
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Tổng hợp CCHC';
      const ws = wb.addWorksheet('Kiểm tra văn bản', { views: [{ state: 'frozen', ySplit: 4 }] });
      ws.columns = [
        { width: 6 },
        { width: 11 },
        { width: 22 },
        { width: 16 },
        { width: 36 },
        { width: 12 },
        { width: 12 },
        { width: 14 },
        { width: 60 },
        { width: 80 },
      ];
      ws.addRow([safeText(`Kiểm tra số liệu trong văn bản ${view.fileName}`)]).font = { bold: true, size: 13 };
      ws.addRow([
        safeText(
          `${view.summaryText} Kiểm tra lúc ${view.checkedLabel}` +
            (view.comparedWith ? `; đối chiếu với ${view.comparedWith}.` : '.'),
        ),
      ]);
      ws.addRow([]);
      const [head, ...body] = rows;
      const h = ws.addRow(head as string[]);
      h.font = { bold: true };
      h.eachCell((c) => (c.fill = HEADER_FILL));
      for (const r of body) {
        const row = ws.addRow([Number(r[0]), ...r.slice(1).map((c) => safeText(c))]);
        row.alignment = { vertical: 'top', wrapText: true };
      }
      ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: head!.length } };
      await deps.writeOutput(full, new Uint8Array(await wb.xlsx.writeBuffer()), 'danh sách kết quả kiểm tra');
    }
    return {
      path: full,
      message: `Đã ghi danh sách ${formatNumber(view.findings.length)} phát hiện của tệp ${view.fileName} vào tệp ${basename(full)}.`,
    };
  };

  const annotateDraft = async (req: AnnotateDraftRequest): Promise<WrittenFile> => {
    const code = deps.periodCode(req.period);
    const { kept, bytes } = readKept(dataDir, code, req.id);
    const name = kept.fileName;
    if (kept.result.format !== 'docx')
      throw new ApiError(
        `Chỉ gắn được nhận xét vào văn bản Word (.docx); tệp ${name} là ${FORMAT_LABELS[kept.result.format].toLowerCase()}.`,
      );
    if (kept.result.findings.length === 0)
      throw new ApiError(`Văn bản ${name} không có phát hiện nào để ghi nhận xét.`);
    const withInfo = req.withInfo === true;
    if (!withInfo && kept.result.counts.error + kept.result.counts.warning === 0)
      throw new ApiError(
        `Văn bản ${name} không có lỗi hay cảnh báo nào để ghi nhận xét; chọn “Kèm các số khớp” để ghi nhận xét ở các thông tin.`,
      );
    const full = deps.outputFile(req.path, '.docx');
    if (kept.sourcePath && resolve(kept.sourcePath) === full)
      throw new ApiError(
        `Không ghi đè lên văn bản gốc ${name}: hãy lưu bản có nhận xét dưới tên khác (ví dụ ${textCheckFileNames(name).annotated}).`,
      );
    const { annotateDocx } = await import('../textcheck/annotate.js');
    const a = await annotateDocx(bytes(), kept.result, { withInfo });
    const infos = withInfo ? 0 : kept.result.counts.info;
    await deps.writeOutput(full, a.docx, 'bản Word có nhận xét');
    return {
      path: full,
      message:
        `Đã ghi bản có nhận xét ${basename(full)} (${formatNumber(a.placed)} nhận xét ở các ${withInfo ? 'lỗi, cảnh báo và thông tin' : 'lỗi và cảnh báo'}` +
        (infos > 0 ? `; ${formatNumber(infos)} thông tin về số khớp không ghi` : '') +
        ')' +
        (a.skipped > 0
          ? `; ${formatNumber(a.skipped)} phát hiện không gắn được vào đúng chỗ (trong chú thích hoặc chữ Word lưu khác), xem danh sách trên màn hình.`
          : '.'),
    };
  };

  return { startTextCheck, lastTextCheck, exportTextCheck, annotateDraft };
}
