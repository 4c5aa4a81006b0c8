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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsolidationView } from '../../shared-api/app-api.js';
import type { Form } from '../form/types.js';
import type { Period } from '../period/index.js';
import type { PipelineRequest, PipelineResult } from '../pipeline/index.js';
import type { Unit } from '../units/index.js';
import { writeFileAtomic } from '../workspace/atomic.js';
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

interface BoardFile {
  boardFormat: number;
  seq: number;
  context: string;
  savedAt: string;
  view: ConsolidationView;
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
function deadlineEnd(period: Period): number {
  return Date.parse(`${period.deadline}T23:59:59.999+07:00`);
}

/**
 * The board saved for this workspace state and context, or undefined when there is none or it
 * may be out of date.
 */
export function readBoard(workspaceDir: string, ctx: BoardContext, now = new Date()): ConsolidationView | undefined {
  const path = join(workspaceDir, DERIVED_DIR, BOARD_FILE);
  if (!existsSync(path)) return undefined;
  let file: BoardFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as BoardFile;
  } catch {
    return undefined;
  }
  if (typeof file !== 'object' || file === null || file.boardFormat !== BOARD_FORMAT) return undefined;
  const seq = manifestSeq(workspaceDir);
  if (seq === undefined || file.seq !== seq || file.context !== contextKey(ctx)) return undefined;
  const saved = Date.parse(file.savedAt);
  const deadline = deadlineEnd(ctx.period);
  if (!Number.isFinite(saved) || (saved <= deadline && now.getTime() > deadline)) return undefined;
  if (typeof file.view !== 'object' || file.view === null || !Array.isArray(file.view.units)) return undefined;
  return file.view;
}

/**
 * The board of a consolidation result, saved for the next opening. Entries of the folder that
 * were never read (subfolders, files over the limit) belong to the run that read the folder,
 * not to the workspace: they are left out of the saved board.
 */
export function saveBoard(result: PipelineResult, ctx: BoardContext, sourceDir: string, now = new Date()): void {
  const kept = { ...result, files: result.files.filter((f) => f.sha256 !== undefined) };
  const file: BoardFile = {
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
