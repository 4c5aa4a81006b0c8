/**
 * The clerk's work on a period beyond the files: the period's own register, values corrected
 * after confirming them with the unit, findings marked handled, the edited report text.
 * Each is one committed operation with its audit entry, like those of ops.ts.
 */
import type { Manifest, RegisterUnit } from './schema.js';
import { WorkspaceError } from './errors.js';
import { commit, mutate, readManifest, sha256Hex, type Workspace } from './store.js';
import type { FindingResolution } from '../model/consolidation.js';

/** The register stored for the period, or undefined when it was never edited. */
export function storedRegister(ws: Workspace): RegisterUnit[] | undefined {
  return readManifest(ws.dir).register;
}

/** What changed between two registers, for the audit log. */
function registerChanges(before: RegisterUnit[], after: RegisterUnit[]): Record<string, unknown> {
  const old = new Map(before.map((u) => [u.code, u]));
  const added: string[] = [];
  const renamed: Array<{ code: string; from: string; to: string }> = [];
  const deactivated: string[] = [];
  const reactivated: string[] = [];
  for (const u of after) {
    const o = old.get(u.code);
    if (!o) added.push(u.code);
    else {
      if (o.name !== u.name) renamed.push({ code: u.code, from: o.name, to: u.name });
      if (o.active && !u.active) deactivated.push(u.code);
      if (!o.active && u.active) reactivated.push(u.code);
    }
  }
  const codes = new Set(after.map((u) => u.code));
  const removed = before.filter((u) => !codes.has(u.code)).map((u) => u.code);
  return { added, renamed, deactivated, reactivated, removed, units: after.length };
}

/**
 * Store the period's register (the whole list, validated by the caller: unique upper-case
 * codes). `base` is the register in force before (the default one on a first edit), for the
 * change list of the audit entry. Logged as `register-changed`.
 */
export async function setRegister(
  ws: Workspace,
  units: RegisterUnit[],
  opts: { base: RegisterUnit[]; by?: string; source?: string },
): Promise<void> {
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.code)) throw new WorkspaceError('BAD_INPUT', `Mã đơn vị ${u.code} bị trùng trong danh sách.`);
    seen.add(u.code);
  }
  const who = opts.by ?? ws.by;
  await mutate(ws, (m) => {
    const before = m.register ?? opts.base;
    if (m.register && JSON.stringify(m.register) === JSON.stringify(units)) return;
    commit(
      ws,
      { ...m, register: units },
      [
        {
          action: 'register-changed',
          ...registerChanges(before, units),
          ...(opts.source ? { source: opts.source } : {}),
        },
      ],
      who,
    );
  });
}

/**
 * Correct one figure of a unit's accepted file (after confirming it with the unit). The
 * original stays in the kept file; totals, findings and the report use the correction while
 * that file stays accepted. Logged as `value-corrected` with the old and new values.
 */
export async function correctValue(
  ws: Workspace,
  input: {
    unit: string;
    code: string;
    value: number;
    original: number | null;
    sha256: string;
    note: string;
    confirmedWith: string;
    by?: string;
  },
): Promise<void> {
  const unit = input.unit.trim().toUpperCase();
  const code = input.code.trim().toUpperCase();
  const note = input.note.trim();
  const confirmedWith = input.confirmedWith.trim();
  if (!Number.isFinite(input.value))
    throw new WorkspaceError('BAD_INPUT', `Giá trị sửa cho ${code} không phải là một số.`);
  if (!note) throw new WorkspaceError('BAD_INPUT', `Cần ghi lý do sửa số liệu ${code} của đơn vị ${unit}.`);
  if (!confirmedWith) {
    throw new WorkspaceError(
      'BAD_INPUT',
      `Cần ghi đã xác nhận với ai của đơn vị ${unit} trước khi sửa số liệu ${code}.`,
    );
  }
  const who = input.by ?? ws.by;
  await mutate(ws, (m: Manifest) => {
    if (m.units[unit]?.accepted !== input.sha256) {
      throw new WorkspaceError('BAD_INPUT', `Tệp của đơn vị ${unit} vừa thay đổi; hãy mở lại số liệu rồi sửa.`);
    }
    const prev = m.corrections?.[unit]?.[code];
    const correction = {
      sha256: input.sha256,
      value: input.value,
      original: input.original,
      note,
      confirmedWith,
      by: who,
      at: new Date().toISOString(),
    };
    const corrections = { ...(m.corrections ?? {}), [unit]: { ...(m.corrections?.[unit] ?? {}), [code]: correction } };
    commit(
      ws,
      { ...m, corrections },
      [
        {
          action: 'value-corrected',
          unit,
          code,
          sha256: input.sha256,
          from: prev && prev.sha256 === input.sha256 ? prev.value : input.original,
          to: input.value,
          note,
          confirmedWith,
        },
      ],
      who,
    );
  });
}

/** Mark a finding handled by a newer file or otherwise fixed, with a note. Logged as `finding-fixed`. */
export async function markFindingFixed(
  ws: Workspace,
  findingId: string,
  note: string,
  by?: string,
): Promise<FindingResolution> {
  const text = note.trim();
  if (!findingId.trim()) throw new WorkspaceError('BAD_INPUT', 'Chưa chỉ rõ phát hiện cần đánh dấu đã xử lý.');
  if (!text) throw new WorkspaceError('BAD_INPUT', 'Cần ghi đã xử lý bằng cách nào (ví dụ: đơn vị đã gửi tệp mới).');
  const who = by ?? ws.by;
  return mutate(ws, (m) => {
    const resolution: FindingResolution = { status: 'fixed', note: text, by: who, at: new Date().toISOString() };
    commit(
      ws,
      { ...m, resolutions: { ...m.resolutions, [findingId]: resolution } },
      [{ action: 'finding-fixed', findingId, note: text }],
      who,
    );
    return resolution;
  });
}

/** The edited report text (opaque), or undefined for the default one. */
export function getReportTemplate(ws: Workspace): unknown {
  return readManifest(ws.dir).reportTemplate;
}

/** Store the edited report text (validated by the caller), or `undefined` to go back to the default. */
export async function setReportTemplate(ws: Workspace, template: unknown, by?: string): Promise<void> {
  const text = template === undefined ? undefined : JSON.stringify(template);
  const who = by ?? ws.by;
  await mutate(ws, (m) => {
    if (JSON.stringify(m.reportTemplate) === text) return;
    const next: Manifest = { ...m };
    if (text === undefined) delete next.reportTemplate;
    else next.reportTemplate = JSON.parse(text) as unknown;
    commit(
      ws,
      next,
      [
        {
          action: 'template-changed',
          ...(text === undefined ? { reset: true } : { sha256: sha256Hex(Buffer.from(text, 'utf8')) }),
        },
      ],
      who,
    );
  });
}
