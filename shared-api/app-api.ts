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
  /** Built into the app (cannot be edited) or created by the user. */
  builtIn: boolean;
  /** The period's workspace folder (it may not exist yet). */
  workspaceDir: string;
  /** Whether anything was ever stored for it (a register, a file). */
  started: boolean;
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
  /** Members of the inspection team with their role in it, head first, in print order. */
  inspectionTeam: TeamMember[];
  /** The period the app opens on, or null before one was chosen. */
  currentPeriod: string | null;
  /** The clerk's name, written in the audit log as who did each action ("" = the computer's user name). */
  userName: string;
  /** Default folder under which workspaces are created, or null when not chosen yet. */
  workspaceRoot: string | null;
  reminders: ReminderSettings;
}

/** A change to the settings: nested groups are merged field by field. */
export interface SettingsPatch {
  report?: Partial<ReportDefaults>;
  inspectionTeam?: TeamMember[];
  workspaceRoot?: string | null;
  reminders?: Partial<ReminderSettings>;
  currentPeriod?: string | null;
  userName?: string;
}

/** A member of the inspection team. */
export interface TeamMember {
  name: string;
  /** "Trưởng đoàn", "Thành viên", "Thư ký". */
  role: string;
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
  /** "4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá". */
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

/* ───────────────────────── Periods and the register ───────────────────────── */

/** A period the user creates. Its tiers follow the cut-off date (no district level from 1 July 2025). */
export interface CreatePeriodRequest {
  /** "NQ08-2026": letters, digits, "-" and "_". */
  code: string;
  title: string;
  /** A short title for lists; the title when absent. */
  shortTitle?: string;
  /** The resolution reviewed ("Nghị quyết số 08-NQ/TU"). */
  resolution: string;
  /** ISO `yyyy-mm-dd`. */
  cutoff: string;
  /** ISO `yyyy-mm-dd`. */
  deadline: string;
}

/** A period and what the app needs to show at the top of every screen. */
export interface PeriodOverview {
  period: PeriodInfo;
  /** Active units of the register in the period's tiers. */
  unitCount: number;
  /** Units with a usable file. */
  receivedCount: number;
  /** Units that sent anything: those with a usable file and those whose only files were refused. */
  sentCount: number;
  /**
   * The header's sentence about what came in, counted as the board counts it: "đã nhận 39/40 đơn vị"
   * when every file received was usable, "đã nhận 40/40 đơn vị, 39 có tệp dùng được" when some unit's
   * only files were refused.
   */
  receivedText: string;
  /** "Còn 3 ngày đến hạn nộp báo cáo (15/07/2023): 12 đơn vị chưa nộp." when a reminder is due, else null. */
  reminder: string | null;
  /** "Đã quá hạn nộp báo cáo (15/07/2023)…" or "Hạn nộp báo cáo: 15/07/2023 (còn 12 ngày)". */
  deadlineText: string;
}

/** What the window shows first: see {@link AppApi.startView}. */
export interface StartView {
  overview: PeriodOverview | null;
  periods: PeriodInfo[];
  board: BoardView | null;
}

/** A unit of a period's register. */
export interface RegisterUnitView {
  code: string;
  name: string;
  tier: TierCode;
  tierLabel: string;
  /** For a commune: the district it belonged to. */
  parent?: string;
  /** Deactivated units stay in the register (their files too) but are not expected to report. */
  active: boolean;
  /** "Đang theo dõi" / "Ngừng theo dõi" / "Cấp không còn trong kỳ này". */
  stateLabel: string;
  /** Whether the unit's tier exists in the period. */
  inPeriod: boolean;
}

/** A period's register of units. */
export interface RegisterView {
  period: string;
  /** Whether the register was edited for this period, or is the built-in default. */
  edited: boolean;
  units: RegisterUnitView[];
  /** "40 đơn vị đang theo dõi: cấp sở 21, cấp huyện 7, cấp xã 12". */
  summaryText: string;
}

export interface AddUnitRequest {
  period: string;
  code: string;
  name: string;
  tier: TierCode;
  parent?: string;
}

export interface UpdateUnitRequest {
  period: string;
  code: string;
  name?: string;
  active?: boolean;
}

/** A register read from an Excel file: how many units, and what was refused. */
export interface RegisterImportResult {
  register: RegisterView;
  /** "Đã nhập 38 đơn vị từ tệp DanhSach.xlsx." */
  message: string;
}

/* ───────────────────────── Files and dialogs ───────────────────────── */

/** Which kind of file a dialog offers. */
export type FileKind = 'returns' | 'register' | 'p12' | 'pdf' | 'xlsx' | 'image' | 'draft' | 'docx' | 'list';

export interface ChooseFilesRequest {
  title?: string;
  kind: FileKind;
  multiple?: boolean;
}

export interface ChooseSavePathRequest {
  title?: string;
  kind: FileKind;
  /** Suggested file name ("TongHop_NQ08-SK2023.xlsx"). */
  defaultName: string;
}

/** A path written by the engine. */
export interface WrittenFile {
  path: string;
  /** "Đã ghi tệp …". */
  message: string;
}

/* ───────────────────────── Long operations ───────────────────────── */

/** The long operations: each runs in the engine (off the window's thread) with determinate progress. */
export type JobKind =
  | 'templates'
  | 'import'
  | 'packets'
  | 'report-preview'
  | 'report-export'
  | 'sign'
  | 'checklists'
  | 'workbook'
  | 'text-check';

/** Answer to starting a long operation. */
export interface JobTicket {
  jobId: string;
}

/** Outcome of writing templates. */
export interface TemplatesOutcome {
  kind: 'templates';
  folder: string;
  files: number;
  /** Units left out, with the reason. */
  skipped: string[];
  message: string;
}

/** What happened to one file of an import. */
export interface ImportedFileView {
  name: string;
  /** Where it came from: a folder, an email ("thư của …"). */
  from?: string;
  status: 'imported' | 'rejected' | 'duplicate' | 'superseded' | 'same' | 'skipped';
  /** "Đã nhập", "Bị từ chối", "Nhiều tệp", "Đã thay", "Đã có", "Bỏ qua". */
  statusLabel: string;
  unit?: string;
  /** One Vietnamese sentence. */
  message: string;
  /** The file's own modified time ("dd/mm/yyyy hh:mm"), shown, never used for lateness. */
  modifiedLabel?: string;
  /** The received date used ("dd/mm/yyyy hh:mm"). */
  receivedLabel?: string;
}

/** Files that belong to another period. */
export interface OtherPeriodFiles {
  /** The period code written in the files. */
  code: string;
  /** The period's title when the app knows it. */
  title?: string;
  known: boolean;
  files: string[];
  /** SHA-256 of each, in the current period's workspace (to import them into the right one). */
  sha256: string[];
}

/** Outcome of an import. */
export interface ImportOutcome {
  kind: 'import';
  files: ImportedFileView[];
  /** "40 tệp: 36 đã nhập, 2 bị từ chối, 2 nhiều tệp cho một đơn vị". */
  summaryText: string;
  /** Set when nothing was found to import ("Thư mục … không có tệp nào."). */
  emptyMessage?: string;
  otherPeriods: OtherPeriodFiles[];
  /** Units with several different files waiting for a choice. */
  duplicateUnits: string[];
}

export interface PacketsOutcome {
  kind: 'packets';
  folder: string;
  files: string[];
  message: string;
}

export interface ReportPreviewOutcome {
  kind: 'report-preview';
  /** The PDF, base64. */
  pdfBase64: string;
  pages: number;
  /** Figures shown as gaps, one sentence each. */
  gaps: string[];
}

export interface ReportExportOutcome {
  kind: 'report-export';
  path: string;
  /** Pages of the PDF; null for a Word copy (Word lays out its own pages). */
  pages: number | null;
  gaps: string[];
  message: string;
}

export interface SignOutcome {
  kind: 'sign';
  path: string;
  signer: string;
  message: string;
  warnings: string[];
}

export interface ChecklistsOutcome {
  kind: 'checklists';
  folder: string;
  files: string[];
  /** The combined PDF, when asked for. */
  combined?: string;
  message: string;
}

export interface WorkbookOutcome {
  kind: 'workbook';
  path: string;
  message: string;
}

export type JobOutcome =
  | TextCheckOutcome
  | TemplatesOutcome
  | ImportOutcome
  | PacketsOutcome
  | ReportPreviewOutcome
  | ReportExportOutcome
  | SignOutcome
  | ChecklistsOutcome
  | WorkbookOutcome;

/** Where a long operation stands. */
export interface JobStatus {
  jobId: string;
  kind: JobKind;
  period: string;
  state: 'running' | 'done' | 'failed';
  /** Steps done and to do: files, units, pages… */
  done: number;
  total: number;
  /** "Đang nhập tệp 12/40: BC_CCHC_S05.xlsx". */
  label: string;
  /** When failed: one Vietnamese sentence. */
  message?: string;
  outcome?: JobOutcome;
}

/* ───────────────────────── Templates ───────────────────────── */

export interface StartTemplatesRequest {
  period: string;
  folder: string;
  /** Unit codes; every active unit when absent. */
  units?: string[];
}

/* ───────────────────────── Intake ───────────────────────── */

/** A dropped file handed over by content (the browser and a sandboxed window know no paths). */
export interface StagedFileInput {
  name: string;
  base64: string;
  /** The file's own modified time, ISO. */
  modifiedAt?: string;
}

export interface StagedFile {
  id: string;
  name: string;
  size: number;
}

export interface StartImportRequest {
  period: string;
  /** Files and folders on disk (a folder: every file directly in it). */
  paths?: string[];
  /** Files handed over with {@link AppApi.stageFiles}. */
  staged?: string[];
  /** Files already kept in another period's workspace, to import into this one. */
  fromPeriod?: { period: string; sha256: string[] };
  /** The date the files were received (ISO `yyyy-mm-dd`), when not today: the clerk's word. */
  receivedDate?: string;
}

/** Several different files of one unit, compared value by value. */
export interface FileComparison {
  period: string;
  unit: string;
  unitName: string;
  files: Array<{
    sha256: string;
    name: string;
    receivedLabel: string;
    modifiedLabel?: string;
    status: string;
    /** "3 lỗi, 1 cảnh báo". */
    findingsText: string;
    accepted: boolean;
  }>;
  /** Values that differ between the files (same values are left out). */
  rows: Array<{
    code: string;
    label: string;
    /** One text per file, "—" for blank. */
    values: string[];
    /** Cell of each value ("Số liệu!E12"). */
    cells: string[];
  }>;
  /** "Khác nhau 4/62 chỉ tiêu." */
  summaryText: string;
}

/** The date a unit's file was really received (its email, the official letter), set by the clerk. */
export interface SetReceivedDateRequest {
  period: string;
  /** The file (a row's `sha256`). */
  sha256: string;
  /** ISO `yyyy-mm-dd`, a day in Vietnam. */
  date: string;
  /** `hh:mm` in Vietnam; the start of the day when absent. */
  time?: string;
  /** Why (the email, the letter's number). */
  note?: string;
}

export interface ChooseFileRequest {
  period: string;
  unit: string;
  sha256: string;
}

/* ───────────────────────── Board (Theo dõi) ───────────────────────── */

export interface BoardRow {
  code: string;
  name: string;
  tier: TierCode;
  tierLabel: string;
  status: UnitStatusCode;
  statusLabel: string;
  late: boolean;
  /** "Đúng hạn", "Nộp muộn", "Quá hạn", "Chưa đến hạn"; a unit whose only files were refused: "Gửi đúng hạn", "Gửi muộn" (by the date it sent). */
  timelinessLabel: string;
  file?: string;
  sha256?: string;
  receivedAt?: string;
  receivedLabel?: string;
  /** The file's own modified time ("dd/mm/yyyy hh:mm"). */
  modifiedLabel?: string;
  openErrors: number;
  openWarnings: number;
  /** Why a refused file was refused (unit sent something unusable). */
  note?: string;
}

/** One bar group of the submission chart: units of a tier on time, late, missing. */
export interface SubmissionSeries {
  tier: TierCode;
  tierLabel: string;
  onTime: number;
  late: number;
  /** Units that sent only files that were refused. */
  rejected: number;
  /** Units that sent nothing. */
  missing: number;
  total: number;
  /** "95,24%" of units that sent something. */
  rateText: string;
}

export interface BoardView {
  period: string;
  rows: BoardRow[];
  /** Units per status, and the label of each status. */
  statuses: Array<{ status: UnitStatusCode; label: string; count: number }>;
  total: number;
  summaryText: string;
  chart: SubmissionSeries[];
  /** Text for a reminder email: one line per unit that has sent nothing. */
  missingListText: string;
  missingCount: number;
  /** Files not used, with the reason. */
  files: FileView[];
}

/* ───────────────────────── Findings (Đối chiếu) ───────────────────────── */

/** A finding with everything the list needs to filter it. */
export interface FindingRow extends FindingView {
  /** What was checked, in Vietnamese ("Tổng số kỷ luật bằng tổng các hình thức", "Ô bỏ trống"). */
  checkLabel: string;
  /** The kind of check, for the filter: a rule id's label group. */
  checkGroup: string;
  unitName?: string;
  tier?: TierCode;
  tierLabel?: string;
  /** "Toàn tỉnh", "Cấp xã", or the unit's name. */
  scopeLabel: string;
  note?: string;
  /** Can the clerk correct a value of this finding (a unit's own figure)? */
  correctable: boolean;
}

export interface FindingsView {
  period: string;
  findings: FindingRow[];
  /** Filters offered, with labels. */
  checks: Array<{ group: string; label: string; count: number }>;
  openErrors: number;
  openWarnings: number;
  summaryText: string;
}

/** One cell of a sheet, as shown around a value. */
export interface SheetCellView {
  ref: string;
  text: string;
  /** The cell the finding is about. */
  focus: boolean;
}

/** A value involved in a finding. */
export interface FindingValueView {
  code: string;
  label: string;
  /** "1.668", "—" when blank. */
  valueText: string;
  /** Set when the clerk corrected it: the value originally read. */
  correctedFrom?: string;
  file?: string;
  sha256?: string;
  sheet?: string;
  cell?: string;
  /** As typed in the cell. */
  raw?: string;
  /** The neighbouring cells of that sheet, row by row. */
  neighbours?: SheetCellView[][];
}

export interface FindingDetail {
  finding: FindingRow;
  values: FindingValueView[];
  /** Each step of the finding's history ("Giải trình của … lúc …"). */
  history: string[];
  /** Codes of the unit's figures the clerk may correct, with their current value text. */
  correctable: Array<{ code: string; label: string; valueText: string }>;
}

export interface ExplainRequest {
  period: string;
  findingId: string;
  note: string;
}

export interface FindingRef {
  period: string;
  findingId: string;
}

/** A value corrected after confirming it with the unit. */
export interface CorrectValueRequest {
  period: string;
  unit: string;
  code: string;
  /** As typed, Vietnamese notation ("1.668", "37,5"). */
  valueText: string;
  note: string;
  /** Who confirmed it with the unit ("Anh Lò Văn Minh, văn phòng UBND xã"). */
  confirmedWith: string;
}

export interface OpenOriginalRequest {
  period: string;
  sha256: string;
}

export interface StartPacketsRequest {
  period: string;
  folder: string;
  /** Unit codes; every unit with an open finding when absent. */
  units?: string[];
}

/* ───────────────────────── Numbers (Số liệu) ───────────────────────── */

export interface IndicatorRow {
  code: string;
  label: string;
  section: string;
  unit: string;
  /** Additive: totals and drill-down. */
  additive: boolean;
  provinceText: string;
  /** Per tier of the period. */
  tiers: Array<{ tier: TierCode; text: string; contributingText: string }>;
  contributingText: string;
}

export interface RatioRow {
  code: string;
  label: string;
  provinceText: string;
  tiers: Array<{ tier: TierCode; text: string }>;
  /** "Σ(TTHC08) / Σ(TTHC07) = 206.800 / 210.000". */
  formulaText: string;
  contributingText: string;
}

export interface TargetRow extends TargetView {
  /** Numbers for the chart: the achieved value and the threshold (percent or rank), null when missing. */
  value: number | null;
  threshold: number | null;
  /** "%" or "hạng". */
  unit: string;
  /** Entered by the department (MT3, MT5, MT8, MT9). */
  input: boolean;
}

export interface ProvinceInputView {
  key: string;
  label: string;
  valueText: string;
  note: string;
  byText: string;
}

/** What the department may enter itself. */
export interface InputKeyView {
  key: string;
  label: string;
  /** "hạng", "%", or the indicator's unit. */
  unit: string;
  kind: 'target' | 'held-total';
}

export interface NumbersView {
  period: string;
  tiers: TierInfo[];
  indicators: IndicatorRow[];
  ratios: RatioRow[];
  targets: TargetRow[];
  /** Each count as it is: "4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá". */
  targetsText: string;
  inputs: ProvinceInputView[];
  inputKeys: InputKeyView[];
  /** Short tag of the data: ties a printout to the exact data. */
  datasetCode: string;
}

export interface DrilldownRequest {
  period: string;
  code: string;
  /** 'province' or a tier. */
  scope: TierCode | 'province';
}

export interface DrilldownView {
  code: string;
  label: string;
  scopeLabel: string;
  totalText: string;
  contributingText: string;
  rows: Array<{
    unit: string;
    unitName: string;
    tierLabel: string;
    valueText: string;
    file?: string;
    sha256?: string;
    cellText?: string;
    /** "đã sửa từ 1.670" when corrected. */
    note?: string;
  }>;
  /** Units of the scope without a figure. */
  missing: string[];
}

export interface ComparisonRequest {
  period: string;
  code: string;
  /** Units of this tier; tier totals when absent. */
  tier?: TierCode;
}

export interface ComparisonView {
  code: string;
  label: string;
  unit: string;
  /** Bars: one per unit (or per tier), value null when missing. */
  bars: Array<{ key: string; label: string; value: number | null; valueText: string; outlier: boolean }>;
  /** "Trung vị 12; 2 đơn vị khác xa các đơn vị cùng cấp". */
  summaryText: string;
}

export interface SetInputRequest {
  period: string;
  key: string;
  /** Vietnamese notation, as typed. */
  valueText: string;
  note: string;
}

/* ───────────────────────── Report ───────────────────────── */

/** The report's document settings, as the form edits them. */
export interface ReportSettingsView {
  kind: 'state' | 'party';
  governingBody: string;
  issuingBody: string;
  number: string;
  place: string;
  /** ISO `yyyy-mm-dd`. */
  date: string;
  title: string;
  summary: string;
  recipients: string[];
  authority: string[];
  signerName: string;
  signerTitle?: string;
}

export type ReportBlockView =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; italics?: boolean }
  | { type: 'targets-list'; targets?: string[] };

