/**
 * "Tiếp nhận": files dropped (handed over by content and staged in the data folder) or
 * chosen on disk (files and folders), emails opened for their attached returns, everything
 * brought into the period's workspace as one batch by the import worker pool, with k/n
 * progress and one sentence per file. Files that name another period are grouped so the
 * window can offer to import them there.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type {
  ImportedFileView,
  ImportOutcome,
  OtherPeriodFiles,
  StagedFile,
  StagedFileInput,
} from '../../shared-api/app-api.js';
import type { Form } from '../form/types.js';
import { createImportPool, poolSizeFor } from '../import/index.js';
import { isMailFile, readMail } from '../mail/index.js';
import { formatNumber } from '../numbers/index.js';
import { poolParser } from '../pipeline/index.js';
import {
  ingestFiles,
  loadDerived,
  originalBytes,
  workspaceInfoAt,
  workspaceNotReturnsMessage,
  workspaceSubfolderMessage,
  type IngestFile,
  type Workspace,
} from '../workspace/index.js';
import { dateTimeVN } from './consolidation-view.js';
import { ApiError } from './errors.js';
import type { JobProgress } from './jobs.js';
import type { PeriodStore } from './periods.js';
import type { PeriodSession } from './session.js';

const STAGING = 'cho-nhap';
/** A staged file waits this long before it is cleared. */
const STAGE_TTL_MS = 24 * 3600_000;
/** Largest single file taken in (a return is ~40 KB; an email with attachments a few MB). */
export const MAX_INTAKE_BYTES = 60 * 1024 * 1024;

function stagingDir(dataDir: string): string {
  return join(dataDir, STAGING);
}

/** Keep dropped files until they are imported (a day at most). */
export function stageFiles(dataDir: string, files: StagedFileInput[]): StagedFile[] {
  const dir = stagingDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const old = Date.now() - STAGE_TTL_MS;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    try {
      if (statSync(p).mtimeMs < old) rmSync(p, { force: true });
    } catch {
      // Another call cleared it.
    }
  }
  return files.map((f) => {
    const bytes = Buffer.from(f.base64, 'base64');
    if (bytes.length > MAX_INTAKE_BYTES) throw new ApiError(`Tệp ${f.name} quá lớn (trên 60 MB) nên không nhận.`);
    const id = randomBytes(12).toString('hex');
    writeFileSync(join(dir, `${id}.bin`), bytes);
    writeFileSync(
      join(dir, `${id}.json`),
      JSON.stringify({ name: basename(f.name.replace(/\\/g, '/')), modifiedAt: f.modifiedAt ?? null }),
    );
    return { id, name: f.name, size: bytes.length };
  });
}

/** A dropped file waiting in the data folder (for the text check: one draft by its id). */
export function readStaged(dataDir: string, id: string): { name: string; bytes: Uint8Array; modifiedAt?: string } {
  if (!/^[0-9a-f]{24}$/.test(id)) throw new ApiError('Tệp kéo thả không hợp lệ; hãy kéo thả lại.');
  const bin = join(stagingDir(dataDir), `${id}.bin`);
  const meta = join(stagingDir(dataDir), `${id}.json`);
  if (!existsSync(bin) || !existsSync(meta)) throw new ApiError('Tệp kéo thả đã hết hạn chờ; hãy kéo thả lại.');
  const m = JSON.parse(readFileSync(meta, 'utf8')) as { name: string; modifiedAt: string | null };
  return {
    name: m.name,
    bytes: new Uint8Array(readFileSync(bin)),
    ...(m.modifiedAt ? { modifiedAt: m.modifiedAt } : {}),
  };
}

/** A file to bring in, before it is read. */
interface Incoming {
  name: string;
  bytes: Uint8Array;
  from?: string;
  receivedAt?: string;
  modifiedAt?: string;
}

/** Whether a folder entry is an Excel lock file, a hidden file or an unfinished download. */
function skipName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('.tmp') || name.endsWith('.crdownload');
}

interface Collected {
  files: Incoming[];
  /** Outcomes decided before reading (subfolders, unreadable emails, too-large files). */
  early: ImportedFileView[];
  /** Folders given that held no file. */
  emptyFolders: string[];
}

