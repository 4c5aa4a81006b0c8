/** The user's decisions: which file counts for a unit, explanations, province inputs, report settings. */
import type { Form } from '../form/types.js';
import { readProvinceInput } from '../import/province-input.js';
import type { FindingResolution, ProvinceInput } from '../model/consolidation.js';
import { WorkspaceError } from './errors.js';
import { applyReplay, newSupersessions, supersessionDrafts } from './ingest.js';
import type { Manifest, Supersession } from './schema.js';
import { commit, mutate, readManifest, sha256Hex, type Workspace } from './store.js';

/**
 * Make one content the unit's accepted submission: ends a `duplicate` state, or goes back
 * to an earlier content. Every other content of the unit becomes `superseded`; the change
 * list against the previously accepted content is kept. Logged as `chosen`.
 */
export async function choose(ws: Workspace, unit: string, sha256: string, by?: string): Promise<Supersession[]> {
  const code = unit.trim().toUpperCase();
  return mutate(ws, (before) => {
    const sub = before.submissions.find((s) => s.sha256 === sha256);
    if (!sub || sub.unit !== code) {
      throw new WorkspaceError(
        'UNKNOWN_SUBMISSION',
        `Không có tệp nào có mã SHA-256 ${sha256.slice(0, 12)}… của đơn vị ${code} trong thư mục làm việc.`,
      );
    }
    if (sub.invalid) {
      throw new WorkspaceError(
        'BAD_INPUT',
        `Tệp ${sub.names[0]} bị từ chối (${sub.message ?? ''}) nên không thể chọn làm báo cáo của đơn vị ${code}.`,
      );
    }
    if (before.units[code]?.accepted === sha256) return [];
    const who = by ?? ws.by;
    const at = new Date().toISOString();
    const after = applyReplay(ws, {
      ...before,
      choices: [...before.choices, { seq: before.seq + 1, unit: code, sha256, by: who, at }],
    });
    const superseded = newSupersessions(before, after);
    commit(
      ws,
      after,
      [{ action: 'chosen', unit: code, sha256, name: sub.names[0] }, ...supersessionDrafts(superseded)],
      who,
    );
    return superseded;
  });
}

/**
 * Record when a submission was really received (the date of the email that brought it, or of
 * the official letter): lateness is judged by it. Refuses an instant in the future. The
 * replay runs again, since which of a unit's files is the newer one follows this date.
 * Logged as `received-set` with the previous date and the note.
 */
export async function setReceivedAt(
  ws: Workspace,
  sha256: string,
  receivedAt: string,
  opts: { by?: string; note?: string; now?: Date } = {},
): Promise<Supersession[]> {
  const at = Date.parse(receivedAt);
  if (Number.isNaN(at)) {
    throw new WorkspaceError('BAD_INPUT', `Ngày nhận "${receivedAt}" không hợp lệ.`);
  }
  const now = opts.now ?? new Date();
  if (at > now.getTime()) {
    throw new WorkspaceError('BAD_INPUT', `Ngày nhận ${dateTimeVN(receivedAt)} chưa đến; hãy ghi ngày đã nhận tệp.`);
  }
  const iso = new Date(at).toISOString();
  const who = opts.by ?? ws.by;
  return mutate(ws, (before) => {
    const sub = before.submissions.find((s) => s.sha256 === sha256);
    if (!sub) {
      throw new WorkspaceError(
        'UNKNOWN_SUBMISSION',
        `Không có tệp nào có mã SHA-256 ${sha256.slice(0, 12)}… trong thư mục làm việc.`,
      );
    }
    if (sub.receivedAt === iso && sub.receivedSetBy !== undefined) return [];
    const after = applyReplay(ws, {
      ...before,
      submissions: before.submissions.map((s) =>
        s.sha256 === sha256 ? { ...s, receivedAt: iso, receivedSetBy: who } : s,
      ),
    });
    const superseded = newSupersessions(before, after);
    const note = opts.note?.trim();
    commit(
      ws,
      after,
      [
        {
          action: 'received-set',
          sha256,
          name: sub.names[0],
          ...(sub.unit ? { unit: sub.unit } : {}),
          receivedAt: iso,
          previous: sub.receivedAt,
          ...(note ? { note } : {}),
        },
        ...supersessionDrafts(superseded),
      ],
      who,
    );
    return superseded;
  });
}