export interface PlaceholderView {
  /** "{{KL01}}" */
  token: string;
  label: string;
  /** The value it prints now ("1.668"), or the gap text. */
  example: string;
  group: string;
}

export interface ReportDraft {
  period: string;
  settings: ReportSettingsView;
  blocks: ReportBlockView[];
  /** Whether the text is the default or the clerk's. */
  customText: boolean;
  placeholders: PlaceholderView[];
  /** Figures that will print as gaps. */
  gaps: string[];
  /** Open errors: the report cannot be signed while any is open. */
  openErrors: Array<{ id: string; message: string }>;
  /** A problem with the saved text or settings, one sentence, or null. */
  problem: string | null;
}

export interface SaveReportRequest {
  period: string;
  settings?: ReportSettingsView;
  blocks?: ReportBlockView[];
  /** Go back to the default text. */
  resetText?: boolean;
}

export interface SaveReportResult {
  ok: boolean;
  /** Why the text or settings could not be saved (the placeholder, the block). */
  message: string;
  draft: ReportDraft;
}

export interface ReportJobRequest {
  period: string;
}

export interface ReportExportRequest {
  period: string;
  path: string;
  /** `pdf` (the default): the report as it is signed; `docx`: a Word copy of the same text to edit. */
  format?: 'pdf' | 'docx';
}

