/** Read-only views of a workspace: the tracker (CLI `units[]`/`files[]`), the dataset for reconcile, the audit. */
import { join } from 'node:path';
import type { Form } from '../form/types.js';
import type { Dataset, FindingResolution, UnitIntake } from '../model/consolidation.js';
import type { CellValue, Finding, Provenance } from '../model/index.js';
import { isLate, type Period } from '../period/index.js';
import type { Tier } from '../form/types.js';
import type { Unit } from '../units/index.js';
import { AUDIT_FILE, readAuditFile } from './audit.js';
import type { AuditEntry, Manifest, Submission } from './schema.js';
import { readManifest, requireDerived, type Workspace } from './store.js';

export type UnitStatus = 'missing' | 'received' | 'has-errors' | 'accepted' | 'duplicate' | 'rejected';

/** A file a unit sent that was refused: what it was, when it came, and why. */
export interface RefusedFile {
  name: string;
  sha256: string;
  receivedAt: string;
  /** The full Vietnamese sentence naming the file and what is wrong. */
  message: string;
  /** A short phrase for documents ("tệp định dạng Excel 97-2003 (.xls)"). */
  reason: string;
}

export interface UnitTrack {
  code: string;
  name: string;
  tier: Tier;
  status: UnitStatus;
  /** When the unit's first usable return arrived. */
  receivedAt?: string;
  /**
   * For a `rejected` unit (only refused files): when its first file came. It did send then —
   * a broken file, no usable return — so its lateness is that date's, not today's.
   */
  sentAt?: string;
  /**
   * First usable return after the deadline; for a `rejected` unit, its first (refused) file
   * after the deadline ({@link sentAt}); for a unit that sent nothing, whether the deadline has passed.
   */
  late: boolean;
  /** Name of the accepted file. */
  file?: string;
  sha256?: string;
  /** Open (not explained) import errors / warnings of the accepted file. */
  errors: number;
  warnings: number;
  /** Files of the unit that were refused (for a `rejected` unit, why it has no figures). */
  refused?: RefusedFile[];
  /** For `rejected` and `duplicate`: why the unit has no figures, as one Vietnamese sentence. */
  message?: string;
}

export interface FileTrack {
  name: string;
  /** Absent for an entry that was never read (a subfolder, a file over the size limit…). */
  sha256?: string;
  unit?: string;
  status: 'imported' | 'rejected' | 'duplicate' | 'superseded';
  message?: string;
  receivedAt: string;
}

/** "dd/mm/yyyy" of an instant, in Vietnam time. */
function dayVN(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** Short phrases for why a file was refused, by refusal code (see `Submission.refusal`). */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  WRONG_PERIOD: 'tệp ghi kỳ báo cáo khác',
  NO_PERIOD: 'tệp không ghi kỳ báo cáo',
  NO_UNIT_CODE: 'tệp không ghi mã đơn vị',
  UNKNOWN_UNIT: 'tệp ghi mã đơn vị không có trong danh sách',
  IMPORT_XLS: 'tệp định dạng Excel 97-2003 (.xls)',
  IMPORT_PDF: 'tệp PDF thay cho biểu mẫu Excel',
  IMPORT_ODS: 'tệp OpenDocument (.ods) thay cho biểu mẫu Excel',
  IMPORT_ENCRYPTED: 'tệp bị đặt mật khẩu',
  IMPORT_EMPTY_FILE: 'tệp rỗng',
  IMPORT_FILE_TOO_LARGE: 'tệp quá lớn',
  IMPORT_TRUNCATED: 'tệp bị hỏng (tải về chưa hết)',
  IMPORT_OLE_OTHER: 'tệp không phải biểu mẫu Excel',
  IMPORT_NOT_XLSX: 'tệp không phải biểu mẫu Excel',
  IMPORT_NOT_WORKBOOK: 'tệp không phải biểu mẫu Excel',
  IMPORT_NO_HEADER: 'tệp không theo biểu mẫu',
  IMPORT_NO_UNIT_CODE: 'tệp không ghi mã đơn vị',
};

/** The short phrase for a refusal code ("tệp bị hỏng, không đọc được" when the code is not known). */
export function refusalReason(code: string | undefined): string {
  return (code && REFUSAL_REASONS[code]) || 'tệp bị hỏng, không đọc được';
}

/** Register codes named in a file name, as whole words ("BC_CCHC_S07_NQ08-SK2023.xls" → S07). */
function codesInName(name: string, known: ReadonlySet<string>): Set<string> {
  const stem = name.replace(/\.[^.]*$/, '');
  return new Set(
    stem
      .toUpperCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => known.has(w)),
  );
}