/** "dd/mm/yyyy hh:mm" of an instant, in Vietnam time. */
function dateTimeVN(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

/** Mark a finding explained, with the user's note (required). Logged as `explained`. */
export async function explainFinding(
  ws: Workspace,
  findingId: string,
  note: string,
  by?: string,
): Promise<FindingResolution> {
  const text = note.trim();
  if (!findingId.trim()) throw new WorkspaceError('BAD_INPUT', 'Chưa chỉ rõ phát hiện cần giải trình.');
  if (!text) {
    throw new WorkspaceError('BAD_INPUT', `Cần ghi nội dung giải trình cho phát hiện ${findingId}; không để trống.`);
  }
  const who = by ?? ws.by;
  return mutate(ws, (m) => {
    const resolution: FindingResolution = { status: 'explained', note: text, by: who, at: new Date().toISOString() };
    const prev = m.resolutions[findingId];
    commit(
      ws,
      { ...m, resolutions: { ...m.resolutions, [findingId]: resolution } },
      [{ action: 'explained', findingId, note: text, ...(prev ? { previousNote: prev.note } : {}) }],
      who,
    );
    return resolution;
  });
}

/** Take an explanation back: the finding is open again. Logged as `reopened`. */
export async function reopenFinding(ws: Workspace, findingId: string, by?: string): Promise<void> {
  const who = by ?? ws.by;
  return mutate(ws, (m) => {
    const prev = m.resolutions[findingId];
    if (!prev) {
      throw new WorkspaceError(
        'UNKNOWN_FINDING',
        `Phát hiện ${findingId} chưa được giải trình nên không có gì để mở lại.`,
      );
    }
    const resolutions = { ...m.resolutions };
    delete resolutions[findingId];
    commit(ws, { ...m, resolutions }, [{ action: 'reopened', findingId, previousNote: prev.note }], who);
  });
}

/**
 * Store a figure the department enters itself (a target id such as MT3, or an indicator
 * code for a province total held elsewhere), with where it comes from. Logged as `input-set`.
 *
 * The value is text as the clerk typed it (Vietnamese notation) or a number, and is checked
 * by {@link readProvinceInput} exactly as a cell of that measure: a refused value throws a
 * `BAD_INPUT` error whose message is the same sentence a cell would get, naming the input.
 * The CLI's `input` and the app's entry form both store through here.
 */
export async function setProvinceInput(
  ws: Workspace,
  form: Form,
  input: { key: string; value: string | number; note: string; by?: string },
): Promise<ProvinceInput> {
  const reading = readProvinceInput(form, input.key, input.value);
  if (!reading.ok) throw new WorkspaceError('BAD_INPUT', reading.message);
  const key = reading.key;
  const note = input.note.trim();
  if (!note) throw new WorkspaceError('BAD_INPUT', `Cần ghi nguồn của số liệu ${key} (văn bản, hệ thống cung cấp).`);
  const who = input.by ?? ws.by;
  return mutate(ws, (m) => {
    const value: ProvinceInput = { key, value: reading.value, note, by: who, at: new Date().toISOString() };
    const prev = m.provinceInputs[key];
    commit(
      ws,
      { ...m, provinceInputs: { ...m.provinceInputs, [key]: value } },
      [{ action: 'input-set', key, value: reading.value, note, ...(prev ? { previous: prev.value } : {}) }],
      who,
    );
    return value;
  });
}

/** The stored province inputs. */
export function provinceInputs(ws: Workspace): ProvinceInput[] {
  return Object.values(readManifest(ws.dir).provinceInputs).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The report's document settings as last stored (opaque: the report module validates them), or undefined. */
export function getReportSettings(ws: Workspace): unknown {
  return readManifest(ws.dir).reportSettings;
}

/**
 * Store the report's document settings (any JSON value; the caller validates it). Kept in
 * the manifest and mirrored to `report-settings.json`. Logged as `settings-changed`.
 */
export async function setReportSettings(ws: Workspace, settings: unknown, by?: string): Promise<void> {
  let text: string | undefined;
  try {
    text = JSON.stringify(settings);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    throw new WorkspaceError('BAD_INPUT', 'Thiết lập văn bản báo cáo không lưu được dưới dạng JSON.');
  const value: unknown = JSON.parse(text);
  const who = by ?? ws.by;
  return mutate(ws, (m: Manifest) => {
    if (JSON.stringify(m.reportSettings) === text) return;
    commit(
      ws,
      { ...m, reportSettings: value },
      [{ action: 'settings-changed', sha256: sha256Hex(Buffer.from(text!, 'utf8')) }],
      who,
    );
  });
}