/* ───────────────────────── Signing ───────────────────────── */

export interface CertificateRequest {
  path: string;
  password: string;
}

export interface CertificateView {
  commonName: string;
  subject: string;
  issuer: string;
  validFromLabel: string;
  validToLabel: string;
  /** Expired, not yet valid, no digital-signature key usage, name differs from the report's signer. */
  warnings: string[];
  /** The lines of the visible stamp as they will print. */
  stampLines: string[];
}

export interface SignRequest {
  period: string;
  p12Path: string;
  password: string;
  outPath: string;
  /** The clerk confirmed signing a report that shows gaps. */
  acceptGaps: boolean;
}

export interface VerifyView {
  path: string;
  /** "Chữ ký hợp lệ", "Chữ ký không hợp lệ", "Tệp chưa được ký". */
  verdict: string;
  ok: boolean;
  signed: boolean;
  signatures: Array<{
    signer: string;
    subject: string;
    timeLabel: string;
    intact: boolean;
    coversWhole: boolean;
    problems: string[];
  }>;
  /** Lines of the full check, as the command line prints them. */
  details: string[];
}

/* ───────────────────────── Checklists ───────────────────────── */

export interface StartChecklistsRequest {
  period: string;
  folder: string;
  /** 'all', a tier, those with problems, or chosen units. */
  selection:
    { kind: 'all' } | { kind: 'tier'; tier: TierCode } | { kind: 'problems' } | { kind: 'units'; units: string[] };
  team: TeamMember[];
  combined: boolean;
  /** Inspection date, ISO `yyyy-mm-dd`. */
  date?: string;
}

