import { isAbsolute } from 'node:path';
import * as z from 'zod';
import { isApiMethod, type ApiArg, type ApiMethod, type ApiReply, type AppApi } from '../../shared-api/app-api.js';
import { ApiError, describeIssues } from './errors.js';
import { SETTINGS_LABELS, settingsPatchSchema } from './settings.js';
import { fsErrorMessage, isFsError } from '../errors/index.js';

const noArg = z.undefined();
const periodCode = z.string().trim().min(1).max(50);
const folderPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => isAbsolute(p), { message: 'not absolute' });

/** The schema of each method's argument, checked before the engine sees it. */
export const ARG_SCHEMAS = {
  appInfo: noArg,
  listPeriods: noArg,
  getSettings: noArg,
  setSettings: settingsPatchSchema,
  chooseFolder: z
    .strictObject({ title: z.string().max(200).optional(), defaultPath: z.string().max(1000).optional() })
    .optional(),
  openPath: z.string().min(1).max(1000),
  trySample: z.strictObject({ period: periodCode, faults: z.boolean().optional() }),
  consolidateFolder: z.strictObject({ period: periodCode, folder: folderPath }),
  workspaceLocation: noArg,
  acknowledgeLocationNotice: noArg,
  workspaceLock: z.strictObject({ period: periodCode }),
  takeOverWorkspaceLock: z.strictObject({ period: periodCode, token: z.string().min(1).max(64) }),
} satisfies { [K in ApiMethod]: z.ZodType<ApiArg<K>, unknown> };

const ARG_LABELS: Readonly<Record<string, string>> = {
  ...SETTINGS_LABELS,
  '': 'dữ liệu gửi kèm',
  period: 'Kỳ báo cáo',
  faults: 'Lựa chọn "Có lỗi cố ý"',
  folder: 'Thư mục báo cáo',
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
