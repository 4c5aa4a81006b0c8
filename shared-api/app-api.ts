/**
 * The one typed map of what the UI may ask of the app. The Electron preload, the IPC
 * binding in the main process, the engine implementation (`core/api`) and the browser
 * test host are all generated over this file, so they cannot drift apart.
 *
 * Every method takes at most one argument and every value crossing the boundary is plain
 * serialisable data (no class instances, no Maps, no functions).
 */

/** A level of local government: department (sở), district (huyện), commune (xã). */
export type TierCode = 'so' | 'huyen' | 'xa';

/** A tier with its Vietnamese label ("Cấp sở"). */
export interface TierInfo {
  tier: TierCode;
  label: string;
}

/** What the app is and which form and register it was built with. */
export interface AppInfo {
  /** "Tổng hợp CCHC". */
  productName: string;
  /** The app version ("0.1.0"). */
  version: string;
  /** Which shell is serving the API: the desktop app or the browser test host. */
  shell: 'desktop' | 'browser';
  /** The folder holding settings and app data. */
  dataDir: string;
  form: {
    formId: string;
    version: string;
    indicatorCount: number;
    ratioCount: number;
    ruleCount: number;
    targetCount: number;
  };
  /** The built-in register of reporting units, counted by tier. */
  units: {
    total: number;
    byTier: Array<TierInfo & { count: number }>;
  };
}

/** A reporting period, ready to show. */
export interface PeriodInfo {
  code: string;
  title: string;
  shortTitle: string;
  resolution: string;
  /** Data cut-off, ISO `yyyy-mm-dd`. */
  cutoff: string;
  /** Data cut-off as written in Vietnamese documents, `dd/mm/yyyy`. */
  cutoffLabel: string;
  /** Submission deadline, ISO `yyyy-mm-dd`. */
  deadline: string;
  deadlineLabel: string;
  /** The tiers of local government that exist in this period. */
  tiers: TierInfo[];
}

/** Defaults for the header and signature block of the consolidated report. */
export interface ReportDefaults {
  /** Governing body, upper left line ("UBND TỈNH LAI CHÂU"). */
  governingBody: string;
  /** Issuing body ("SỞ NỘI VỤ"). */
  issuingBody: string;
  /** Place in the date line ("Lai Châu"). */
  place: string;
  /** Authority line above the signer's title ("KT. GIÁM ĐỐC"); may be empty. */
  signerAuthority: string;
  /** Signer's title ("PHÓ GIÁM ĐỐC"). */
  signerTitle: string;
  /** Signer's full name. */
  signerName: string;
}

/** Deadline reminders shown by the app. */
export interface ReminderSettings {
  enabled: boolean;
  /** Remind this many days before a period's deadline (1–60). */
  daysBefore: number;
}

/**
 * The user's settings. Never holds secrets: no passwords, no keys, no certificates —
 * the signing key and its password are asked for each time and never stored.
 */
export interface Settings {
  report: ReportDefaults;
  /** Members of the inspection team, one full name each, in print order. */
  inspectionTeam: string[];
  /** Default folder under which workspaces are created, or null when not chosen yet. */
  workspaceRoot: string | null;
  reminders: ReminderSettings;
}

/** A change to the settings: nested groups are merged field by field. */
export interface SettingsPatch {
  report?: Partial<ReportDefaults>;
  inspectionTeam?: string[];
  workspaceRoot?: string | null;
  reminders?: Partial<ReminderSettings>;
}

/** Options of the folder picker. */
export interface ChooseFolderRequest {
  /** Dialog title, Vietnamese. */
  title?: string;
  /** Folder the dialog opens in. */
  defaultPath?: string;
}

/** The outcome of asking the system to open a file or folder. */
export type OpenPathResult = { ok: true } | { ok: false; message: string };

/**
 * Where a unit's return stands: the tracker's status, with reconciliation's errors folded in.
 * `rejected`: the unit sent files but every one was refused (never counted as `missing`).
 */
export type UnitStatusCode = 'missing' | 'received' | 'has-errors' | 'accepted' | 'duplicate' | 'rejected';

/** How a target of the resolution was judged. */
export type TargetStatusCode = 'dat' | 'vuot' | 'chua-dat' | 'thieu-so-lieu';

/** A reporting unit's line in the consolidation. */
export interface UnitView {
  code: string;
  name: string;
  tier: TierCode;
  /** "Cấp sở". */
  tierLabel: string;
  status: UnitStatusCode;
  /** "Hợp lệ", "Có lỗi", "Nhiều tệp, chưa chọn", "Đã gửi, tệp bị từ chối", "Chưa nộp", "Đã nhận". */
  statusLabel: string;
  /** For `rejected` and `duplicate`: why the unit has no figures (names the files). */
  statusDetail?: string;
  /** Name of the accepted file. */
  file?: string;
  /** When the first usable return was received (imported, or the date a person recorded), ISO. */
  receivedAt?: string;
  /** The same instant in Vietnam time, "dd/mm/yyyy hh:mm". */
  receivedLabel?: string;
  /** Sent after the deadline (or, with nothing sent, the deadline has passed). */
  late: boolean;
  /** Open errors of any kind against the unit. */
  openErrors: number;
}