/* ───────────────────────── Audit ───────────────────────── */

export interface AuditRow {
  seq: number;
  atLabel: string;
  at: string;
  by: string;
  action: string;
  /** "Nhập tệp", "Giải trình", … */
  actionLabel: string;
  /** One sentence. */
  text: string;
  unit?: string;
}

export interface AuditView {
  period: string;
  rows: AuditRow[];
  actions: Array<{ action: string; label: string }>;
}

/* ───────────────────────── Text check (Kiểm tra văn bản) ───────────────────────── */

/** Check a draft (Word, PDF with a text layer, plain text) for figures that cannot be true. */
export interface StartTextCheckRequest {
  /** The open period: the check is kept with it, and its data is what `compare` uses. */
  period: string;
  /** A draft handed over with {@link AppApi.stageFiles} (dropped on the window)… */
  staged?: string;
  /** …or a draft on disk (chosen with the file dialog). */
  path?: string;
  /** Also compare the figures the text gives for the province with the period's consolidated data. */
  compare: boolean;
}

/** What a finding of the text check is about (see core/textcheck). */
export type TextFindingKindCode =
  | 'fraction-rate'
  | 'impossible-rate'
  | 'whole-parts'
  | 'shares'
  | 'change'
  | 'notation'
  | 'data'
  | 'table'
  | 'gap'
  | 'date';

