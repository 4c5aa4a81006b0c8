/**
 * Bringing files into the workspace: originals stored once by content, parsed by the injected
 * parse function, classified, and the statuses of the unit's submissions replayed.
 */
import { lstatSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { fsErrorMessage } from '../errors/index.js';
import type { ParsedReturn } from '../model/index.js';
import { WorkspaceError } from './errors.js';
import { sameFileName, toStoredName } from './paths.js';
import { replay } from './replay.js';
import type { Manifest, Submission, SubmissionStatus, Supersession, WorkspaceInfo } from './schema.js';
import {
  commit,
  derivedNames,
  loadDerived,
  mutate,
  originalBytes,
  requireDerived,
  sha256Hex,
  storeDerived,
  storeOriginal,
  workspaceInfoAt,
  type AuditDraft,
  type Workspace,
} from './store.js';

/** Reads one file's bytes into a return. Injected: the workspace never opens workbooks itself. */
/** Parse one file; `sha256`, when given, is the hash of `bytes` the caller has already checked. */
export type ParseFn = (bytes: Uint8Array, fileName: string, sha256?: string) => Promise<ParsedReturn>;

export interface IngestFile {
  name: string;
  /** The content, already in memory (files dropped on the app)… */
  bytes?: Uint8Array;
  /**
   * …or where to read it when its turn comes (a folder's files): a batch holds only a window
   * of files' bytes at a time ({@link INGEST_WINDOW_FILES}, {@link INGEST_WINDOW_BYTES}), so a
   * folder of large files does not have to fit in memory. A Buffer for a name that is not UTF-8.
   */
  path?: string | Buffer;
  /** Size in bytes when known before reading (from the folder listing). */
  size?: number;
  /** When the unit's return was received (ISO instant, e.g. the email's date); default: the import time. */
  receivedAt?: string;
  /** The file's own modified time (ISO), kept to show, never used for lateness. */
  modifiedAt?: string;
}

/**
 * At most this many files of a batch are read and in flight (hashed, being parsed and stored)
 * at once, and at most this many bytes of them (one file always goes, whatever its size):
 * enough to keep every import worker and the grouped fsyncs busy, little enough that memory
 * does not grow with the folder.
 */
export const INGEST_WINDOW_FILES = 32;
export const INGEST_WINDOW_BYTES = 64 * 1024 * 1024;

export interface IngestOptions {
  by?: string;
  /**
   * After each file: how many are done, of how many, its name, and whether its content was new
   * to the workspace (parsed and imported; false for a file the workspace already holds).
   */
  onProgress?: (done: number, total: number, name: string, isNew: boolean) => void;
  /**
   * Files larger than `maxBytes` are refused from their size, before they are read, and never
   * kept in the workspace; `message` says why, in the importer's words.
   */
  tooLarge?: { maxBytes: number; message: (name: string, size: number) => string };
}

/**
 * An entry of the batch that was not read as a return, and why: a subfolder, a link to
 * nothing, something that is not a file, a file too large or that cannot be read. Nothing of
 * it is kept in the workspace; it is reported with the batch.
 */
export interface SkippedEntry {
  name: string;
  kind: 'folder' | 'broken-link' | 'not-a-file' | 'too-large' | 'unreadable';
  /** Size in bytes, when known. */
  size?: number;
  /** Modification time (ISO), when known. */
  receivedAt?: string;
  /** A Vietnamese sentence naming the entry and what to do. */
  message: string;
}

/** What happened to one file of a batch. */
export interface IngestedFile {
  name: string;
  sha256: string;
  /** `new`: new content; `same-bytes`: content already held under another name; `known`: already held under this name. */
  outcome: 'new' | 'same-bytes' | 'known';
  /** Status of the content after the batch. */
  status: SubmissionStatus;
  unit?: string;
  message?: string;
}

export interface IngestResult {
  files: IngestedFile[];
  /** Entries not read at all (see {@link SkippedEntry}), in name order. */
  skipped: SkippedEntry[];
  /** Accepted submissions replaced by this batch, with the figures that moved. */
  supersessions: Supersession[];
  /** False when the batch changed nothing (every file already held under its name). */
  committed: boolean;
}

/** Why a parsed return can never be a unit's submission for this period (message and code), or undefined. */
function invalidReason(ws: Workspace, name: string, p: ParsedReturn): { message: string; refusal: string } | undefined {
  if (p.status === 'rejected') {
    return {
      message: p.rejection?.message ?? `Tệp ${name} không đọc được như một báo cáo.`,
      refusal: p.rejection?.code ?? 'UNREADABLE',
    };
  }
  const id = p.identity;
  const where = (k: 'unitCode' | 'period'): string => {
    const s = id.sources[k];
    return s ? ` (trang ${s.sheet}, ô ${s.cell})` : '';
  };
  if (!id.unitCode?.trim())
    return {
      message: `Tệp ${name} không ghi mã đơn vị trên trang Thông tin nên không biết của đơn vị nào.`,
      refusal: 'NO_UNIT_CODE',
    };
  if (!id.period?.trim()) {
    return {
      message: `Tệp ${name} không ghi kỳ báo cáo trên trang Thông tin nên không biết thuộc kỳ nào; kỳ đang tổng hợp là ${ws.period.code}.`,
      refusal: 'NO_PERIOD',
    };
  }
  if (id.period.trim().toUpperCase() !== ws.period.code.toUpperCase()) {
    return {
      message: `Tệp ${name} ghi kỳ báo cáo ${id.period.trim()}${where('period')}, không phải kỳ ${ws.period.code} đang tổng hợp.`,
      refusal: 'WRONG_PERIOD',
    };
  }
  return undefined;
}

/** A submission record for a freshly parsed content. */
export function summarise(
  ws: Workspace,
  p: ParsedReturn,
  base: Pick<Submission, 'sha256' | 'names' | 'size' | 'receivedAt' | 'batch'> &
    Partial<Pick<Submission, 'receivedSetBy' | 'modifiedAt'>>,
): Submission {
  const why = invalidReason(ws, base.names[0]!, p);
  const unit = p.identity.unitCode?.trim().toUpperCase() || undefined;
  const s: Submission = {
    sha256: base.sha256,
    names: base.names,
    size: base.size,
    receivedAt: base.receivedAt,
    ...(base.receivedSetBy !== undefined ? { receivedSetBy: base.receivedSetBy } : {}),
    ...(base.modifiedAt !== undefined ? { modifiedAt: base.modifiedAt } : {}),
    batch: base.batch,
    invalid: why !== undefined,
    status: why !== undefined ? 'rejected' : 'imported',
    findings: p.findings.map((f) => ({ id: f.id, severity: f.severity })),
  };
  if (unit) s.unit = unit;
  if (why !== undefined) {
    s.message = why.message;
    s.refusal = why.refusal;
  }
  return s;
}

async function safeParse(parse: ParseFn, bytes: Uint8Array, name: string, sha256: string): Promise<ParsedReturn> {
  try {
    return await parse(bytes, name, sha256);
  } catch (e) {
    return {
      file: name,
      sha256,
      size: bytes.length,
      status: 'rejected',
      rejection: { code: 'PARSE_FAILED', message: `Không đọc được tệp ${name}: ${(e as Error).message}` },
      identity: { sources: {} },
      values: {},
      findings: [],
    };
  }
}

/** Re-parse originals of the manifest whose cached parse is missing. Call under the lock. */
export async function fillDerived(ws: Workspace, m: Manifest, parse: ParseFn): Promise<number> {
  const missing = m.submissions.filter((s) => !loadDerived(ws, s.sha256));
  const parsed = await Promise.all(
    missing.map((s) => safeParse(parse, originalBytes(ws, s.sha256), s.names[0]!, s.sha256)),
  );
  missing.forEach((s, i) => storeDerived(ws, s.sha256, parsed[i] as ParsedReturn));
  return missing.length;
}

/**
 * Recompute every submission's status and the units' accepted/duplicate sets from the
 * history in the manifest. Needs each valid content's values (derived cache).
 */
export function applyReplay(ws: Workspace, m: Manifest): Manifest {
  const r = replay(m.submissions, m.choices, (sha) => requireDerived(ws, sha).values);
  return {
    ...m,
    submissions: m.submissions.map((s) => ({ ...s, status: r.status[s.sha256] ?? s.status })),
    units: r.units,
    supersessions: r.supersessions,
  };
}

/** Supersessions present in `after` but not in `before`. */
export function newSupersessions(before: Manifest, after: Manifest): Supersession[] {
  const key = (s: Supersession): string => `${s.seq}:${s.unit}:${s.from}:${s.to}`;
  const old = new Set(before.supersessions.map(key));
  return after.supersessions.filter((s) => !old.has(key(s)));
}

/** Audit drafts for supersessions. */
export function supersessionDrafts(list: Supersession[]): AuditDraft[] {
  return list.map((s) => ({ action: 'superseded', unit: s.unit, from: s.from, to: s.to, changes: s.changes }));
}

/**
 * Bring files into the workspace as one batch. Identical bytes are stored once (a second
 * name is recorded); a new content is stored, parsed, classified and the unit's submissions
 * re-evaluated. Nothing is committed when every file was already held under its name.
 */
export function ingestFiles(
  ws: Workspace,
  given: IngestFile[],
  parse: ParseFn,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const by = opts.by ?? ws.by;
  let files = given;
  const bad = files.find((f) => f.receivedAt !== undefined && Number.isNaN(Date.parse(f.receivedAt)));
  if (bad) {
    return Promise.reject(
      new WorkspaceError('BAD_INPUT', `Thời điểm nhận tệp ${bad.name} không hợp lệ: "${bad.receivedAt ?? ''}".`),
    );
  }
  // Names are kept relative, with `/`, in NFC: the same on every PC (see paths.ts).
  files = files.map((f) => ({ ...f, name: toStoredName(f.name) || f.name }));
  // Every file of a batch is received at the same instant: when it is imported.
  const importedAt = new Date().toISOString();
  const skipped: SkippedEntry[] = [];
  const max = opts.tooLarge;
  const tooLarge = (f: IngestFile, size: number): boolean => {
    if (!max || size <= max.maxBytes) return false;
    skipped.push({
      name: f.name,
      kind: 'too-large',
      size,
      ...(f.receivedAt ? { receivedAt: f.receivedAt } : {}),
      message: max.message(f.name, size),
    });
    return true;
  };
  files = files.filter((f) => !tooLarge(f, f.bytes?.length ?? f.size ?? 0));
  return mutate(ws, async (before) => {
    await fillDerived(ws, before, parse);
    const batch = before.seq + 1;
    const subs = before.submissions.map((s) => ({ ...s, names: [...s.names] }));
    const bySha = new Map(subs.map((s) => [s.sha256, s]));
    const drafts: AuditDraft[] = [];
    const outcomes: { name: string; sha256: string; outcome: IngestedFile['outcome'] }[] = [];
    const fresh = new Set<string>();
    // Files are taken in order through a window: each is read (when given by path), hashed
    // and classified by content; a new content starts parsing (on the pool) and storing
    // (fsyncs grouped) at once. Outcomes are then recorded in order while the files after it
    // are already under way; a file's bytes are let go once it is stored and parsed.
    type Plan = {
      f: IngestFile;
      size: number;
      sha256?: string;
      parsing?: Promise<ParsedReturn>;
      storing?: Promise<void>;
    };
    const plans: Plan[] = [];
    const newInBatch = new Set<string>();
    const cachedNames = derivedNames(ws);
    let inFlightBytes = 0;
    const begin = (f: IngestFile): Plan => {
      let bytes = f.bytes;
      if (bytes === undefined) {
        try {
          const buf = readFileSync(f.path as string | Buffer);
          bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
        } catch (e) {
          skipped.push({
            name: f.name,
            kind: 'unreadable',
            ...(f.size !== undefined ? { size: f.size } : {}),
            ...(f.receivedAt ? { receivedAt: f.receivedAt } : {}),
            message: fsErrorMessage(e, f.name, 'read'),
          });
          return { f, size: 0 };
        }
        // A file that grew past the limit between the listing and now is refused all the same.
        if (tooLarge(f, bytes.length)) return { f, size: 0 };
      }
      const sha256 = sha256Hex(bytes);
      const plan: Plan = { f, size: bytes.length, sha256 };
      if (!bySha.has(sha256) && !newInBatch.has(sha256)) {
        const cached = ws.cache.has(sha256) || cachedNames.has(`${sha256}.json`) ? loadDerived(ws, sha256) : undefined;
        plan.parsing = Promise.resolve(cached ?? safeParse(parse, bytes, f.name, sha256));
        plan.storing = storeOriginal(ws, sha256, bytes);
        // Every started promise is awaited below; a failure must not go unhandled meanwhile.
        plan.parsing.catch(() => undefined);
        plan.storing.catch(() => undefined);
        newInBatch.add(sha256);
        inFlightBytes += bytes.length;
      }
      return plan;
    };
    let done = 0;
    for (let i = 0; i < files.length; i++) {
      while (
        plans.length < files.length &&
        (plans.length <= i || (plans.length - i < INGEST_WINDOW_FILES && inFlightBytes < INGEST_WINDOW_BYTES))
      ) {
        plans.push(begin(files[plans.length]!));
      }
      const plan = plans[i]!;
      const { f, sha256, parsing, storing } = plan;
      plans[i] = { f, size: 0 };
      if (sha256 === undefined) {
        opts.onProgress?.(++done, files.length, f.name, false);
        continue;
      }
      const held = bySha.get(sha256);
      if (held) {
        // NTFS is case-insensitive: BC_S01.xlsx and bc_s01.XLSX are the same file.
        if (held.names.some((n) => sameFileName(n, f.name))) {
          outcomes.push({ name: f.name, sha256, outcome: 'known' });
        } else {
          held.names.push(f.name);
          outcomes.push({ name: f.name, sha256, outcome: 'same-bytes' });
          drafts.push({ action: 'duplicate-recorded', sha256, name: f.name, sameAs: held.names[0] });
        }
      } else {
        try {
          await storing;
        } finally {
          inFlightBytes -= plan.size;
        }
        const parsed = await (parsing as Promise<ParsedReturn>);
        storeDerived(ws, sha256, parsed);
        const sub = summarise(ws, parsed, {
          sha256,
          names: [f.name],
          size: plan.size,
          receivedAt: f.receivedAt ?? importedAt,
          ...(f.modifiedAt !== undefined && !Number.isNaN(Date.parse(f.modifiedAt))
            ? { modifiedAt: f.modifiedAt }
            : {}),
          batch,
        });
        subs.push(sub);
        bySha.set(sha256, sub);
        fresh.add(sha256);
        outcomes.push({ name: f.name, sha256, outcome: 'new' });
      }
      opts.onProgress?.(++done, files.length, f.name, held === undefined);
    }
    if (drafts.length === 0 && fresh.size === 0) {
      return {
        files: outcomes.map((o) => describe(o, bySha.get(o.sha256)!)),
        skipped,
        supersessions: [],
        committed: false,
      };
    }
    const after = applyReplay(ws, { ...before, submissions: subs });
    const afterBySha = new Map(after.submissions.map((s) => [s.sha256, s]));
    const newDrafts: AuditDraft[] = [];
    for (const sha of fresh) {
      const s = afterBySha.get(sha)!;
      newDrafts.push({
        action: s.invalid ? 'rejected' : 'imported',
        sha256: sha,
        name: s.names[0],
        size: s.size,
        receivedAt: s.receivedAt,
        unit: s.unit,
        status: s.status,
        ...(s.message ? { message: s.message } : {}),
      });
    }
    const superseded = newSupersessions(before, after);
    commit(ws, after, [...newDrafts, ...drafts, ...supersessionDrafts(superseded)], by);
    return {
      files: outcomes.map((o) => describe(o, afterBySha.get(o.sha256)!)),
      skipped,
      supersessions: superseded,
      committed: true,
    };
  });
}

function describe(o: { name: string; sha256: string; outcome: IngestedFile['outcome'] }, s: Submission): IngestedFile {
  const r: IngestedFile = { ...o, status: s.status };
  if (s.unit) r.unit = s.unit;
  if (s.message) r.message = s.message;
  return r;
}

/** Whether a directory entry is an Excel lock file, a hidden file or a temporary download. */
function skipName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('.tmp') || name.endsWith('.crdownload');
}

