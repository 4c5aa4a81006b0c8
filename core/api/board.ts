/**
 * The board of a period — what the app shows when a period is opened (units and their
 * statuses, files not used, targets, key totals, the first findings) — kept beside the
 * workspace as `derived/board.json` after every consolidation, so that opening a period of
 * 1,000 units reads one small file instead of a thousand parsed returns and a reconciliation.
 *
 * It is a cache: it is used only when it was made from the same workspace state (the
 * manifest's `seq`: every import, choice, explanation or province figure moves it), the same
 * form, register, period and previous period, and when no deadline has passed since (a
 * missing unit turns late then). Otherwise {@link openBoard} reconciles the workspace again
 * and saves the new board. Nothing in it is ever the only copy of anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { BoardView, ConsolidationView } from '../../shared-api/app-api.js';
import type { Form } from '../form/types.js';
import type { Period } from '../period/index.js';
import type { PipelineRequest, PipelineResult } from '../pipeline/index.js';
import type { Unit } from '../units/index.js';
import { writeFileAtomic } from '../workspace/atomic.js';
import type { FileOps } from '../workspace/index.js';
import { DERIVED_DIR } from '../workspace/store.js';
import { toConsolidationView } from './consolidation-view.js';

const BOARD_FILE = 'board.json';
/** Bumped whenever the view's shape or meaning changes: an older board is then ignored. */
const BOARD_FORMAT = 1;

/** What a board was made from, besides the workspace state. */
export interface BoardContext {
  form: Form;
  units: Unit[];
  period: Period;
  /** The previous period's workspace folder, when period-to-period checks were made. */
  previousDir?: string;
}

interface BoardFile<V> {
  boardFormat: number;
  seq: number;
  context: string;
  savedAt: string;
  view: V;
}

function contextKey(c: BoardContext): string {
  return createHash('sha256')
    .update(JSON.stringify([BOARD_FORMAT, c.form, c.units, c.period, c.previousDir ?? null]))
    .digest('hex');
}

/** The manifest's `seq`, read without validating the whole manifest (a mismatch only means no board). */
function manifestSeq(workspaceDir: string): number | undefined {
  try {
    const m = JSON.parse(readFileSync(join(workspaceDir, 'manifest.json'), 'utf8')) as { seq?: unknown };
    return typeof m.seq === 'number' ? m.seq : undefined;
  } catch {
    return undefined;
  }
}

/** The end of the period's deadline day, Vietnam time, as epoch milliseconds. */
export function deadlineEnd(period: Period): number {
  return Date.parse(`${period.deadline}T23:59:59.999+07:00`);
}

/**
 * The payload of a saved board file when it was made from this workspace state (`seq`) and
 * context (`key`) and no deadline has passed since it was saved; otherwise undefined.
 */
function readSaved(
  path: string,
  workspaceDir: string,
  key: string,
  period: Period,
  now: Date,
): { view: unknown; seq: number } | undefined {
  if (!existsSync(path)) return undefined;
  let file: BoardFile<unknown>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as BoardFile<unknown>;
  } catch {
    return undefined;
  }
  if (typeof file !== 'object' || file === null || file.boardFormat !== BOARD_FORMAT) return undefined;
  const seq = manifestSeq(workspaceDir);
  if (seq === undefined || file.seq !== seq || file.context !== key) return undefined;
  const saved = Date.parse(file.savedAt);
  const deadline = deadlineEnd(period);
  if (!Number.isFinite(saved) || (saved <= deadline && now.getTime() > deadline)) return undefined;
  if (typeof file.view !== 'object' || file.view === null) return undefined;
  return { view: file.view, seq };
}

/**
 * The board saved for this workspace state and context, or undefined when there is none or it
 * may be out of date.
 */
export function readBoard(workspaceDir: string, ctx: BoardContext, now = new Date()): ConsolidationView | undefined {
  const hit = readSaved(join(workspaceDir, DERIVED_DIR, BOARD_FILE), workspaceDir, contextKey(ctx), ctx.period, now);
  const view = hit?.view as ConsolidationView | undefined;
  return view && Array.isArray(view.units) ? view : undefined;
}

/**
 * The board of a consolidation result, saved for the next opening. Entries of the folder that
 * were never read (subfolders, files over the limit) belong to the run that read the folder,
 * not to the workspace: they are left out of the saved board.
 */
export function saveBoard(result: PipelineResult, ctx: BoardContext, sourceDir: string, now = new Date()): void {
  const kept = { ...result, files: result.files.filter((f) => f.sha256 !== undefined) };
  const file: BoardFile<ConsolidationView> = {
    boardFormat: BOARD_FORMAT,
    seq: manifestSeq(result.workspace.dir) ?? -1,
    context: contextKey(ctx),
    savedAt: now.toISOString(),
    view: toConsolidationView(kept, sourceDir),
  };
  try {
    writeFileAtomic(join(result.workspace.dir, DERIVED_DIR, BOARD_FILE), JSON.stringify(file), {
      durability: 'none',
      fs: result.workspace.fs,
    });
  } catch {
    // A board that cannot be saved is made again at the next opening.
  }
}

/**
 * The board of a period's workspace: the saved one when it is current, otherwise the
 * workspace reconciled again (no folder is read) and its board saved.
 */