function readDisk(path: string, out: Collected, from?: string): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    out.early.push({
      name: basename(path),
      status: 'skipped',
      statusLabel: 'Bỏ qua',
      message: `Không tìm thấy ${path}.`,
    });
    return;
  }
  if (st.isDirectory()) {
    const own = workspaceInfoAt(path);
    if (own) {
      out.early.push({
        name: basename(path),
        status: 'skipped',
        statusLabel: 'Bỏ qua',
        message: workspaceNotReturnsMessage(path, own),
      });
      return;
    }
    const names = readdirSync(path).sort((a, b) => a.localeCompare(b, 'vi'));
    let count = 0;
    for (const name of names) {
      if (skipName(name)) continue;
      const p = join(path, name);
      let s;
      try {
        s = statSync(p);
      } catch {
        continue;
      }
      if (s.isDirectory()) {
        const sub = workspaceInfoAt(p);
        out.early.push({
          name,
          from: path,
          status: 'skipped',
          statusLabel: 'Bỏ qua',
          message: sub
            ? workspaceSubfolderMessage(name, sub)
            : `${name} là thư mục con nên được bỏ qua; hãy chọn riêng thư mục này nếu có báo cáo trong đó.`,
        });
        continue;
      }
      count += 1;
      readDisk(p, out, path);
    }
    if (count === 0) out.emptyFolders.push(path);
    return;
  }
  const name = basename(path);
  if (st.size > MAX_INTAKE_BYTES) {
    out.early.push({
      name,
      status: 'rejected',
      statusLabel: 'Bị từ chối',
      message: `Tệp ${name} quá lớn (trên 60 MB) nên không nhận.`,
    });
    return;
  }
  out.files.push({
    name,
    bytes: new Uint8Array(readFileSync(path)),
    modifiedAt: st.mtime.toISOString(),
    ...(from ? { from } : {}),
  });
}

/** Emails give up their attached returns, with the email's date as the received date. */
async function openEmails(list: Incoming[], early: ImportedFileView[]): Promise<Incoming[]> {
  const out: Incoming[] = [];
  for (const f of list) {
    if (!isMailFile(f.name)) {
      out.push(f);
      continue;
    }
    try {
      const mail = await readMail(f.name, f.bytes);
      const from = `thư ${f.name}${mail.from ? ` của ${mail.from}` : ''}`;
      if (mail.attachments.length === 0) {
        early.push({
          name: f.name,
          status: 'skipped',
          statusLabel: 'Bỏ qua',
          message: `Thư ${f.name} không có tệp Excel đính kèm${mail.skipped.length ? ` (chỉ có ${mail.skipped.join(', ')})` : ''}.`,
        });
      }
      for (const a of mail.attachments) {
        out.push({
          name: a.name,
          bytes: a.bytes,
          from,
          ...(mail.date ? { receivedAt: mail.date } : {}),
          ...(f.modifiedAt ? { modifiedAt: f.modifiedAt } : {}),
        });
      }
    } catch (e) {
      early.push({ name: f.name, status: 'rejected', statusLabel: 'Bị từ chối', message: (e as Error).message });
    }
  }
  return out;
}

/** What to import, as the request names it. */
export interface ImportInput {
  paths?: string[];
  staged?: string[];
  fromPeriod?: { workspace: Workspace; sha256: string[] };
  /** ISO date the clerk gave. */
  receivedDate?: string;
}

async function collect(dataDir: string, input: ImportInput): Promise<Collected> {
  const out: Collected = { files: [], early: [], emptyFolders: [] };
  for (const p of input.paths ?? []) readDisk(p, out);
  for (const id of input.staged ?? []) {
    if (!/^[0-9a-f]{24}$/.test(id)) throw new ApiError('Tệp kéo thả không hợp lệ; hãy kéo thả lại.');
    const bin = join(stagingDir(dataDir), `${id}.bin`);
    const meta = join(stagingDir(dataDir), `${id}.json`);
    if (!existsSync(bin) || !existsSync(meta)) throw new ApiError('Tệp kéo thả đã hết hạn chờ; hãy kéo thả lại.');
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { name: string; modifiedAt: string | null };
    out.files.push({
      name: m.name,
      bytes: new Uint8Array(readFileSync(bin)),
      ...(m.modifiedAt ? { modifiedAt: m.modifiedAt } : {}),
    });
  }
  if (input.fromPeriod) {
    const { workspace, sha256 } = input.fromPeriod;
    const { readManifest } = await import('../workspace/index.js');
    const m = readManifest(workspace.dir);
    for (const sha of sha256) {
      const sub = m.submissions.find((x) => x.sha256 === sha);
      if (!sub) continue;
      out.files.push({
        name: sub.names[0] as string,
        bytes: originalBytes(workspace, sha),
        receivedAt: sub.receivedAt,
        from: `kỳ ${workspace.period.code}`,
        ...(sub.modifiedAt ? { modifiedAt: sub.modifiedAt } : {}),
      });
    }
  }
  out.files = await openEmails(out.files, out.early);
  return out;
}

const STATUS_LABELS = {
  imported: 'Đã nhập',
  rejected: 'Bị từ chối',
  duplicate: 'Nhiều tệp',
  superseded: 'Đã thay',
  same: 'Đã có',
  skipped: 'Bỏ qua',
} as const;

