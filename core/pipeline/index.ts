/**
 * The orchestration both the CLI and the app call: ingest a folder of returns into the
 * period's workspace (parsing in worker threads), reconcile, and describe the result in the
 * shape of cli.md. No printing; progress through a callback.
 */
import type { Form } from '../form/types.js';
import {
  createImportPool,
  DEFAULT_IMPORT_LIMITS,
  poolSizeFor,
  REJECTIONS,
  type ImportPool,
  type SerializableContext,
} from '../import/index.js';
import type { Consolidation, Dataset } from '../model/consolidation.js';
import type { Period } from '../period/index.js';
import { consolidationToJson, reconcile, type ConsolidationJson } from '../reconcile/index.js';
import type { Unit } from '../units/index.js';
import {
  dataset,
  ensureDerived,
  ingestFiles,
  openWorkspace,
  readFolder,
  tracker,
  type FileTrack,
  type FolderContents,
  type IngestFile,
  type IngestOptions,
  type IngestResult,
  type SkippedEntry,
  type ParseFn,
  type UnitStatus,
  type UnitTrack,
  type Workspace,
  type FileOps,
  type RetryPolicy,
  WorkspaceError,
} from '../workspace/index.js';

export type PipelineStage = 'import' | 'reconcile';

export interface PipelineProgress {
  stage: PipelineStage;
  done: number;
  total: number;
  file?: string;
  /** Import stage: of the files done, how many were new to the workspace (the rest it held already). */
  fresh?: number;
}

export interface PipelineRequest {
  form: Form;
  period: Period;
  /** The register, limited to the period's tiers. */
  units: Unit[];
  workspaceDir: string;
  /** A folder of returns to ingest first (non-recursive). */
  inputDir?: string;
  /** Or files given directly (drag and drop). */
  files?: IngestFile[];
  /** The workspace folder of an earlier period, for the period-to-period checks. */
  previous?: { dir: string; period: Period };
  by?: string;
  /** An import pool to reuse (the app keeps one); otherwise one is made and closed. */
  pool?: ImportPool;
  /**
   * A pool the caller started ahead and hands over (the command line's early workers): used for
   * the import like one made here, and closed by the pipeline as soon as the import is done.
   */
  handedPool?: ImportPool;
  onProgress?: (p: PipelineProgress) => void;
  /** The workspace's raw file operations (tests: a Windows-like fault-injecting layer); Node's by default. */
  fileOps?: FileOps;
  /** How long the workspace waits out a file held by another program. */
  retry?: RetryPolicy;
}

/** A unit's line in the result: the tracker's view, with reconcile's errors folded in. */
export interface UnitResult extends UnitTrack {
  /** Open error findings of any kind (import and reconciliation) against the unit. */
  openErrors: number;
}

/** The `consolidate --json` document of cli.md. */
export interface CliJson extends ConsolidationJson {
  period: string;
  units: {
    code: string;
    name: string;
    tier: string;
    status: UnitStatus;
    receivedAt?: string;
    /** For `rejected`: when the unit's first (refused) file came; `late` is that date's. */
    sentAt?: string;
    late: boolean;
    file?: string;
    openErrors: number;
    /** For `rejected` and `duplicate`: why the unit has no figures. */
    message?: string;
  }[];
  files: {
    name: string;
    /** Absent for an entry that was never read (a subfolder, a file over the size limit…). */
    sha256?: string;
    unit?: string;
    status: FileTrack['status'];
    message?: string;
    receivedAt: string;
  }[];
}

export interface PipelineResult {
  workspace: Workspace;
  ingest?: IngestResult;
  units: UnitResult[];
  files: FileTrack[];
  consolidation: Consolidation;
  json: CliJson;
  /** Open error findings: a report may be signed only when this is 0. */
  openErrors: number;
}

/**
 * A parse function over a worker pool, with the period's context. The pool takes ownership
 * of (transfers) the bytes it is given, so it gets a copy: the workspace is still writing the
 * original.
 */
export function poolParser(pool: ImportPool, ctx: SerializableContext): ParseFn {
  return (bytes, fileName, sha256) => pool.parse(bytes.slice(), fileName, ctx, sha256);
}

/** An entry of the batch that was never read, as a file line: refused, with why and no SHA-256. */
function skippedTrack(e: SkippedEntry): FileTrack {
  return { name: e.name, status: 'rejected', message: e.message, receivedAt: e.receivedAt ?? new Date().toISOString() };
}

/** Unit statuses after reconciliation: an accepted unit with an open error is `has-errors`. */
export function foldUnitStatuses(tracks: UnitTrack[], c: Consolidation): UnitResult[] {
  const errorsByUnit = new Map<string, number>();
  for (const f of c.findings) {
    if (f.unit !== undefined && f.severity === 'error' && f.status === 'open') {
      errorsByUnit.set(f.unit, (errorsByUnit.get(f.unit) ?? 0) + 1);
    }
  }
  return tracks.map((t) => {
    const openErrors = errorsByUnit.get(t.code) ?? 0;
    const status: UnitStatus =
      (t.status === 'accepted' || t.status === 'received') && openErrors > 0 ? 'has-errors' : t.status;
    return { ...t, status, openErrors };
  });
}