export async function openBoard(
  req: Pick<PipelineRequest, 'form' | 'period' | 'units' | 'workspaceDir' | 'previous' | 'by'>,
  now = new Date(),
): Promise<{ view: ConsolidationView; cached: boolean }> {
  const ctx: BoardContext = {
    form: req.form,
    units: req.units,
    period: req.period,
    ...(req.previous ? { previousDir: req.previous.dir } : {}),
  };
  const hit = readBoard(req.workspaceDir, ctx, now);
  if (hit) return { view: hit, cached: true };
  const { runConsolidation } = await import('../pipeline/index.js');
  const result = await runConsolidation(req);
  saveBoard(result, ctx, '', now);
  return { view: toConsolidationView(result, ''), cached: false };
}

/**
 * The window's board ("Theo dõi" and the period header's counts), kept as
 * `derived/app-board.json` by the app's period session after every consolidation it makes,
 * under the same rules as the board above: used only for the same workspace state (`seq`),
 * form, register and period, and not once a deadline has passed since it was saved (its
 * "chưa đến hạn" would then be wrong). It lets a period of 1,000 units open without parsing
 * a thousand returns and reconciling them; the full consolidation is made only when a screen
 * needs findings or figures.
 */
const APP_BOARD_FILE = 'app-board.json';

const tier = z.enum(['so', 'huyen', 'xa']);
const unitStatus = z.enum(['missing', 'received', 'has-errors', 'accepted', 'duplicate', 'rejected']);
const count = z.number().int().nonnegative();
/** The window's board as saved: a file that does not read as one is not used. */
const boardViewSchema = z.object({
  period: z.string(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      tier,
      tierLabel: z.string(),
      status: unitStatus,
      statusLabel: z.string(),
      late: z.boolean(),
      timelinessLabel: z.string(),
      file: z.string().optional(),
      sha256: z.string().optional(),
      receivedAt: z.string().optional(),
      receivedLabel: z.string().optional(),
      modifiedLabel: z.string().optional(),
      openErrors: count,
      openWarnings: count,
      note: z.string().optional(),
    }),
  ),
  statuses: z.array(z.object({ status: unitStatus, label: z.string(), count })),
  total: count,
  summaryText: z.string(),
  chart: z.array(
    z.object({
      tier,
      tierLabel: z.string(),
      onTime: count,
      late: count,
      rejected: count,
      missing: count,
      total: count,
      rateText: z.string(),
    }),
  ),
  missingListText: z.string(),
  missingCount: count,
  files: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['imported', 'rejected', 'duplicate', 'superseded']),
      statusLabel: z.string(),
      unit: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
}) satisfies z.ZodType<BoardView>;

/** What the window's board was made from, besides the workspace state. */
export interface AppBoardContext {
  form: Form;
  units: Unit[];
  period: Period;
}

const formKeys = new WeakMap<Form, string>();

function appContextKey(c: AppBoardContext): string {
  let formKey = formKeys.get(c.form);
  if (formKey === undefined) {
    formKey = createHash('sha256').update(JSON.stringify(c.form)).digest('hex');
    formKeys.set(c.form, formKey);
  }
  return createHash('sha256')
    .update(JSON.stringify(['app', BOARD_FORMAT, formKey, c.units, c.period]))
    .digest('hex');
}

function appBoardPath(workspaceDir: string): string {
  return join(workspaceDir, DERIVED_DIR, APP_BOARD_FILE);
}

/** The window's board saved for this workspace state and context, or undefined when it may be out of date. */
export function readAppBoard(workspaceDir: string, ctx: AppBoardContext, now = new Date()): BoardView | undefined {
  const hit = readSaved(appBoardPath(workspaceDir), workspaceDir, appContextKey(ctx), ctx.period, now);
  const parsed = boardViewSchema.safeParse(hit?.view);
  if (!parsed.success) return undefined;
  const view = parsed.data;
  if (view.rows.length !== view.total || view.period !== ctx.period.code) return undefined;
  return view;
}

/**
 * Save the window's board made from the workspace at manifest `seq` (the `seq` read before
 * the workspace was: a change made meanwhile leaves the saved board out of date, never wrong).
 */
export function saveAppBoard(
  workspaceDir: string,
  seq: number,
  ctx: AppBoardContext,
  view: BoardView,
  opts: { now?: Date; fs?: FileOps } = {},
): void {
  const file: BoardFile<BoardView> = {
    boardFormat: BOARD_FORMAT,
    seq,
    context: appContextKey(ctx),
    savedAt: (opts.now ?? new Date()).toISOString(),
    view,
  };
  try {
    writeFileAtomic(appBoardPath(workspaceDir), JSON.stringify(file), {
      durability: 'none',
      ...(opts.fs ? { fs: opts.fs } : {}),
    });
  } catch {
    // A board that cannot be saved is made again at the next opening.
  }
}

/** Forget the window's saved board (after a change that may not move the manifest's `seq`). */
export function dropAppBoard(workspaceDir: string): void {
  try {
    rmSync(appBoardPath(workspaceDir), { force: true });
  } catch {
    // The seq and context checks still keep an old board from being shown.
  }
}