/**
 * The register unit a refused content belongs to: the unit its content names, when that
 * unit is in the register; else the one register code its file names hold; else none.
 */
function refusedOwner(s: Submission, known: ReadonlySet<string>): string | undefined {
  if (s.unit && known.has(s.unit)) return s.unit;
  const codes = new Set(s.names.flatMap((n) => [...codesInName(n, known)]));
  return codes.size === 1 ? [...codes][0] : undefined;
}

/** A content that can never count for the register: refused on import, or naming an unknown unit. */
function isRefused(s: Submission, known: ReadonlySet<string>): boolean {
  return s.invalid || !s.unit || !known.has(s.unit);
}

function refusedFile(s: Submission, known: ReadonlySet<string>): RefusedFile {
  const unknownUnit = !s.invalid && s.unit !== undefined && !known.has(s.unit);
  return {
    name: s.names[0]!,
    sha256: s.sha256,
    receivedAt: s.receivedAt,
    message: unknownUnit ? unknownUnitMessage(s) : (s.message ?? `Tệp ${s.names[0]} không đọc được như một báo cáo.`),
    reason: refusalReason(unknownUnit ? 'UNKNOWN_UNIT' : s.refusal),
  };
}

function unknownUnitMessage(s: Submission): string {
  return `Tệp ${s.names[0]} ghi mã đơn vị ${s.unit}, không có trong danh sách đơn vị.`;
}

/**
 * Where each register unit's return stands, from the manifest alone: with a usable return,
 * several waiting for a choice, only refused files (with why), or nothing received.
 */
function intakeOf(m: Manifest, units: Unit[]): Map<string, { intake: UnitIntake; refused: RefusedFile[] }> {
  const known = new Set(units.map((u) => u.code.toUpperCase()));
  const refusedBy = new Map<string, RefusedFile[]>();
  for (const s of m.submissions) {
    if (!isRefused(s, known)) continue;
    const owner = refusedOwner(s, known);
    if (owner) refusedBy.set(owner, [...(refusedBy.get(owner) ?? []), refusedFile(s, known)]);
  }
  const bySha = new Map(m.submissions.map((s) => [s.sha256, s]));
  const out = new Map<string, { intake: UnitIntake; refused: RefusedFile[] }>();
  for (const u of units) {
    const code = u.code.toUpperCase();
    const state = m.units[code];
    const refused = refusedBy.get(code) ?? [];
    let intake: UnitIntake;
    if (state && state.duplicates.length > 0) {
      intake = { status: 'duplicate', files: state.duplicates.map((d) => bySha.get(d)?.names[0] ?? d) };
    } else if (state?.accepted) {
      intake = { status: 'accepted' };
    } else if (refused.length > 0) {
      intake = {
        status: 'rejected',
        refused: refused.map((r) => ({ file: r.name, reason: r.reason, message: r.message })),
      };
    } else {
      intake = { status: 'missing' };
    }
    out.set(code, { intake, refused });
  }
  return out;
}

function openCount(s: Submission, m: Manifest, severity: 'error' | 'warning'): number {
  return s.findings.filter((f) => f.severity === severity && !m.resolutions[f.id]).length;
}

/**
 * Per unit of the register: status, when received, late or not, the accepted file and its
 * open import errors, the files it sent that were refused; per file name: status and, when
 * not imported, why. A unit whose only files were refused is `rejected`, never `missing`: a
 * refused file belongs to the unit its content names (when in the register), or else to the
 * one register code its file name holds. A return whose unit code is not in `units` is
 * `rejected`. The workspace itself never reports `received` (the UI's state while an import runs).
 */