/** A received file, with why it was not used when it was not. */
export interface FileView {
  name: string;
  status: 'imported' | 'rejected' | 'duplicate' | 'superseded';
  /** "Bị từ chối", "Trùng lặp", … */
  statusLabel: string;
  unit?: string;
  /** Vietnamese sentence naming the file and what is wrong. */
  message?: string;
}

/** A target of the resolution, ready to show. */
export interface TargetView {
  id: string;
  label: string;
  /** "37,25%", "xếp thứ 12", or "—" when there is no figure. */
  valueText: string;
  /** The resolution's threshold: "≥ 30%", "cấp sở ≥ 90%, cấp xã ≥ 70%", "trong nhóm 50 dẫn đầu". */
  thresholdText: string;
  status: TargetStatusCode;
  /** "Đạt", "Vượt", "Chưa đạt", "Thiếu số liệu". */
  statusLabel: string;
  /** For targets judged tier by tier: each tier's figure ("cấp sở 95,10%; cấp xã 68,20%"). */
  detailText?: string;
}

/** A province total of a key indicator. */
export interface KeyTotalView {
  code: string;
  label: string;
  /** "118", or "—" when no unit reported it. */
  valueText: string;
  /** "từ 39/40 đơn vị". */
  contributingText: string;
}

/** A finding of the import or the reconciliation. */
export interface FindingView {
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** "Lỗi", "Cảnh báo", "Thông tin". */
  severityLabel: string;
  /** Unit code, for findings against one unit. */
  unit?: string;
  message: string;
  status: 'open' | 'explained' | 'fixed';
  /** "Chưa xử lý", "Đã giải trình", "Đã sửa". */
  statusLabel: string;
}

/** The outcome of a consolidation, ready to show: every figure already formatted by the engine. */
export interface ConsolidationView {
  period: { code: string; title: string };
  /** The workspace folder holding the originals and the audit log. */
  workspaceDir: string;
  /** The folder the returns were read from. */
  sourceDir: string;
  /** Units by status. */
  counts: Record<UnitStatusCode, number> & { total: number };
  /** "40 đơn vị: 36 hợp lệ, 3 có lỗi, 1 chưa nộp". */
  summaryText: string;
  units: UnitView[];
  /** Files not used, with the reason (rejected, duplicate, superseded). */
  files: FileView[];
  targets: TargetView[];
  targetsMet: number;
  targetsTotal: number;
  /** "4/9 chỉ tiêu đạt và vượt". */
  targetsText: string;
  keyTotals: KeyTotalView[];
  /** Open ones first, errors first; at most {@link FINDINGS_SHOWN}. */
  findings: FindingView[];
  /** All findings, including those not listed. */
  findingsTotal: number;
  /** "3 lỗi và 5 cảnh báo chưa xử lý", with "; hiển thị 200/312 mục đầu" when not all are listed. */
  findingsText: string;
  openErrors: number;
  openWarnings: number;
}

/** How many findings a {@link ConsolidationView} lists at most. */
export const FINDINGS_SHOWN = 200;

/** Consolidate the built-in sample returns. */
export interface TrySampleRequest {
  /** Period code ("NQ08-SK2023"). */
  period: string;
  /** Add the sample's deliberate slips (four units). */
  faults?: boolean;
}

/** Consolidate a folder of returns into the period's workspace. */
export interface ConsolidateFolderRequest {
  period: string;
  /** Absolute path of the folder holding the returns. */
  folder: string;
}

/** Where workspaces are kept, and what the user should be told about that place. */
export interface WorkspaceLocationInfo {
  /** The folder under which each period gets its workspace folder. */
  root: string;
  /** `settings`: chosen by the user; `documents`: the default, `<Documents>/TongHopCCHC`. */
  source: 'settings' | 'documents';
  /** Documents as Windows names it (folder redirection and OneDrive included). */
  documentsDir: string;
  /** The sync client keeping `root` in sync, or null. */
  syncedBy: 'OneDrive' | null;
  /** A folder on this PC to offer instead (save it with `setSettings({ workspaceRoot })`), or null. */
  localAlternative: string | null;
  /** The Vietnamese notice to show once about a synced folder; null once acknowledged, or when not synced. */
  notice: string | null;
  /** A Vietnamese warning when the folder is so deep that its files would pass Windows' 260-character limit. */
  pathWarning: string | null;
}

