import { isAbsolute } from 'node:path';
import * as z from 'zod';
import { isApiMethod, type ApiArg, type ApiMethod, type ApiReply, type AppApi } from '../../shared-api/app-api.js';
import { ApiError, describeIssues } from './errors.js';
import { createPeriodSchema, PERIOD_LABELS } from './periods.js';
import { SETTINGS_LABELS, settingsPatchSchema } from './settings.js';
import { CHECK_ID } from './text-check.js';
import { fsErrorMessage, isFsError } from '../errors/index.js';

const noArg = z.undefined();
const periodCode = z.string().trim().min(1).max(50);
const folderPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => isAbsolute(p), { message: 'not absolute' });

const period = periodCode;
const periodRef = z.strictObject({ period });
const absPath = folderPath;
const tier = z.enum(['so', 'huyen', 'xa']);
const text = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const unitCode = z.string().trim().min(1).max(20);
const findingIdSchema = z.string().min(1).max(2000);
const fileKind = z.enum(['returns', 'register', 'p12', 'pdf', 'xlsx', 'image', 'draft', 'docx', 'list']);
const checkId = z.string().regex(CHECK_ID);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const team = z.array(z.strictObject({ name: text(100), role: text(100) })).max(30);
const blocks = z
  .array(
    z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('heading'),
        level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        text: text(2000),
      }),
      z.strictObject({ type: z.literal('paragraph'), text: text(20000), italics: z.boolean().optional() }),
      z.strictObject({ type: z.literal('targets-list'), targets: z.array(text(20)).max(50).optional() }),
    ]),
  )
  .max(500);
const reportSettings = z.strictObject({
  kind: z.enum(['state', 'party']),
  governingBody: text(200),
  issuingBody: text(200),
  number: text(100),
  place: text(100),
  date: isoDate,
  title: text(200),
  summary: text(1000),
  recipients: z.array(text(300)).max(40),
  authority: z.array(text(100)).max(5),
  signerName: text(100),
  signerTitle: text(100).optional(),
});

