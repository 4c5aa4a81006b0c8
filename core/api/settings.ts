import { isAbsolute } from 'node:path';
import Conf from 'conf';
import * as z from 'zod';
import type {
  ReminderSettings,
  ReportDefaults,
  Settings,
  SettingsPatch,
  TeamMember,
} from '../../shared-api/app-api.js';
import { decodeUserText } from '../text/index.js';
import { ApiError, describeIssues } from './errors.js';

/** The settings of a fresh installation. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  report: Object.freeze({
    governingBody: 'UBND TỈNH LAI CHÂU',
    issuingBody: 'SỞ NỘI VỤ',
    place: 'Lai Châu',
    signerAuthority: 'KT. GIÁM ĐỐC',
    signerTitle: 'PHÓ GIÁM ĐỐC',
    signerName: '',
  }),
  inspectionTeam: Object.freeze([]) as unknown as TeamMember[],
  workspaceRoot: null,
  reminders: Object.freeze({ enabled: true, daysBefore: 7 }),
  currentPeriod: null,
  userName: '',
}) as Settings;

const line = (max: number) => z.string().trim().max(max);

const reportSchema = z.strictObject({
  governingBody: line(200),
  issuingBody: line(200),
  place: line(100),
  signerAuthority: line(100),
  signerTitle: line(100),
  signerName: line(100),
}) satisfies z.ZodType<ReportDefaults>;

/** The role of the first member when none is written (an older settings file held names only). */
const HEAD_ROLE = 'Trưởng đoàn';
const MEMBER_ROLE = 'Thành viên';

const memberSchema = z.union([
  z.strictObject({ name: z.string().max(100), role: z.string().max(100) }),
  // Older settings files kept names only.
  z.string().max(100),
]);

const teamSchema = z
  .array(memberSchema)
  .transform((list) =>
    list
      .map((m) => (typeof m === 'string' ? { name: m, role: '' } : m))
      .map((m) => ({ name: m.name.trim(), role: m.role.trim() }))
      .filter((m) => m.name.length > 0)
      .map((m, i): TeamMember => ({ name: m.name, role: m.role || (i === 0 ? HEAD_ROLE : MEMBER_ROLE) })),
  )
  .pipe(z.array(z.strictObject({ name: z.string(), role: z.string() })).max(30));

const folderSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => isAbsolute(p), { message: 'not absolute' });

const remindersSchema = z.strictObject({
  enabled: z.boolean(),
  daysBefore: z.number().int().min(1).max(60),
}) satisfies z.ZodType<ReminderSettings>;

const periodCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/);
const userNameSchema = line(100);

/** A complete, valid settings object. */
export const settingsSchema = z.strictObject({
  report: reportSchema,
  inspectionTeam: teamSchema,
  workspaceRoot: folderSchema.nullable(),
  reminders: remindersSchema,
  currentPeriod: periodCodeSchema.nullable(),
  userName: userNameSchema,
});

/** A change to the settings as received from the UI: only known fields, nothing else (no secrets). */
export const settingsPatchSchema = z.strictObject({
  report: reportSchema.partial().optional(),
  inspectionTeam: teamSchema.optional(),
  workspaceRoot: folderSchema.nullable().optional(),
  reminders: remindersSchema.partial().optional(),
  currentPeriod: periodCodeSchema.nullable().optional(),
  userName: userNameSchema.optional(),
}) satisfies z.ZodType<SettingsPatch, unknown>;

function pick<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * Read settings from whatever is on disk, keeping every valid field and falling back to
 * the default for anything missing, invalid or unknown (a hand-edited or older file never
 * stops the app from starting).
 */
