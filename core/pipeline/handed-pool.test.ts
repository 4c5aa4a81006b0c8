/**
 * A pool handed over to the pipeline (the command line's workers, started before the engine
 * loaded) parses the batch and is closed by the pipeline as soon as the import is done: before
 * the figures are reconciled, and also when the workspace cannot even be opened.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/index.js';
import { createImportPool, type ImportPool } from '../import/index.js';
import { findPeriod } from '../period/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { runConsolidation } from './index.js';

const form = loadDefaultForm();
const period = findPeriod('NQ08-SK2023')!;
const units = loadDefaultUnits().filter((u) => period.tiers.includes(u.tier));
let root = '';
let returns = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'handed-pool-'));
  returns = join(root, 'tra-ve');
  mkdirSync(returns);
  await writeSampleReturns({ form, period, units: units.slice(0, 3), outDir: returns });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A real pool that records what was asked of it, and when. */
function recordingPool(events: string[]): ImportPool {
  const pool = createImportPool({ size: 1 });
  return {
    size: pool.size,
    parse: (bytes, name, ctx) => {
      events.push(`parse ${name}`);
      return pool.parse(bytes, name, ctx);
    },
    close: async () => {
      events.push('close');
      await pool.close();
      events.push('closed');
    },
  };
}

it('parses the batch with the handed pool and closes it once, before returning', async () => {
  const events: string[] = [];
  const r = await runConsolidation({
    form,
    period,
    units,
    workspaceDir: join(root, 'ws'),
    inputDir: returns,
    handedPool: recordingPool(events),
    onProgress: (p) => {
      if (p.stage === 'reconcile' && p.done === 0) events.push('reconcile');
    },
  });
  expect(events.filter((e) => e.startsWith('parse '))).toHaveLength(3);
  // Closed right after the import, not after the reconciliation; and finished before the result.
  expect(events.slice(3)).toEqual(['close', 'reconcile', 'closed']);
  expect(r.ingest?.files.map((f) => f.outcome)).toEqual(['new', 'new', 'new']);
  expect(r.units.filter((u) => u.status === 'accepted')).toHaveLength(3);
});

it('closes the handed pool when the workspace cannot be opened', async () => {
  const events: string[] = [];
  const notAFolder = join(root, 'a-file');
  writeFileSync(notAFolder, 'x');
  await expect(
    runConsolidation({
      form,
      period,
      units,
      workspaceDir: notAFolder,
      inputDir: returns,
      handedPool: recordingPool(events),
    }),
  ).rejects.toThrow();
  expect(events).toEqual(['close', 'closed']);
});