/** A cell of a table shown with a text-check finding: its text, first grid column (1-based) and spans. */
export interface TableCellView {
  text: string;
  column: number;
  colSpan: number;
  rowSpan: number;
}

/** One finding of the text check, ready to show. */
export interface TextFindingView {
  /** 1-based place in the list (document order). */
  n: number;
  kind: TextFindingKindCode;
  /** "Tỷ lệ và phân số", "Tổng và các phần", "Cách viết số", … */
  kindLabel: string;
  severity: 'error' | 'warning' | 'info';
  /** "Lỗi", "Cảnh báo", "Thông tin". */
  severityLabel: string;
  /** 1-based paragraph of the document. */
  paragraph: number;
  /** "Đoạn 12", "Đoạn 40, trang 3, chú thích". */
  whereLabel: string;
  /** Offsets (UTF-16) of {@link text} in the paragraph's text. */
  start: number;
  end: number;
  /** The exact span, as written. */
  text: string;
  /** The sentence holding the span. */
  sentence: string;
  /** Offset of the sentence in the paragraph's text (-1 when it could not be placed). */
  sentenceStart: number;
  /** As written ("64,5%"), computed ("64,20%"), what to write instead ("64,2%"); null when there is none. */
  stated: string | null;
  computed: string | null;
  suggestion: string | null;
  /** One or two Vietnamese sentences. */
  message: string;
  /** Against the data: the indicator compared ("TT01"). */
  indicator?: string;
  /** Data compared with one unit's figure: the SHA-256 of that unit's kept return ("Mở báo cáo đơn vị gửi"). */
  original?: string;
  /**
   * A finding in a cell of a Word table: the table's heading rows (at most three) and the finding's
   * row, each the cells that start in it (merged ones with their spans; columns a merged cell
   * covers have none), and the finding's column (1-based).
   */
  tableRow?: { head: TableCellView[][]; row: TableCellView[]; column: number };
  /**
   * A finding in a footnote: the sentence of the body its mark is in ("Đoạn 12"), and the mark's
   * offset in that sentence — what the note is about.
   */
  markedIn?: { whereLabel: string; sentence: string; at: number };
}

