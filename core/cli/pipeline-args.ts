import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { findPeriod } from '../period/index.js';
import type { PipelineProgress, PipelineRequest, PipelineResult } from '../pipeline/index.js';
import { UsageError, optional, type OptionSpec } from './args.js';
import { takeEarlyPool } from './early-pool.js';
import { checkInputFolder, checkOutputFolder } from './output.js';
import { defaultWorkspaceDir, workspaceInfoAt } from '../workspace/store.js';
import type { CommandContext } from './context.js';
import type { CliIO } from './io.js';

/** Options shared by every command that reads a folder of returns. */
export const PIPELINE_OPTIONS = {
  period: { type: 'string' },
  units: { type: 'string' },
  workspace: { type: 'string' },
  previous: { type: 'string' },
  by: { type: 'string' },
  quiet: { type: 'boolean' },
} as const satisfies OptionSpec;

/** Whether two folders are one: by their real paths when they exist (links, `..`); Windows ignores case. */
function sameFolder(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync.native(p);
    } catch {
      return resolve(p);
    }
  };
  const [x, y] = [real(a), real(b)];
  return process.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** Build the pipeline request for `DIR` with the shared options (input folder and workspace checked first). */
export function pipelineRequest(
  dir: string,
  values: Record<string, unknown>,
  ctx: CommandContext,
  io: CliIO,
): PipelineRequest {
  const inputDir = resolve(io.cwd, dir);
  checkInputFolder(inputDir, 'thư mục báo cáo');
  const ws = optional(values, 'workspace');
  const wsDir = ws ? resolve(io.cwd, ws) : defaultWorkspaceDir(ctx.period);
  if (sameFolder(wsDir, inputDir)) {
    throw new UsageError(
      `Thư mục báo cáo và thư mục lưu trữ của kỳ (--workspace) phải là hai thư mục khác nhau (cả hai đang là ${inputDir}): ` +
        'ứng dụng ghi vào thư mục lưu trữ các tệp của riêng nó, không phải báo cáo của đơn vị.',
    );
  }
  checkOutputFolder(wsDir, 'thư mục làm việc');
  const by = optional(values, 'by');
  const prevDir = optional(values, 'previous');
  const req: PipelineRequest = {
    form: ctx.form,
    period: ctx.period,
    units: ctx.units,
    inputDir,
    workspaceDir: ws ? resolve(io.cwd, ws) : '',
    ...(by ? { by } : {}),
  };
  if (prevDir) {
    const abs = resolve(io.cwd, prevDir);
    const info = workspaceInfoAt(abs);
    const period = info ? findPeriod(info.period) : undefined;
    if (!period) throw new UsageError(`Thư mục ${abs} không phải là thư mục làm việc của một kỳ báo cáo đã biết.`);
    req.previous = { dir: abs, period };
  }
  if (values.quiet !== true) {
    let last = -1;
    req.onProgress = (p: PipelineProgress) => {
      if (p.stage === 'import' && p.total > 0) {
        const pct = Math.floor((p.done / p.total) * 10);
        if (pct !== last) {
          last = pct;
          // "Importing" only of what is imported: a report or checklists after consolidating
          // reads the same folder again, whose files the workspace already holds.
          io.err(`Đang đọc ${p.done}/${p.total} tệp (${p.fresh ?? 0} tệp mới)…\n`);
        }
      }
    };
  }
  return req;
}

/** Run the pipeline for a command (workspace defaults to Documents/TongHopCCHC/<period>). */
export async function runPipeline(req: PipelineRequest): Promise<PipelineResult> {
  const { runConsolidation } = await import('../pipeline/index.js');
  if (req.workspaceDir === '') req.workspaceDir = defaultWorkspaceDir(req.period);
  // The workers started ahead are handed over: the pipeline closes them once the import is done.
  const early = req.pool || req.handedPool ? undefined : await takeEarlyPool();
  return runConsolidation({ ...req, ...(early ? { handedPool: early } : {}) });
}
