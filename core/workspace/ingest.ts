/**
 * Bringing files into the workspace: originals stored once by content, parsed by the injected
 * parse function, classified, and the statuses of the unit's submissions replayed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedReturn } from '../model/index.js';
import { WorkspaceError } from './errors.js';
import { replay } from './replay.js';
import type { Manifest, Submission, SubmissionStatus, Supersession } from './schema.js';
import {
  commit,
  loadDerived,
  mutate,
  originalBytes,
  requireDerived,
  sha256Hex,
  storeDerived,
  storeOriginal,
  type AuditDraft,
  type Workspace,
} from './store.js';

/** Reads one file's bytes into a return. Injected: the workspace never opens workbooks itself. */
export type ParseFn = (bytes: Uint8Array, fileName: string) => Promise<ParsedReturn>;

export interface IngestFile {
  name: string;
  bytes: Uint8Array;
  /** ISO instant; defaults to now. */
  receivedAt?: string;
  /** The file's own modified time (ISO), kept to show, never used for lateness. */
  modifiedAt?: string;
}

export interface IngestOptions {
  by?: string;
  onProgress?: (done: number, total: number, name: string) => void;
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
  /** Accepted submissions replaced by this batch, with the figures that moved. */
  supersessions: Supersession[];
  /** False when the batch changed nothing (every file already held under its name). */
  committed: boolean;
}

/** Why a parsed return can never be a unit's submission for this period, or undefined. */
function invalidReason(ws: Workspace, name: string, p: ParsedReturn): string | undefined {
  if (p.status === 'rejected') return p.rejection?.message ?? `Tệp ${name} không đọc được như một báo cáo.`;
  const id = p.identity;
  const where = (k: 'unitCode' | 'period'): string => {
    const s = id.sources[k];
    return s ? ` (trang ${s.sheet}, ô ${s.cell})` : '';
  };
  if (!id.unitCode?.trim())
    return `Tệp ${name} không ghi mã đơn vị trên trang Thông tin nên không biết của đơn vị nào.`;
  if (!id.period?.trim()) {
    return `Tệp ${name} không ghi kỳ báo cáo trên trang Thông tin nên không biết thuộc kỳ nào; kỳ đang tổng hợp là ${ws.period.code}.`;
  }
  if (id.period.trim().toUpperCase() !== ws.period.code.toUpperCase()) {
    return `Tệp ${name} ghi kỳ báo cáo ${id.period.trim()}${where('period')}, không phải kỳ ${ws.period.code} đang tổng hợp.`;
  }
  return undefined;
}

/** A submission record for a freshly parsed content. */
export function summarise(
  ws: Workspace,
  p: ParsedReturn,
  base: Pick<Submission, 'sha256' | 'names' | 'size' | 'receivedAt' | 'batch' | 'modifiedAt'>,
): Submission {
  const message = invalidReason(ws, base.names[0]!, p);
  const unit = p.identity.unitCode?.trim().toUpperCase() || undefined;
  const s: Submission = {
    ...base,
    invalid: message !== undefined,
    status: message !== undefined ? 'rejected' : 'imported',
    findings: p.findings.map((f) => ({ id: f.id, severity: f.severity })),
  };
  if (unit) s.unit = unit;
  if (message !== undefined) s.message = message;
  return s;
}

async function safeParse(parse: ParseFn, bytes: Uint8Array, name: string, sha256: string): Promise<ParsedReturn> {
  try {
    return await parse(bytes, name);
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
  files: IngestFile[],
  parse: ParseFn,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const by = opts.by ?? ws.by;
  const bad = files.find((f) => f.receivedAt !== undefined && Number.isNaN(Date.parse(f.receivedAt)));
  if (bad) {
    return Promise.reject(
      new WorkspaceError('BAD_INPUT', `Thời điểm nhận tệp ${bad.name} không hợp lệ: "${bad.receivedAt ?? ''}".`),
    );
  }
  return mutate(ws, async (before) => {
    await fillDerived(ws, before, parse);
    const batch = before.seq + 1;
    const subs = before.submissions.map((s) => ({ ...s, names: [...s.names] }));
    const bySha = new Map(subs.map((s) => [s.sha256, s]));
    const drafts: AuditDraft[] = [];
    const outcomes: { name: string; sha256: string; outcome: IngestedFile['outcome'] }[] = [];
    const fresh = new Set<string>();
    // First pass: classify every file by content; start parsing (in parallel, on the pool)
    // and storing (fsyncs grouped) every new content at once.
    type Plan = { f: IngestFile; sha256: string; parsing?: Promise<ParsedReturn>; storing?: Promise<void> };
    const plans: Plan[] = [];
    const newInBatch = new Map<string, Plan>();
    for (const f of files) {
      const sha256 = sha256Hex(f.bytes);
      const plan: Plan = { f, sha256 };
      if (!bySha.has(sha256) && !newInBatch.has(sha256)) {
        plan.parsing = Promise.resolve(loadDerived(ws, sha256) ?? safeParse(parse, f.bytes, f.name, sha256));
        plan.storing = storeOriginal(ws, sha256, f.bytes);
        newInBatch.set(sha256, plan);
      }
      plans.push(plan);
    }
    // Every started promise is awaited below; a failure of one must not go unhandled meanwhile.
    for (const p of plans) {
      p.parsing?.catch(() => undefined);
      p.storing?.catch(() => undefined);
    }
    let done = 0;
    for (const { f, sha256, parsing, storing } of plans) {
      const held = bySha.get(sha256);
      if (held) {
        if (held.names.includes(f.name)) {
          outcomes.push({ name: f.name, sha256, outcome: 'known' });
        } else {
          held.names.push(f.name);
          outcomes.push({ name: f.name, sha256, outcome: 'same-bytes' });
          drafts.push({ action: 'duplicate-recorded', sha256, name: f.name, sameAs: held.names[0] });
        }
      } else {
        await storing;
        const parsed = await (parsing as Promise<ParsedReturn>);
        storeDerived(ws, sha256, parsed);
        const sub = summarise(ws, parsed, {
          sha256,
          names: [f.name],
          size: f.bytes.length,
          receivedAt: f.receivedAt ?? new Date().toISOString(),
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
      opts.onProgress?.(++done, files.length, f.name);
    }
    if (drafts.length === 0 && fresh.size === 0) {
      return { files: outcomes.map((o) => describe(o, bySha.get(o.sha256)!)), supersessions: [], committed: false };
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

/**
 * Ingest every regular file of a folder (not its subfolders), skipping hidden files and
 * `~$` Excel lock files; each file's modification time is its `receivedAt`.
 */
export function ingestFolder(
  ws: Workspace,
  dir: string,
  parse: ParseFn,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const files: IngestFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (skipName(name)) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (!st.isFile()) continue;
    files.push({ name, bytes: new Uint8Array(readFileSync(path)), receivedAt: st.mtime.toISOString() });
  }
  return ingestFiles(ws, files, parse, opts);
}