/** Assemble the cli.md JSON document. */
export function toCliJson(period: Period, units: UnitResult[], files: FileTrack[], c: Consolidation): CliJson {
  return {
    period: period.code,
    units: units.map((u) => ({
      code: u.code,
      name: u.name,
      tier: u.tier,
      status: u.status,
      ...(u.receivedAt !== undefined ? { receivedAt: u.receivedAt } : {}),
      ...(u.sentAt !== undefined ? { sentAt: u.sentAt } : {}),
      late: u.late,
      ...(u.file !== undefined ? { file: u.file } : {}),
      openErrors: u.openErrors,
      ...(u.message !== undefined ? { message: u.message } : {}),
    })),
    files: files.map((f) => ({
      name: f.name,
      ...(f.sha256 !== undefined ? { sha256: f.sha256 } : {}),
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      status: f.status,
      ...(f.message !== undefined ? { message: f.message } : {}),
      receivedAt: f.receivedAt,
    })),
    ...consolidationToJson(c),
  };
}

/**
 * The dataset of the workspace. `derived/` is a cache: when an entry is missing (deleted, or
 * from an older version) the originals are parsed again before reading.
 */
async function datasetWithCache(
  ws: Workspace,
  req: PipelineRequest,
  ctx: SerializableContext,
  previous: Workspace | undefined,
): Promise<Dataset> {
  const read = (): Dataset => dataset(ws, req.form, req.units, req.period, previous ? { previous } : {});
  try {
    return read();
  } catch (e) {
    if (!(e instanceof WorkspaceError) || e.code !== 'DERIVED_MISSING') throw e;
  }
  const pool = req.pool ?? createImportPool();
  try {
    await ensureDerived(ws, poolParser(pool, ctx));
    if (previous)
      await ensureDerived(previous, poolParser(pool, { form: req.form, units: req.units, period: previous.period }));
  } finally {
    if (!req.pool) await pool.close();
  }
  return read();
}

/**
 * Ingest (when given a folder or files), then reconcile everything the workspace holds.
 * Identical files already in the workspace are recorded once, so running it again on the
 * same folder changes nothing.
 */
export async function runConsolidation(req: PipelineRequest): Promise<PipelineResult> {
  // A handed-over pool is this run's own from the start: closed even when opening fails.
  let own: ImportPool | undefined = req.handedPool;
  const tooLarge = {
    maxBytes: DEFAULT_IMPORT_LIMITS.maxFileBytes,
    message: (name: string, size: number) =>
      REJECTIONS.IMPORT_FILE_TOO_LARGE(name, size, DEFAULT_IMPORT_LIMITS.maxFileBytes),
  };
  let ws: Workspace;
  // The folder is read once, before the workspace is opened (a folder that cannot be the
  // returns — a workspace itself — leaves no new workspace behind): its files make the batch,
  // its odd entries are reported with it.
  let folder: FolderContents | undefined;
  try {
    folder = req.inputDir !== undefined ? readFolder(req.inputDir, { tooLarge }) : undefined;
    ws = await openWorkspace(req.workspaceDir, {
      period: req.period,
      create: true,
      ...(req.by ? { by: req.by } : {}),
      ...(req.fileOps ? { fileOps: req.fileOps } : {}),
      ...(req.retry ? { retry: req.retry } : {}),
    });
  } catch (e) {
    await own?.close();
    throw e;
  }
  const ctx: SerializableContext = { form: req.form, units: req.units, period: req.period };
  const batch = (folder?.files.length ?? 0) + (req.files?.length ?? 0);
  // Without a pool given, workers are started only when a file needs parsing: a folder the
  // workspace already holds (a report or checklists after consolidating) starts none.
  const pool = (): ImportPool => req.pool ?? (own ??= createImportPool({ size: poolSizeFor(batch) }));
  let ingest: IngestResult | undefined;
  // The pool's workers are stopped while the figures are reconciled (their threads wind down
  // on their own); the result waits for that before it is returned.
  let closing: Promise<void> | undefined;
  try {
    if (folder !== undefined || req.files !== undefined) {
      const parse: ParseFn = (bytes, fileName, sha256) => pool().parse(bytes.slice(), fileName, ctx, sha256);
      let fresh = 0;
      const opts: IngestOptions = {
        ...(req.by ? { by: req.by } : {}),
        onProgress: (done: number, total: number, name: string, isNew: boolean) => {
          if (isNew) fresh++;
          req.onProgress?.({ stage: 'import', done, total, file: name, fresh });
        },
        tooLarge,
      };
      if (folder !== undefined) {
        const r = await ingestFiles(ws, folder.files, parse, opts);
        ingest = { ...r, skipped: [...folder.skipped, ...r.skipped] };
      }
      if (req.files !== undefined) ingest = await ingestFiles(ws, req.files, parse, opts);
    }
  } finally {
    closing = own?.close();
    // Awaited below; a failure of the import must not leave it unhandled meanwhile.
    closing?.catch(() => undefined);
  }
  req.onProgress?.({ stage: 'reconcile', done: 0, total: 1 });
  const previous = req.previous ? await openWorkspace(req.previous.dir, { period: req.previous.period }) : undefined;
  const ds = await datasetWithCache(ws, req, ctx, previous);
  const consolidation = reconcile(ds);
  const track = tracker(ws, req.units, req.period);
  const units = foldUnitStatuses(track.units, consolidation);
  req.onProgress?.({ stage: 'reconcile', done: 1, total: 1 });
  const files = [...track.files, ...(ingest?.skipped ?? []).map(skippedTrack)];
  const json = toCliJson(req.period, units, files, consolidation);
  const openErrors = consolidation.findings.filter((f) => f.severity === 'error' && f.status === 'open').length;
  await closing;
  return { workspace: ws, ...(ingest ? { ingest } : {}), units, files, consolidation, json, openErrors };
}