/** A file name as bytes from the file system, shown as text (bytes that are not UTF-8 become "�"). */
const nameDecoder = new TextDecoder('utf-8');

/** The files of a folder read for a batch, and the entries that could not be. */
export interface FolderContents {
  files: IngestFile[];
  skipped: SkippedEntry[];
}

/**
 * Read the regular files of a folder (not its subfolders) for a batch, skipping hidden files,
 * `~$` Excel lock files and unfinished downloads without a word. The files carry no `receivedAt`: they are received
 * when imported (a file's modification time says when it was saved on this computer — from an
 * email, after the deadline as often as not — not when the unit sent it; a person records the
 * real date with `setReceivedAt`). Every other entry that cannot be read — a subfolder, a link to nothing,
 * a device, a file over the size limit (judged from its size, never read), a file the system
 * will not open — is a {@link SkippedEntry} and the rest of the folder is read as usual. Names
 * that are not valid UTF-8 are read through their raw bytes and shown with "�".
 */
export function readFolder(dir: string, opts: Pick<IngestOptions, 'tooLarge'> = {}): FolderContents {
  const own = workspaceInfoAt(dir);
  if (own) throw new WorkspaceError('BAD_INPUT', workspaceNotReturnsMessage(dir, own));
  let raw: Buffer[];
  try {
    raw = readdirSync(dir, { encoding: 'buffer' });
  } catch (e) {
    throw new WorkspaceError('BAD_INPUT', fsErrorMessage(e, dir, 'list-folder'));
  }
  const base = Buffer.from(dir.endsWith(sep) ? dir : dir + sep);
  const entries = raw
    .map((bytes) => ({ bytes, name: nameDecoder.decode(bytes) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.bytes, b.bytes)));
  const files: IngestFile[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { bytes, name } of entries) {
    if (skipName(name)) continue;
    const path = Buffer.concat([base, bytes]);
    const skip = (kind: SkippedEntry['kind'], message: string, st?: Stats): void => {
      skipped.push({
        name,
        kind,
        message,
        ...(st ? { size: st.size, receivedAt: st.mtime.toISOString() } : {}),
      });
    };
    let st: Stats;
    try {
      st = statSync(path);
    } catch (e) {
      const link = lstatOrUndefined(path);
      if (link?.isSymbolicLink()) {
        skip(
          'broken-link',
          `${name} là lối tắt (liên kết) trỏ đến nơi không còn tồn tại nên không đọc được. Hãy chép chính tệp báo cáo vào thư mục.`,
        );
      } else skip('unreadable', fsErrorMessage(e, name, 'read'));
      continue;
    }
    if (st.isDirectory()) {
      const own = workspaceInfoAt(join(dir, name));
      skip('folder', own ? workspaceSubfolderMessage(name, own) : folderMessage(name, path));
      continue;
    }
    if (!st.isFile()) {
      skip('not-a-file', `${name} không phải là một tệp thông thường nên không được đọc.`);
      continue;
    }
    if (opts.tooLarge && st.size > opts.tooLarge.maxBytes) {
      skip('too-large', opts.tooLarge.message(name, st.size), st);
      continue;
    }
    // Read when the batch comes to it (see IngestFile.path): a file the system will not
    // open is then an `unreadable` entry of the batch.
    files.push({ name, path, size: st.size });
  }
  return { files, skipped };
}

