/**
 * Opening a period of n units: the saved board (core/api/board.ts) read back, against the
 * workspace reconciled again from every unit's parsed return (what opening costs without it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoard, saveBoard } from '../../core/api/board.js';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { runConsolidation } from '../../core/pipeline/index.js';
import { writeSampleReturns } from '../../core/sample/index.js';
import type { Unit } from '../../core/units/index.js';
import { median } from './stats.js';

export async function benchBoard(n: number): Promise<{ boardMs: number; reconcileMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-board-'));
  try {
    const form = loadDefaultForm();
    const period = findPeriod('NQ08-SK2023')!;
    const units: Unit[] = Array.from({ length: n }, (_, i) => {
      const tier = i < n / 2 ? 'so' : i < (n * 7) / 10 ? 'huyen' : 'xa';
      const prefix = tier === 'so' ? 'S' : tier === 'huyen' ? 'H' : 'X';
      return { code: `${prefix}${String(i + 1).padStart(4, '0')}`, name: `Đơn vị thử ${i + 1}`, tier };
    });
    await writeSampleReturns({ form, period, units, outDir: join(dir, 'in') });
    const ws = join(dir, 'ws');
    const result = await runConsolidation({ form, period, units, workspaceDir: ws, inputDir: join(dir, 'in') });
    saveBoard(result, { form, units, period }, join(dir, 'in'));
    const board: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      if (!readBoard(ws, { form, units, period })) throw new Error('board not current');
      board.push(performance.now() - t);
      t = performance.now();
      // A fresh process has no parsed return in memory: each is read from derived/.
      await runConsolidation({ form, period, units, workspaceDir: ws });
      again.push(performance.now() - t);
    }
    return { boardMs: median(board), reconcileMs: median(again) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
