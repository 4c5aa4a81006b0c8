import { resolve } from 'node:path';
import { decimalsOf, formatNumber } from '../../numbers/index.js';
import { optional, parseCommandArgs, required, UsageError } from '../args.js';
import { resolveContext, type CommandContext } from '../context.js';
import type { CliIO } from '../io.js';
import type { Workspace } from '../../workspace/index.js';

const WS_OPTIONS = {
  period: { type: 'string' },
  units: { type: 'string' },
  workspace: { type: 'string' },
  by: { type: 'string' },
} as const;

async function open(values: Record<string, unknown>, io: CliIO): Promise<{ ctx: CommandContext; ws: Workspace }> {
  const ctx = resolveContext(values, io.cwd);
  const { openWorkspace, defaultWorkspaceDir } = await import('../../workspace/index.js');
  const dir = optional(values, 'workspace');
  const by = optional(values, 'by');
  const ws = await openWorkspace(dir ? resolve(io.cwd, dir) : defaultWorkspaceDir(ctx.period), {
    period: ctx.period,
    ...(by ? { by } : {}),
  });
  return { ctx, ws };
}

/** `tonghop choose --period CODE [--workspace DIR] --unit CODE --file NAME|SHA256` */
export async function choose(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { ...WS_OPTIONS, unit: { type: 'string' }, file: { type: 'string' } },
    { min: 0, max: 0, names: [] },
  );
  const { ws } = await open(values, io);
  const unit = required(values, 'unit').toUpperCase();
  const file = required(values, 'file');
  const { readManifest, sameFileName, choose: chooseSubmission } = await import('../../workspace/index.js');
  const m = readManifest(ws.dir);
  const candidates = m.submissions.filter(
    (s) =>
      s.unit === unit &&
      (s.sha256 === file.toLowerCase() ||
        s.sha256.startsWith(file.toLowerCase()) ||
        s.names.some((n) => sameFileName(n, file))),
  );
  if (candidates.length !== 1) {
    throw new UsageError(
      candidates.length === 0
        ? `Không có tệp "${file}" của đơn vị ${unit} trong thư mục làm việc.`
        : `Có ${candidates.length} tệp khớp với "${file}"; hãy ghi đủ mã SHA-256.`,
    );
  }
  await chooseSubmission(ws, unit, (candidates[0] as { sha256: string }).sha256, optional(values, 'by'));
  io.out(`Đã chọn tệp ${(candidates[0] as { names: string[] }).names[0]} cho đơn vị ${unit}.\n`);
  return 0;
}

/**
 * "18/07/2023" or "18/07/2023 09:30" (Vietnam time), or an ISO instant → ISO instant; a date
 * alone is the start of that day in Vietnam.
 */
export function parseReceivedDate(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(t);
  if (m) {
    const [, d, mo, y, h = '0', mi = '00'] = m;
    const pad = (v: string): string => v.padStart(2, '0');
    const iso = `${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${mi}:00+07:00`;
    const at = Date.parse(iso);
    // Reject 31/02 and the like: the instant must give back the same calendar day.
    const back = new Date(at + 7 * 3600_000).toISOString();
    if (Number.isNaN(at) || back.slice(0, 10) !== `${y}-${pad(mo!)}-${pad(d!)}` || Number(h) > 23) return undefined;
    return new Date(at).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) return new Date(Date.parse(t)).toISOString();
  return undefined;
}

/** `tonghop received --period CODE [--workspace DIR] --file NAME|SHA256 --date DD/MM/YYYY[ HH:MM] [--note TEXT]` */
export async function received(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { ...WS_OPTIONS, file: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' } },
    { min: 0, max: 0, names: [] },
  );
  const { ws } = await open(values, io);
  const file = required(values, 'file');
  const dateText = required(values, 'date');
  const at = parseReceivedDate(dateText);
  if (!at) {
    throw new UsageError(
      `Ngày nhận "${dateText}" không đọc được; hãy ghi dạng ngày/tháng/năm, ví dụ 14/07/2023 hoặc 14/07/2023 09:30.`,
    );
  }
  const { readManifest, setReceivedAt } = await import('../../workspace/index.js');
  const m = readManifest(ws.dir);
  const key = file.toLowerCase();
  const candidates = m.submissions.filter(
    (s) => s.sha256 === key || (key.length >= 8 && s.sha256.startsWith(key)) || s.names.includes(file),
  );
  if (candidates.length !== 1) {
    throw new UsageError(
      candidates.length === 0
        ? `Không có tệp "${file}" trong thư mục làm việc của kỳ.`
        : `Có ${candidates.length} tệp khớp với "${file}"; hãy ghi đủ mã SHA-256.`,
    );
  }
  const sub = candidates[0]!;
  const by = optional(values, 'by');
  const note = optional(values, 'note');
  await setReceivedAt(ws, sub.sha256, at, { ...(by ? { by } : {}), ...(note ? { note } : {}) });
  io.out(`Đã ghi ngày nhận tệp ${sub.names[0]}: ${dateText.trim()}.\n`);
  return 0;
}