/** The schema of each method's argument, checked before the engine sees it. */
export const ARG_SCHEMAS = {
  appInfo: noArg,
  listPeriods: noArg,
  createPeriod: createPeriodSchema,
  openPeriod: periodRef,
  currentPeriod: noArg,
  startView: noArg,
  getRegister: periodRef,
  addUnit: z.strictObject({ period, code: text(40), name: text(300), tier, parent: text(40).optional() }),
  updateUnit: z.strictObject({ period, code: unitCode, name: text(300).optional(), active: z.boolean().optional() }),
  importRegister: z.strictObject({ period, path: absPath }),
  exportRegister: z.strictObject({ period, path: absPath }),
  getSettings: noArg,
  setSettings: settingsPatchSchema,
  chooseFolder: z
    .strictObject({ title: z.string().max(200).optional(), defaultPath: z.string().max(1000).optional() })
    .optional(),
  chooseFiles: z.strictObject({ title: text(200).optional(), kind: fileKind, multiple: z.boolean().optional() }),
  chooseSavePath: z.strictObject({ title: text(200).optional(), kind: fileKind, defaultName: text(200) }),
  openPath: z.string().min(1).max(1000),
  jobStatus: z.strictObject({ jobId: z.string().min(1).max(100) }),
  activeJobs: periodRef,
  startTemplates: z.strictObject({ period, folder: absPath, units: z.array(unitCode).max(5000).optional() }),
  stageFiles: z.strictObject({
    files: z
      .array(
        z.strictObject({ name: text(300).min(1), base64: z.string().max(90_000_000), modifiedAt: text(40).optional() }),
      )
      .min(1)
      .max(2000),
  }),
  startImport: z.strictObject({
    period,
    paths: z.array(absPath).max(5000).optional(),
    staged: z.array(z.string().max(40)).max(5000).optional(),
    fromPeriod: z.strictObject({ period, sha256: z.array(sha).max(5000) }).optional(),
    receivedDate: isoDate.optional(),
  }),
  compareFiles: z.strictObject({ period, unit: unitCode }),
  chooseFile: z.strictObject({ period, unit: unitCode, sha256: sha }),
  setReceivedDate: z.strictObject({
    period,
    sha256: sha,
    date: isoDate,
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    note: text(500).optional(),
  }),
  getBoard: periodRef,
  preparePeriod: periodRef,
  exportMissingList: z.strictObject({ period, path: absPath }),
  getFindings: periodRef,
  getFindingDetail: z.strictObject({ period, findingId: findingIdSchema }),
  explainFinding: z.strictObject({ period, findingId: findingIdSchema, note: text(2000) }),
  markFindingFixed: z.strictObject({ period, findingId: findingIdSchema, note: text(2000) }),
  reopenFinding: z.strictObject({ period, findingId: findingIdSchema }),
  correctValue: z.strictObject({
    period,
    unit: unitCode,
    code: text(40),
    valueText: text(100),
    note: text(2000),
    confirmedWith: text(300),
  }),
  openOriginal: z.strictObject({ period, sha256: sha }),
  startPackets: z.strictObject({ period, folder: absPath, units: z.array(unitCode).max(5000).optional() }),
  getNumbers: periodRef,
  getDrilldown: z.strictObject({ period, code: text(40), scope: z.enum(['so', 'huyen', 'xa', 'province']) }),
  getComparison: z.strictObject({ period, code: text(40), tier: tier.optional() }),
  setProvinceInput: z.strictObject({ period, key: text(40), valueText: text(100), note: text(1000) }),
  startWorkbook: z.strictObject({ period, path: absPath }),
  getReportDraft: periodRef,
  saveReport: z.strictObject({
    period,
    settings: reportSettings.optional(),
    blocks: blocks.optional(),
    resetText: z.boolean().optional(),
  }),
  startReportPreview: periodRef,
  startReportExport: z.strictObject({ period, path: absPath, format: z.enum(['pdf', 'docx']).optional() }),
  inspectCertificate: z.strictObject({ path: absPath, password: z.string().max(1000) }),
  startSign: z.strictObject({
    period,
    p12Path: absPath,
    password: z.string().max(1000),
    outPath: absPath,
    acceptGaps: z.boolean(),
  }),
  verifySignature: z.strictObject({ path: absPath }),
  startChecklists: z.strictObject({
    period,
    folder: absPath,
    selection: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({ kind: z.literal('tier'), tier }),
      z.strictObject({ kind: z.literal('problems') }),
      z.strictObject({ kind: z.literal('units'), units: z.array(unitCode).max(5000) }),
    ]),
    team,
    combined: z.boolean(),
    date: isoDate.optional(),
  }),
  getAudit: periodRef,
  startTextCheck: z.strictObject({
    period,
    staged: z.string().max(40).optional(),
    path: absPath.optional(),
    compare: z.boolean(),
  }),
  lastTextCheck: periodRef,
  exportTextCheck: z.strictObject({ period, id: checkId, path: absPath }),
  annotateDraft: z.strictObject({ period, id: checkId, path: absPath, withInfo: z.boolean().optional() }),
  workspaceLocation: noArg,
  acknowledgeLocationNotice: noArg,
  workspaceLock: periodRef,
  takeOverWorkspaceLock: z.strictObject({ period, token: z.string().min(1).max(64) }),
} satisfies { [K in ApiMethod]: z.ZodType<ApiArg<K>, unknown> };

const ARG_LABELS: Readonly<Record<string, string>> = {
  ...SETTINGS_LABELS,
  ...PERIOD_LABELS,
  '': 'dữ liệu gửi kèm',
  period: 'Kỳ báo cáo',
  folder: 'Thư mục',
  path: 'Đường dẫn tệp',
  name: 'Tên đơn vị',
  tier: 'Cấp',
  note: 'Nội dung ghi chú',
  password: 'Mật khẩu',
  valueText: 'Giá trị',
  receivedDate: 'Ngày nhận',
  date: 'Ngày',
  token: 'Mã khoá',
};

/**
 * The edge every transport (Electron IPC, the HTTP test host) goes through: check that
 * `method` names an API method and that `arg` has its shape, call the engine, and return
 * the result or a Vietnamese message as a value. Never throws.
 */
export async function dispatchApiCall(api: AppApi, method: unknown, arg: unknown): Promise<ApiReply> {
  if (!isApiMethod(method)) {
    return { ok: false, message: `Yêu cầu không hợp lệ: ứng dụng không có chức năng "${String(method)}".` };
  }
  const parsed = ARG_SCHEMAS[method].safeParse(arg);
  if (!parsed.success) {
    return {
      ok: false,
      message: `Yêu cầu "${method}" không hợp lệ: ${describeIssues(parsed.error.issues, ARG_LABELS)}`,
    };
  }
  try {
    const call = api[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(api, parsed.data) };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, message: e.message };
    if (isFsError(e)) return { ok: false, message: fsErrorMessage(e) };
    return { ok: false, message: `Đã xảy ra lỗi khi thực hiện "${method}": ${(e as Error).message ?? String(e)}` };
  }
}
