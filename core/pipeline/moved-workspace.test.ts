/**
 * A workspace is a folder that can be copied to another PC or put on a share and opened
 * there: nothing in it names where it was made (stored paths are relative, with '/').
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createImportPool } from '../import/index.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { openWorkspace, rebuild } from '../workspace/index.js';
import { poolParser, runConsolidation } from './index.js';

const form = loadDefaultForm();
const period = findPeriod('NQ08-SK2023')!;
const units = loadDefaultUnits().filter((u) => period.tiers.includes(u.tier));
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ws-moved-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('a workspace copied to another PC gives the same units, files and figures there, and rebuilds there', async () => {
  const returns = join(root, 'tra-ve');
  mkdirSync(returns);
  await writeSampleReturns({ form, period, units: loadDefaultUnits(), outDir: returns, faults: true });
  const first = join(root, 'PC-KETOAN-01', 'TongHopCCHC', period.code);
  const made = await runConsolidation({ form, period, units, workspaceDir: first, inputDir: returns });
  expect(made.openErrors).toBeGreaterThan(0);

  // Copied (read-only originals and all) to a shared folder named otherwise, the first one gone.
  const there = join(root, 'Ổ mạng', 'Phòng CCHC', 'TongHopCCHC', period.code);
  cpSync(first, there, { recursive: true });
  rmSync(join(root, 'PC-KETOAN-01'), { recursive: true, force: true });
  for (const f of ['manifest.json', 'audit.log', 'workspace.json']) {
    expect(readFileSync(join(there, f), 'utf8')).not.toContain('PC-KETOAN-01');
  }
  const opened = await runConsolidation({ form, period, units, workspaceDir: there });
  expect(opened.json).toEqual(made.json);

  const pool = createImportPool();
  try {
    const ws = await openWorkspace(there, { period });
    await rebuild(ws, poolParser(pool, { form, units, period }));
  } finally {
    await pool.close();
  }
  const rebuilt = await runConsolidation({ form, period, units, workspaceDir: there });
  expect(rebuilt.json).toEqual(made.json);
}, 120_000);