/** The outcome of a text check: the findings, and the paragraphs they are in. */
export interface TextCheckView {
  /** Names this check for export and annotation. */
  id: string;
  period: string;
  fileName: string;
  format: 'docx' | 'pdf' | 'txt';
  /** "Văn bản Word (.docx)". */
  formatLabel: string;
  /** When it was checked, "dd/mm/yyyy hh:mm" (Vietnam time). */
  checkedLabel: string;
  /** "số liệu tổng hợp kỳ NQ08-SK2023 (38/40 đơn vị đã nộp)", or null when not compared. */
  comparedWith: string | null;
  paragraphCount: number;
  counts: { error: number; warning: number; info: number };
  /** "Tệp BaoCao.docx (42 đoạn): 2 lỗi, 1 cảnh báo, 0 thông tin." */
  summaryText: string;
  /** What the reader noticed about the file (encoding guessed, no text layer…). */
  notes: string[];
  findings: TextFindingView[];
  /** The text of every paragraph holding a finding, by its 1-based index. */
  paragraphs: Array<{ index: number; text: string }>;
  /** A copy with Word comments can be saved (a .docx draft with findings). */
  canAnnotate: boolean;
}

export interface TextCheckOutcome {
  kind: 'text-check';
  check: TextCheckView;
}

/** A kept text check of a period, named by its id. */
export interface TextCheckRef {
  period: string;
  id: string;
}

