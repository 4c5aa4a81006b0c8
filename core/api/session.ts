/**
 * One open period: its workspace, its register, and its consolidation, recomputed only when
 * the workspace changed (any committed operation rewrites the manifest), so that switching
 * screens shows the last state at once.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BoardView } from '../../shared-api/app-api.js';
import type { Form } from '../form/types.js';
import { createImportPool } from '../import/index.js';
import type { Consolidation } from '../model/consolidation.js';
import type { Period } from '../period/index.js';
import { foldUnitStatuses, poolParser, type UnitResult } from '../pipeline/index.js';
import { reconcile } from '../reconcile/index.js';
import { loadDefaultUnits, type Unit } from '../units/index.js';
import {
  dataset,
  ensureDerived,
  openWorkspace,
  readManifest,
  storedRegister,
  tracker,
  WorkspaceError,
  type FileOps,
  type FileTrack,
  type Manifest,
  type RegisterUnit,
  type RetryPolicy,
  type Workspace,
} from '../workspace/index.js';
import { deadlineEnd, dropAppBoard, readAppBoard, saveAppBoard } from './board.js';
import { boardView } from './board-view.js';
import { ApiError } from './errors.js';

/** The state of a period as every screen reads it. */
export interface PeriodState {
  workspace: Workspace;
  manifest: Manifest;
  /** The active units of the register in the period's tiers. */
  units: Unit[];
  tracks: UnitResult[];
  files: FileTrack[];
  consolidation: Consolidation;
  openErrors: number;
}

/** Units as a period register, every one active. */
export function activeRegister(units: readonly Unit[]): RegisterUnit[] {
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    tier: u.tier,
    ...(u.parent ? { parent: u.parent } : {}),
    active: true,
  }));
}

/** The built-in register as a period register: every unit active. */
export function defaultRegister(): RegisterUnit[] {
  return activeRegister(loadDefaultUnits());
}

export class PeriodSession {
  private ws: Workspace | undefined;
  private opening: Promise<Workspace> | undefined;
  private cached: { key: string; state: PeriodState } | undefined;
  private inflight: { key: string; state: Promise<PeriodState> } | undefined;
  /**
   * The saved board as last read, for the same workspace state and the same side of the
   * deadline: the header and the board read it at start-up (and the engine once before them),
   * one file read and checked once instead of each time.
   */
  private savedBoard: { key: string; afterDeadline: boolean; view: BoardView } | undefined;

  constructor(
    readonly period: Period,
    readonly dir: string,
    private readonly form: Form,
    /** The workspace's file layer (tests: a Windows-like one); Node's by default. */
    private readonly files: { fileOps?: FileOps; retry?: RetryPolicy } = {},
    /** The clock, for deadlines ("quá hạn" on the board). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the workspace folder exists already. */
  started(): boolean {
    return existsSync(join(this.dir, 'workspace.json'));
  }

  /** The workspace, created on first use. */
  async workspace(): Promise<Workspace> {
    if (this.ws) return this.ws;
    // Callers at once (the engine's prewarm and the window's first question) share one opening.
    this.opening ??= openWorkspace(this.dir, {
      period: this.period,
      create: true,
      ...(this.files.fileOps ? { fileOps: this.files.fileOps } : {}),
      ...(this.files.retry ? { retry: this.files.retry } : {}),
    });
    try {
      this.ws = await this.opening;
    } catch (e) {
      if (e instanceof WorkspaceError) throw new ApiError(e.message);
      throw e;
    } finally {
      this.opening = undefined;
    }
    return this.ws;
  }

  /** The period's register: stored when edited, the built-in one otherwise. */
  register(): { units: RegisterUnit[]; edited: boolean } {
    const stored = this.started() ? storedRegister({ dir: this.dir } as Workspace) : undefined;
    return stored ? { units: stored, edited: true } : { units: defaultRegister(), edited: false };
  }

  /** Active units of the register whose tier exists in the period. */
  units(): Unit[] {
    return this.register()
      .units.filter((u) => u.active && this.period.tiers.includes(u.tier))
      .map((u) => ({ code: u.code, name: u.name, tier: u.tier, ...(u.parent ? { parent: u.parent } : {}) }));
  }

  /** Drop the cached consolidation and the saved board (after an operation that may not go through the manifest). */
  invalidate(): void {
    this.cached = undefined;
    this.savedBoard = undefined;
    if (this.ws) dropAppBoard(this.ws.dir);
  }

  /** The manifest's identity on disk: every committed operation rewrites it. */
  private manifestKey(ws: Workspace): string {
    const st = statSync(join(ws.dir, 'manifest.json'));
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  }

  /**
   * The board of what the workspace holds now: from the consolidation in memory when it is
   * current, else from the board saved with the last consolidation when that was made from
   * this very workspace state (see {@link readAppBoard}) — opening a period of 1,000 units
   * then reads one file instead of a thousand parsed returns — else consolidated now.
   */
  async board(): Promise<{ view: BoardView; saved: boolean }> {
    const ws = await this.workspace();
    const now = this.now();
    const key = this.manifestKey(ws);
    if (this.cached?.key === key) return { view: boardView(this.cached.state, now), saved: false };
    if (this.inflight?.key !== key) {
      const afterDeadline = now.getTime() > deadlineEnd(this.period);
      const held = this.savedBoard;
      if (held?.key === key && held.afterDeadline === afterDeadline) return { view: held.view, saved: true };
      const saved = readAppBoard(ws.dir, { form: this.form, units: this.units(), period: this.period }, now);
      // The manifest may have moved while the board was read: then the board is not used.
      if (saved && this.manifestKey(ws) === key) {
        this.savedBoard = { key, afterDeadline, view: saved };
        return { view: saved, saved: true };
      }
    }
    return { view: boardView(await this.state(), now), saved: false };
  }

  /** The consolidation of what the workspace holds now. */
  async state(): Promise<PeriodState> {
    const ws = await this.workspace();
    const key = this.manifestKey(ws);
    if (this.cached?.key === key) return this.cached.state;
    // Screens asking at once (the header and the board at start-up) share one computation.
    if (this.inflight?.key === key) return this.inflight.state;
    const state = this.compute(ws, key);
    this.inflight = { key, state };
    try {
      return await state;
    } finally {
      if (this.inflight?.state === state) this.inflight = undefined;
    }
  }

  private async compute(ws: Workspace, key: string): Promise<PeriodState> {
    const manifest = readManifest(ws.dir);
    const units = this.units();
    const read = () => dataset(ws, this.form, units, this.period);
    let ds;
    try {
      ds = read();
    } catch (e) {
      if (!(e instanceof WorkspaceError) || e.code !== 'DERIVED_MISSING') throw e;
      const pool = createImportPool({ size: 1 });
      try {
        await ensureDerived(ws, poolParser(pool, { form: this.form, units, period: this.period }));
      } finally {
        await pool.close();
      }
      ds = read();
    }
    const consolidation = reconcile(ds);
    const track = tracker(ws, units, this.period);
    const tracks = foldUnitStatuses(track.units, consolidation);
    const openErrors = consolidation.findings.filter((f) => f.severity === 'error' && f.status === 'open').length;
    const state: PeriodState = {
      workspace: ws,
      manifest,
      units,
      tracks,
      files: track.files,
      consolidation,
      openErrors,
    };
    this.cached = { key, state };
    this.savedBoard = undefined;
    // The board of this state, for the next opening of the period (after a restart).
    const now = this.now();
    saveAppBoard(ws.dir, manifest.seq, { form: this.form, units, period: this.period }, boardView(state, now), {
      now,
      fs: ws.fs,
    });
    return state;
  }
}