export function tracker(
  ws: Workspace,
  units: Unit[],
  period: Period,
  opts: { now?: Date } = {},
): { units: UnitTrack[]; files: FileTrack[] } {
  const m = readManifest(ws.dir);
  const known = new Set(units.map((u) => u.code.toUpperCase()));
  const bySha = new Map(m.submissions.map((s) => [s.sha256, s]));
  const now = (opts.now ?? new Date()).toISOString();
  const intake = intakeOf(m, units);

  const unitTracks = units.map((u): UnitTrack => {
    const code = u.code.toUpperCase();
    const state = m.units[code];
    const valid = m.submissions.filter((s) => s.unit === code && !s.invalid);
    const first = valid.map((s) => s.receivedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    const t: UnitTrack = {
      code: u.code,
      name: u.name,
      tier: u.tier,
      status: 'missing',
      late: false,
      errors: 0,
      warnings: 0,
    };
    if (first) t.receivedAt = first;
    t.late = isLate(period, first ?? now);
    const { intake: status, refused } = intake.get(code)!;
    if (refused.length > 0) t.refused = refused;
    const accepted = state?.accepted ? bySha.get(state.accepted) : undefined;
    if (status.status === 'duplicate') {
      t.status = 'duplicate';
      t.message = `Đơn vị gửi ${status.files!.length} tệp khác nhau (${status.files!.join(', ')}); cần chọn tệp sử dụng.`;
    } else if (accepted) {
      t.file = accepted.names[0];
      t.sha256 = accepted.sha256;
      t.errors = openCount(accepted, m, 'error');
      t.warnings = openCount(accepted, m, 'warning');
      t.status = t.errors > 0 ? 'has-errors' : 'accepted';
    } else if (status.status === 'rejected') {
      t.status = 'rejected';
      t.message = refused.map((r) => r.message).join(' ');
      // It sent on that date (a file that was refused): on time or late by that date, never
      // "quá hạn" from today's date when it sent before the deadline.
      const sent = refused.map((r) => r.receivedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
      if (!first && sent) {
        t.sentAt = sent;
        t.late = isLate(period, sent);
      }
    }
    return t;
  });

  const files: FileTrack[] = [];
  const sorted = [...m.submissions].sort(
    (a, b) => a.batch - b.batch || Date.parse(a.receivedAt) - Date.parse(b.receivedAt),
  );
  for (const s of sorted) {
    let status: FileTrack['status'] = s.status;
    let message = s.message;
    const owner = (isRefused(s, known) ? refusedOwner(s, known) : undefined) ?? s.unit;
    if (!s.invalid && s.unit && !known.has(s.unit)) {
      status = 'rejected';
      message = unknownUnitMessage(s);
    } else if (s.status === 'duplicate') {
      const others = m.units[s.unit!]?.duplicates.map((d) => bySha.get(d)?.names[0] ?? d) ?? [];
      message = `Đơn vị ${s.unit} có ${others.length} tệp khác nhau (${others.join(', ')}); cần chọn một tệp.`;
    } else if (s.status === 'superseded') {
      const acc = m.units[s.unit!]?.accepted;
      const by = acc ? bySha.get(acc) : undefined;
      message = by
        ? `Đã được thay bằng tệp ${by.names[0]} nhận ngày ${dayVN(by.receivedAt)}.`
        : `Đã được thay bằng tệp nộp sau của đơn vị ${s.unit}.`;
    }
    s.names.forEach((name, i) => {
      const f: FileTrack = { name, sha256: s.sha256, status, receivedAt: s.receivedAt };
      if (owner) f.unit = owner;
      if (i > 0 && status !== 'rejected') {
        f.status = 'duplicate';
        f.message = `Tệp ${name} có nội dung giống hệt tệp ${s.names[0]}; chỉ ghi nhận một lần.`;
      } else if (message) f.message = message;
      files.push(f);
    });
  }
  return { units: unitTracks, files };
}

/**
 * Ids of import findings of contents that were once accepted and have been replaced, and
 * that the accepted content no longer raises: "fixed by re-submission".
 */
export function fixedFindingIds(ws: Workspace): Record<string, { unit: string; file: string; at: string }> {
  const m = readManifest(ws.dir);
  const bySha = new Map(m.submissions.map((s) => [s.sha256, s]));
  const out: Record<string, { unit: string; file: string; at: string }> = {};
  for (const sup of m.supersessions) {
    const acc = m.units[sup.unit]?.accepted;
    if (!acc || acc === sup.from) continue;
    const still = new Set(bySha.get(acc)?.findings.map((f) => f.id));
    const to = bySha.get(acc)!;
    for (const f of bySha.get(sup.from)?.findings ?? []) {
      if (!still.has(f.id)) out[f.id] = { unit: sup.unit, file: to.names[0]!, at: to.receivedAt };
    }
  }
  return out;
}

function acceptedValues(ws: Workspace, m: Manifest, known: Set<string>): Record<string, Record<string, CellValue>> {
  const values: Record<string, Record<string, CellValue>> = {};
  for (const [unit, state] of Object.entries(m.units).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!known.has(unit) || !state.accepted || state.duplicates.length > 0) continue;
    values[unit] = requireDerived(ws, state.accepted).values;
  }
  return values;
}

/**
 * What reconcile needs: the accepted values of every register unit (duplicates and unknown
 * units left out), the import findings of those files, province inputs, and resolutions —
 * user explanations plus `fixed` for findings that a re-submission removed. With `previous`,
 * the accepted values of an earlier period's workspace.
 */
export function dataset(
  ws: Workspace,
  form: Form,
  units: Unit[],
  period: Period,
  opts: { previous?: Workspace } = {},
): Dataset {
  const m = readManifest(ws.dir);
  const known = new Set(units.map((u) => u.code.toUpperCase()));
  const values = acceptedValues(ws, m, known);
  const importFindings: Finding[] = [];
  const blanks: NonNullable<Dataset['blanks']> = {};
  for (const unit of Object.keys(values)) {
    const parsed = requireDerived(ws, m.units[unit]!.accepted!);
    importFindings.push(...parsed.findings);
    const where: Record<string, Provenance> = {};
    for (const [code, b] of Object.entries(parsed.blanks ?? {})) {
      where[code] = { file: parsed.file, sha256: parsed.sha256, sheet: b.sheet, cell: b.cell, raw: '' };
    }
    blanks[unit] = where;
  }
  const resolutions: Record<string, FindingResolution> = {};
  applyCorrections(m, values, blanks, importFindings, resolutions);
  for (const [id, f] of Object.entries(fixedFindingIds(ws))) {
    resolutions[id] = {
      status: 'fixed',
      note: `Đã sửa bằng tệp ${f.file} của đơn vị ${f.unit} nhận ngày ${dayVN(f.at)}.`,
      by: f.unit,
      at: f.at,
    };
  }
  Object.assign(resolutions, m.resolutions);
  const intake: Record<string, UnitIntake> = {};
  for (const [code, i] of intakeOf(m, units)) intake[code] = i.intake;
  const ds: Dataset = {
    period,
    form,
    units,
    values,
    importFindings,
    blanks,
    intake,
    provinceInputs: Object.values(m.provinceInputs).sort((a, b) => (a.key < b.key ? -1 : 1)),
    resolutions,
  };
  if (opts.previous) {
    ds.previous = {
      period: opts.previous.period,
      values: acceptedValues(opts.previous, readManifest(opts.previous.dir), known),
    };
  }
  return ds;
}

/**
 * Put the clerk's corrections over the accepted values (only those made on the file still
 * accepted), and mark the import findings about a corrected figure fixed.
 */
function applyCorrections(
  m: Manifest,
  values: Record<string, Record<string, CellValue>>,
  blanks: Record<string, Record<string, Provenance>>,
  importFindings: Finding[],
  resolutions: Record<string, FindingResolution>,
): void {
  for (const [unit, byCode] of Object.entries(m.corrections ?? {})) {
    if (!values[unit]) continue;
    // A copy: the accepted values are the derived cache's own objects.
    const unitValues: Record<string, CellValue> = { ...values[unit] };
    values[unit] = unitValues;
    const accepted = m.units[unit]?.accepted;
    const fileName = m.submissions.find((s) => s.sha256 === accepted)?.names[0] ?? '';
    for (const [code, c] of Object.entries(byCode)) {
      if (c.sha256 !== accepted) continue;
      const before = unitValues[code];
      const source: Provenance = before?.source ??
        blanks[unit]?.[code] ?? { file: fileName, sha256: c.sha256, sheet: '', cell: '', raw: '' };
      const decimals = Number.isInteger(c.value) ? 0 : (String(c.value).split('.')[1]?.length ?? 0);
      unitValues[code] = {
        code,
        value: c.value,
        decimals,
        source,
        corrected: { from: c.original, note: c.note, confirmedWith: c.confirmedWith, by: c.by, at: c.at },
      };
      for (const f of importFindings) {
        if (f.unit === unit && f.values.some((v) => v.code === code) && !m.resolutions[f.id]) {
          resolutions[f.id] = {
            status: 'fixed',
            note: `Đã sửa số liệu ${code} sau khi xác nhận với ${c.confirmedWith}: ${c.note}`,
            by: c.by,
            at: c.at,
          };
        }
      }
    }
  }
}

/**
 * The audit trail, oldest first: the log's complete lines (a torn last line from a crash is
 * ignored) plus entries committed but not yet appended.
 */
export function readAudit(ws: Workspace): AuditEntry[] {
  const { entries } = readAuditFile(join(ws.dir, AUDIT_FILE));
  const last = entries.reduce((mx, e) => Math.max(mx, e.seq), 0);
  const m = readManifest(ws.dir);
  return [...entries, ...m.pendingAudit.filter((e) => e.seq > last)];
}