/** Write a kept check's findings to a file: `.xlsx`, or `.csv` (UTF-8 with a BOM, for Excel). */
export interface ExportTextCheckRequest extends TextCheckRef {
  path: string;
}

/**
 * Write a copy of a checked .docx with a Word comment at each error and warning — and at each
 * `info` ("khớp số liệu tổng hợp …") with `withInfo`.
 */
export interface AnnotateDraftRequest extends ExportTextCheckRequest {
  withInfo?: boolean;
}

/** A period named in a request. */
export interface PeriodRef {
  period: string;
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
  /** Product, version, form and register facts. */
  appInfo(): Promise<AppInfo>;
  /** The built-in and user-created periods, oldest cut-off first. */
  listPeriods(): Promise<PeriodInfo[]>;
  /** Create a period (its tiers follow the cut-off date). */
  createPeriod(request: CreatePeriodRequest): Promise<PeriodInfo>;
  /** Make a period the current one (kept in the settings) and describe it. */
  openPeriod(request: PeriodRef): Promise<PeriodOverview>;
  /** The current period's overview, or null when none was opened yet. */
  currentPeriod(): Promise<PeriodOverview | null>;
  /**
   * What the window shows first, in one answer (asked the moment the page starts): the current
   * period's overview and board (both null when none was opened yet) and the periods. Fails as
   * `currentPeriod` does (a locked workspace…); the window then asks again part by part.
   */
  startView(): Promise<StartView>;

  getRegister(request: PeriodRef): Promise<RegisterView>;
  addUnit(request: AddUnitRequest): Promise<RegisterView>;
  updateUnit(request: UpdateUnitRequest): Promise<RegisterView>;
  importRegister(request: PeriodRef & { path: string }): Promise<RegisterImportResult>;
  exportRegister(request: PeriodRef & { path: string }): Promise<WrittenFile>;

  getSettings(): Promise<Settings>;
  setSettings(patch: SettingsPatch): Promise<Settings>;
  chooseFolder(request?: ChooseFolderRequest): Promise<string | null>;
  chooseFiles(request: ChooseFilesRequest): Promise<string[]>;
  chooseSavePath(request: ChooseSavePathRequest): Promise<string | null>;
  openPath(path: string): Promise<OpenPathResult>;

  /** Where a long operation stands. */
  jobStatus(request: { jobId: string }): Promise<JobStatus>;
  /** Long operations of a period still running, and the last of each kind, so a screen finds them again. */
  activeJobs(request: PeriodRef): Promise<JobStatus[]>;

  startTemplates(request: StartTemplatesRequest): Promise<JobTicket>;

  /** Hand over dropped files by content; they wait in the data folder until imported. */
  stageFiles(request: { files: StagedFileInput[] }): Promise<StagedFile[]>;
  startImport(request: StartImportRequest): Promise<JobTicket>;
  compareFiles(request: PeriodRef & { unit: string }): Promise<FileComparison>;
  chooseFile(request: ChooseFileRequest): Promise<BoardView>;
  /** Record when a file was really received (audited); lateness follows it. */
  setReceivedDate(request: SetReceivedDateRequest): Promise<BoardView>;