export function readSettings(raw: unknown): Settings {
  const d = DEFAULT_SETTINGS;
  const rawReport = field(raw, 'report');
  const report = Object.fromEntries(
    (Object.keys(d.report) as (keyof ReportDefaults)[]).map((k) => [
      k,
      pick(reportSchema.shape[k], field(rawReport, k), d.report[k]),
    ]),
  ) as unknown as ReportDefaults;
  const rawReminders = field(raw, 'reminders');
  return {
    report,
    inspectionTeam: pick(teamSchema, field(raw, 'inspectionTeam'), [...d.inspectionTeam]),
    workspaceRoot: pick(folderSchema.nullable(), field(raw, 'workspaceRoot'), d.workspaceRoot),
    reminders: {
      enabled: pick(remindersSchema.shape.enabled, field(rawReminders, 'enabled'), d.reminders.enabled),
      daysBefore: pick(remindersSchema.shape.daysBefore, field(rawReminders, 'daysBefore'), d.reminders.daysBefore),
    },
    currentPeriod: pick(periodCodeSchema.nullable(), field(raw, 'currentPeriod'), d.currentPeriod),
    userName: pick(userNameSchema, field(raw, 'userName'), d.userName),
  };
}

/** Merge a validated patch into settings, group by group. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    report: { ...current.report, ...patch.report },
    inspectionTeam: patch.inspectionTeam ?? current.inspectionTeam,
    workspaceRoot: patch.workspaceRoot === undefined ? current.workspaceRoot : patch.workspaceRoot,
    reminders: { ...current.reminders, ...patch.reminders },
    currentPeriod: patch.currentPeriod === undefined ? current.currentPeriod : patch.currentPeriod,
    userName: patch.userName ?? current.userName,
  };
}

/** Persistent settings, kept as `settings.json` in the data folder. */
export interface SettingsStore {
  /** Absolute path of the settings file. */
  readonly path: string;
  get(): Settings;
  /** Validate and merge a patch, save, and return the settings now in force; throws {@link ApiError}. */
  update(patch: unknown): Settings;
}

/**
 * Open the settings of a data folder with `conf` (atomic writes, invalid JSON reset).
 * The same code runs in the desktop app (data folder = Electron's `userData`), the browser
 * test host and the tests; `electron-store` is not used because it only loads inside Electron.
 */
export function openSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'tong-hop-cchc',
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
    // A settings.json edited in Notepad may carry a BOM (or be UTF-16) and CRLF line ends.
    deserialize: (text) => JSON.parse(decodeUserText(Buffer.from(text, 'utf8'))) as Record<string, unknown>,
  });
  return {
    path: conf.path,
    get: () => readSettings(conf.store),
    update(patch) {
      const parsedPatch = settingsPatchSchema.safeParse(patch);
      if (!parsedPatch.success) {
        throw new ApiError(`Không lưu được cài đặt: ${describeIssues(parsedPatch.error.issues, SETTINGS_LABELS)}`);
      }
      const merged = settingsSchema.safeParse(mergeSettings(readSettings(conf.store), parsedPatch.data));
      if (!merged.success) {
        throw new ApiError(`Không lưu được cài đặt: ${describeIssues(merged.error.issues, SETTINGS_LABELS)}`);
      }
      conf.store = { ...merged.data };
      return readSettings(conf.store);
    },
  };
}

/** Vietnamese names of the settings fields, for messages. */
export const SETTINGS_LABELS: Readonly<Record<string, string>> = {
  report: 'Thể thức báo cáo',
  reminders: 'Nhắc hạn nộp báo cáo',
  'report.governingBody': 'Cơ quan chủ quản',
  'report.issuingBody': 'Cơ quan ban hành',
  'report.place': 'Địa danh',
  'report.signerAuthority': 'Thẩm quyền ký',
  'report.signerTitle': 'Chức vụ người ký',
  'report.signerName': 'Họ tên người ký',
  inspectionTeam: 'Thành viên đoàn kiểm tra',
  workspaceRoot: 'Thư mục làm việc mặc định',
  'reminders.enabled': 'Nhắc hạn nộp báo cáo',
  'reminders.daysBefore': 'Số ngày nhắc trước hạn',
  'inspectionTeam.name': 'Họ tên thành viên đoàn kiểm tra',
  'inspectionTeam.role': 'Chức danh trong đoàn kiểm tra',
  currentPeriod: 'Kỳ báo cáo đang mở',
  userName: 'Tên người sử dụng',
};