/** Who keeps a period's workspace busy. Times are ISO instants with a Vietnamese label beside. */
export interface WorkspaceLockInfo {
  period: string;
  workspaceDir: string;
  /** Login name or the name recorded by the holder. */
  user: string;
  /** Computer name ("" for a lock written by an earlier version). */
  machine: string;
  since: string;
  sinceLabel: string;
  /** The holder's last sign of life. */
  lastActive: string;
  lastActiveLabel: string;
  /** Taken on this computer. */
  sameMachine: boolean;
  /**
   * Held by this very app (one of its own operations is running): not someone else. Asked
   * while an operation waits, a lock of another holder says who the app is waiting for.
   */
  heldByThisApp: boolean;
  /** No sign of life: the holder probably crashed; it may be taken over after confirmation. */
  stale: boolean;
  /** Pass back to `takeOverWorkspaceLock`, so only the lock the user saw is removed. */
  token: string;
  /** The Vietnamese sentence for the confirmation dialog. */
  message: string;
}

/** Take over a stale lock the user has confirmed. */
export interface TakeOverLockRequest {
  period: string;
  /** The `token` of the {@link WorkspaceLockInfo} shown to the user. */
  token: string;
}

/** The API the renderer sees as `window.tonghop`. */
export interface AppApi {
  /** Product, version, form and register facts for the home screen. */
  appInfo(): Promise<AppInfo>;
  /** The built-in reporting periods, oldest first. */
  listPeriods(): Promise<PeriodInfo[]>;
  /** The saved settings, with defaults for anything not saved yet. */
  getSettings(): Promise<Settings>;
  /** Merge a change into the settings, save it, and return the settings now in force. */
  setSettings(patch: SettingsPatch): Promise<Settings>;
  /** Ask the user for a folder with the desktop dialog; null when cancelled or unavailable. */
  chooseFolder(request?: ChooseFolderRequest): Promise<string | null>;
  /** Open a folder or a document (PDF, XLSX, …) with the system's default application. */
  openPath(path: string): Promise<OpenPathResult>;
  /**
   * Write the sample returns of a period (with deliberate slips when asked) into a fresh
   * folder under the data folder and consolidate them into a fresh workspace beside it.
   */
  trySample(request: TrySampleRequest): Promise<ConsolidationView>;
  /**
   * Consolidate a folder of returns into the period's workspace (under the settings'
   * workspace folder, or Documents/TongHopCCHC).
   */
  consolidateFolder(request: ConsolidateFolderRequest): Promise<ConsolidationView>;
  /** Where workspaces are kept; a synced (OneDrive) folder comes with a notice until acknowledged. */
  workspaceLocation(): Promise<WorkspaceLocationInfo>;
  /** The user has seen the notice about the current folder: `workspaceLocation` stops giving it. */
  acknowledgeLocationNotice(): Promise<WorkspaceLocationInfo>;
  /**
   * Who holds the lock of a period's workspace, or null when it is free. After an operation
   * failed because the folder is busy, this says whether the lock is stale (a PC that
   * crashed) and may be taken over.
   */
  workspaceLock(request: { period: string }): Promise<WorkspaceLockInfo | null>;
  /** Remove a stale lock after the user confirmed (recorded in the audit log); refuses a live one. */
  takeOverWorkspaceLock(request: TakeOverLockRequest): Promise<void>;
}

/** The name of an API method. */
export type ApiMethod = keyof AppApi;

/** The argument of an API method (undefined for methods without one). */
export type ApiArg<K extends ApiMethod> = Parameters<AppApi[K]>[0];

/** What an API method resolves to. */
export type ApiResult<K extends ApiMethod> = Awaited<ReturnType<AppApi[K]>>;

/**
 * Every method, once. `satisfies Record<ApiMethod, true>` makes the compiler reject a
 * method missing here or one that is not in {@link AppApi}.
 */
const METHOD_TABLE = {
  appInfo: true,
  listPeriods: true,
  getSettings: true,
  setSettings: true,
  chooseFolder: true,
  openPath: true,
  trySample: true,
  consolidateFolder: true,
  workspaceLocation: true,
  acknowledgeLocationNotice: true,
  workspaceLock: true,
  takeOverWorkspaceLock: true,
} as const satisfies Record<ApiMethod, true>;

/** The names of all API methods, in declaration order. Bindings are generated over this list. */
export const API_METHODS: readonly ApiMethod[] = Object.freeze(Object.keys(METHOD_TABLE) as ApiMethod[]);

/** Whether a value received from the other side names an API method. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHOD_TABLE, name);
}

/** The IPC channel of a method: `api:<name>`. */
export function apiChannel(method: ApiMethod): `api:${ApiMethod}` {
  return `api:${method}`;
}

/**
 * What travels back over a transport (IPC or HTTP): the value, or a Vietnamese message
 * for the user. Errors are values here so that no stack trace or "Error invoking remote
 * method" prefix ever reaches the screen.
 */
export type ApiReply<T = unknown> = { ok: true; value: T } | { ok: false; message: string };