  getBoard(request: PeriodRef): Promise<BoardView>;
  /**
   * Make the period's full consolidation ready (what Đối chiếu and Số liệu read) without
   * returning it: the window asks once its board shows, so that after a restart (the board then
   * comes from the saved file) those screens open without a reconciliation. Resolves when ready.
   */
  preparePeriod(request: PeriodRef): Promise<void>;
  exportMissingList(request: PeriodRef & { path: string }): Promise<WrittenFile>;

  getFindings(request: PeriodRef): Promise<FindingsView>;
  getFindingDetail(request: FindingRef): Promise<FindingDetail>;
  explainFinding(request: ExplainRequest): Promise<FindingDetail>;
  markFindingFixed(request: ExplainRequest): Promise<FindingDetail>;
  reopenFinding(request: FindingRef): Promise<FindingDetail>;
  correctValue(request: CorrectValueRequest): Promise<{ message: string }>;
  openOriginal(request: OpenOriginalRequest): Promise<OpenPathResult>;
  startPackets(request: StartPacketsRequest): Promise<JobTicket>;

  getNumbers(request: PeriodRef): Promise<NumbersView>;
  getDrilldown(request: DrilldownRequest): Promise<DrilldownView>;
  getComparison(request: ComparisonRequest): Promise<ComparisonView>;
  setProvinceInput(request: SetInputRequest): Promise<NumbersView>;
  startWorkbook(request: PeriodRef & { path: string }): Promise<JobTicket>;

  getReportDraft(request: PeriodRef): Promise<ReportDraft>;
  saveReport(request: SaveReportRequest): Promise<SaveReportResult>;
  startReportPreview(request: ReportJobRequest): Promise<JobTicket>;
  startReportExport(request: ReportExportRequest): Promise<JobTicket>;

  inspectCertificate(request: CertificateRequest): Promise<CertificateView>;
  startSign(request: SignRequest): Promise<JobTicket>;
  verifySignature(request: { path: string }): Promise<VerifyView>;

  startChecklists(request: StartChecklistsRequest): Promise<JobTicket>;

  getAudit(request: PeriodRef): Promise<AuditView>;

  /** Check a draft's figures (and, with `compare`, against the period's data); the outcome is kept with the period. */
  startTextCheck(request: StartTextCheckRequest): Promise<JobTicket>;
  /** The period's last text check (kept across restarts), or null when none was made. */
  lastTextCheck(request: PeriodRef): Promise<TextCheckView | null>;
  /** The findings of a kept check as an Excel workbook or a CSV file. */
  exportTextCheck(request: ExportTextCheckRequest): Promise<WrittenFile>;
  /** A copy of the checked .docx with a Word comment at each error and warning (and info, if asked). */
  annotateDraft(request: AnnotateDraftRequest): Promise<WrittenFile>;
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
  createPeriod: true,
  openPeriod: true,
  currentPeriod: true,
  startView: true,
  getRegister: true,
  addUnit: true,
  updateUnit: true,
  importRegister: true,
  exportRegister: true,
  getSettings: true,
  setSettings: true,
  chooseFolder: true,
  chooseFiles: true,
  chooseSavePath: true,
  openPath: true,
  jobStatus: true,
  activeJobs: true,
  startTemplates: true,
  stageFiles: true,
  startImport: true,
  compareFiles: true,
  chooseFile: true,
  setReceivedDate: true,
  getBoard: true,
  preparePeriod: true,
  exportMissingList: true,
  getFindings: true,
  getFindingDetail: true,
  explainFinding: true,
  markFindingFixed: true,
  reopenFinding: true,
  correctValue: true,
  openOriginal: true,
  startPackets: true,
  getNumbers: true,
  getDrilldown: true,
  getComparison: true,
  setProvinceInput: true,
  startWorkbook: true,
  getReportDraft: true,
  saveReport: true,
  startReportPreview: true,
  startReportExport: true,
  inspectCertificate: true,
  startSign: true,
  verifySignature: true,
  startChecklists: true,
  getAudit: true,
  startTextCheck: true,
  lastTextCheck: true,
  exportTextCheck: true,
  annotateDraft: true,
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