/** Run an import into the session's workspace; `progress` gets k/n files. */
export async function runImport(opts: {
  dataDir: string;
  session: PeriodSession;
  form: Form;
  periods: PeriodStore;
  input: ImportInput;
  by: string;
  progress: JobProgress;
}): Promise<ImportOutcome> {
  const { session, input, progress } = opts;
  progress(0, 1, 'Đang tìm các tệp…');
  const got = await collect(opts.dataDir, input);
  const received = input.receivedDate ? new Date(`${input.receivedDate}T12:00:00+07:00`).toISOString() : undefined;
  const files: IngestFile[] = got.files.map((f) => ({
    name: f.name,
    bytes: f.bytes,
    receivedAt: f.receivedAt ?? received ?? new Date().toISOString(),
    ...(f.modifiedAt ? { modifiedAt: f.modifiedAt } : {}),
  }));
  const meta = got.files;
  if (files.length === 0) {
    const emptyMessage =
      got.emptyFolders.length > 0
        ? `Thư mục ${got.emptyFolders.join(', ')} không có tệp nào để nhập.`
        : got.early.length > 0
          ? 'Không có tệp báo cáo nào để nhập.'
          : 'Chưa có tệp nào được chọn.';
    return {
      kind: 'import',
      files: got.early,
      summaryText: emptyMessage,
      emptyMessage,
      otherPeriods: [],
      duplicateUnits: [],
    };
  }
  const ws = await session.workspace();
  const units = session.units();
  const pool = createImportPool({ size: poolSizeFor(files.length) });
  let result;
  try {
    progress(0, files.length, `Đang đọc tệp 0/${formatNumber(files.length)}…`);
    result = await ingestFiles(ws, files, poolParser(pool, { form: opts.form, units, period: session.period }), {
      by: opts.by,
      onProgress: (done, total, name) =>
        progress(done, total, `Đang đọc tệp ${formatNumber(done)}/${formatNumber(total)}: ${name}`),
    });
  } finally {
    await pool.close();
  }
  const state = await session.state();
  const unitName = new Map(state.units.map((u) => [u.code, u.name]));
  const unitErrors = new Map(state.tracks.map((t) => [t.code, t.openErrors]));
  const views: ImportedFileView[] = result.files.map((f, i) => {
    const m = meta[i] as Incoming;
    const sub = state.manifest.submissions.find((s) => s.sha256 === f.sha256);
    const unit = f.unit ? `${f.unit}${unitName.has(f.unit) ? ` (${unitName.get(f.unit)})` : ''}` : '';
    let status: ImportedFileView['status'] = f.status;
    let message: string;
    if (f.outcome === 'known') {
      status = 'same';
      message = `Tệp ${f.name} đã được nhập trước đây; không có gì thay đổi.`;
    } else if (f.outcome === 'same-bytes') {
      status = 'same';
      message = `Tệp ${f.name} giống hệt tệp ${sub?.names[0] ?? ''} đã có; chỉ ghi nhận một lần.`;
    } else if (f.status === 'rejected') {
      message = f.message ?? `Tệp ${f.name} không đọc được như một báo cáo.`;
    } else if (f.status === 'duplicate') {
      message = `Đơn vị ${unit} đã gửi nhiều tệp khác nhau; hãy so sánh và chọn một tệp.`;
    } else if (f.status === 'superseded') {
      message = f.message ?? `Đã có tệp khác mới hơn của đơn vị ${unit}.`;
    } else {
      const errors = f.unit ? (unitErrors.get(f.unit) ?? 0) : 0;
      message = `Đã nhập báo cáo của ${unit || 'đơn vị'}${errors > 0 ? `; có ${formatNumber(errors)} lỗi cần xem ở Đối chiếu` : ''}.`;
    }
    const v: ImportedFileView = { name: f.name, status, statusLabel: STATUS_LABELS[status], message };
    if (m.from) v.from = m.from;
    if (f.unit) v.unit = f.unit;
    if (m.modifiedAt) v.modifiedLabel = dateTimeVN(m.modifiedAt);
    if (sub) v.receivedLabel = dateTimeVN(sub.receivedAt);
    return v;
  });
  // Files written for another period: grouped by the period they name.
  const others = new Map<string, OtherPeriodFiles>();
  for (const f of result.files) {
    if (f.status !== 'rejected') continue;
    const p = loadDerived(ws, f.sha256);
    const code = p?.identity.period?.trim();
    if (!code || code.toUpperCase() === session.period.code.toUpperCase()) continue;
    const known = opts.periods.find(code);
    const key = (known?.code ?? code).toUpperCase();
    const g = others.get(key) ?? {
      code: known?.code ?? code,
      ...(known ? { title: known.shortTitle } : {}),
      known: known !== undefined,
      files: [],
      sha256: [],
    };
    if (!g.sha256.includes(f.sha256)) {
      g.files.push(f.name);
      g.sha256.push(f.sha256);
    }
    others.set(key, g);
  }
  const all = [...got.early, ...views];
  const counts = new Map<string, number>();
  for (const v of all) counts.set(v.statusLabel, (counts.get(v.statusLabel) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => `${formatNumber(n)} ${label.toLowerCase()}`);
  const duplicateUnits = [...new Set(state.tracks.filter((t) => t.status === 'duplicate').map((t) => t.code))];
  return {
    kind: 'import',
    files: all,
    summaryText: `${formatNumber(all.length)} tệp: ${parts.join(', ')}.`,
    otherPeriods: [...others.values()],
    duplicateUnits,
  };
}