function lstatOrUndefined(path: Buffer): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A workspace folder chosen as the folder of returns (its own files — the manifest, the audit
 * log — are no unit's return): nothing is read from it, and this says why and what to choose.
 */
export function workspaceNotReturnsMessage(dir: string, info: WorkspaceInfo): string {
  return (
    `Thư mục ${dir} là thư mục lưu trữ của kỳ báo cáo ${info.period} do ứng dụng tạo ra, ` +
    'không phải thư mục chứa báo cáo của các đơn vị: không nhập tệp nào từ thư mục này. ' +
    'Hãy chọn thư mục chứa các tệp .xlsx mà đơn vị gửi.'
  );
}

/** A subfolder that is a period's workspace (the folder of all periods was chosen): never to be chosen instead. */
export function workspaceSubfolderMessage(name: string, info: WorkspaceInfo): string {
  return `Thư mục con ${name} là thư mục lưu trữ của kỳ báo cáo ${info.period} do ứng dụng tạo ra, không phải báo cáo của đơn vị, nên được bỏ qua.`;
}

/** "Thư mục con X03 (2 tệp) không được đọc…": what a subfolder holds, and what to do. */
function folderMessage(name: string, path: Buffer): string {
  let count = '';
  try {
    count = ` (có ${readdirSync(path).length} mục)`;
  } catch {
    // An unreadable subfolder is named all the same.
  }
  return (
    `Thư mục con ${name}${count} được bỏ qua: chỉ các tệp nằm ngay trong thư mục đã chọn được nhập. ` +
    'Nếu trong đó có báo cáo, hãy chuyển tệp ra thư mục đã chọn, hoặc chọn chính thư mục con này.'
  );
}

/**
 * Ingest every regular file of a folder as one batch ({@link readFolder}: subfolders and odd
 * entries are reported in `skipped`, never stop the batch).
 */
export async function ingestFolder(
  ws: Workspace,
  dir: string,
  parse: ParseFn,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const folder = readFolder(dir, opts);
  const r = await ingestFiles(ws, folder.files, parse, opts);
  return { ...r, skipped: [...folder.skipped, ...r.skipped].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}