/** `tonghop explain --period CODE [--workspace DIR] --finding ID --note TEXT` */
export async function explain(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { ...WS_OPTIONS, finding: { type: 'string' }, note: { type: 'string' } },
    { min: 0, max: 0, names: [] },
  );
  const { ctx, ws } = await open(values, io);
  const id = required(values, 'finding');
  const note = required(values, 'note');
  const { runConsolidation } = await import('../../pipeline/index.js');
  const current = await runConsolidation({
    form: ctx.form,
    period: ctx.period,
    units: ctx.units,
    workspaceDir: ws.dir,
  });
  const finding = current.consolidation.findings.find((f) => f.id === id);
  if (!finding)
    throw new UsageError(
      `Không có phát hiện mã "${id}" trong kỳ ${ctx.period.code} (xem tệp --json của lệnh consolidate).`,
    );
  const { explainFinding } = await import('../../workspace/index.js');
  await explainFinding(ws, id, note, optional(values, 'by'));
  io.out(`Đã ghi giải trình cho phát hiện: ${finding.message}\n`);
  return 0;
}

/**
 * `tonghop input --period CODE [--workspace DIR] --key MT3|KL01 --value N --note TEXT` — the value
 * is checked by the engine exactly as a cell of that measure (the app's entry form stores through
 * the same `setProvinceInput`).
 */
export async function input(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { ...WS_OPTIONS, key: { type: 'string' }, value: { type: 'string' }, note: { type: 'string' } },
    { min: 0, max: 0, names: [] },
  );
  const key = required(values, 'key');
  const text = required(values, 'value');
  const note = required(values, 'note');
  const { ctx, ws } = await open(values, io);
  const { setProvinceInput } = await import('../../workspace/index.js');
  const by = optional(values, 'by');
  const stored = await setProvinceInput(ws, ctx.form, { key, value: text, note, ...(by ? { by } : {}) });
  const shown = formatNumber(stored.value, { decimals: decimalsOf(stored.value) });
  io.out(`Đã ghi số liệu cấp tỉnh ${stored.key} = ${shown} (nhập "${text}").\n`);
  return 0;
}

/** `tonghop rebuild --period CODE [--workspace DIR]` — re-read every original and recompute everything derived. */
export async function rebuildCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...WS_OPTIONS }, { min: 0, max: 0, names: [] });
  const { ctx, ws } = await open(values, io);
  const { rebuild } = await import('../../workspace/index.js');
  const { createImportPool } = await import('../../import/index.js');
  const { poolParser } = await import('../../pipeline/index.js');
  const pool = createImportPool();
  try {
    const r = await rebuild(ws, poolParser(pool, { form: ctx.form, units: ctx.units, period: ctx.period }), {
      ...(optional(values, 'by') ? { by: optional(values, 'by') as string } : {}),
    });
    io.out(`Đã đọc lại ${r.files} tệp gốc và dựng lại dữ liệu của kỳ ${ctx.period.code}.\n`);
    for (const c of r.changed) io.out(`  ${c.name}: trạng thái đổi từ ${c.from} sang ${c.to}.\n`);
  } finally {
    await pool.close();
  }
  return 0;
}

/**
 * `tonghop unlock --period CODE [--workspace DIR] [--yes]` — who holds the workspace's lock;
 * with `--yes`, take over a stale one (a PC that crashed or lost the network mid-operation).
 * A lock that is alive is never taken over.
 */
export async function unlock(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...WS_OPTIONS, yes: { type: 'boolean' } }, { min: 0, max: 0, names: [] });
  const ctx = resolveContext(values, io.cwd);
  const { defaultWorkspaceDir, lockStatus, lockedMessage, takeOverLock } = await import('../../workspace/index.js');
  const given = optional(values, 'workspace');
  const dir = given ? resolve(io.cwd, given) : defaultWorkspaceDir(ctx.period);
  const state = lockStatus(dir);
  if (!state) {
    io.out(`Thư mục làm việc ${dir} không bị khoá.\n`);
    return 0;
  }
  if (!state.stale) {
    io.err(`${lockedMessage(dir, state)}\nKhông giành quyền sử dụng khi người đó còn đang làm việc.\n`);
    return 1;
  }
  if (values.yes !== true) {
    io.err(`${lockedMessage(dir, state)}\nChạy lại lệnh với --yes để xác nhận giành quyền sử dụng.\n`);
    return 1;
  }
  const by = optional(values, 'by');
  await takeOverLock(dir, state.holder.token, { period: ctx.period, ...(by ? { by } : {}) });
  io.out(`Đã giành quyền sử dụng thư mục làm việc ${dir} (ghi vào nhật ký).\n`);
  return 0;
}
