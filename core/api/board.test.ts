import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod, type Period } from '../period/index.js';
import { runConsolidation } from '../pipeline/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits, type Unit } from '../units/index.js';
import { openBoard, readBoard, saveBoard } from './board.js';
import { toConsolidationView } from './consolidation-view.js';

let dir = '';
let units: Unit[];
let period: Period;
const form = loadDefaultForm();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-board-'));
  period = findPeriod('NQ08-SK2023')!;
  units = loadDefaultUnits().filter((u) => period.tiers.includes(u.tier));
  await writeSampleReturns({ form, period, units, outDir: join(dir, 'all'), faults: true });
  // The first batch: every return but S07's, which comes later.
  mkdirSync(join(dir, 'first'));
  for (const f of readdirSync(join(dir, 'all')))
    if (!f.includes('_S07_')) copyFileSync(join(dir, 'all', f), join(dir, 'first', f));
  mkdirSync(join(dir, 'first', 'a-subfolder'));
  writeFileSync(join(dir, 'first', 'S01 (copy).xlsx'), 'not a workbook');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the board of a period', () => {
  it('is saved with a consolidation and read back as the same view, without the folder-only entries', async () => {
    const ws = join(dir, 'ws');
    const now = new Date('2023-06-01T00:00:00Z');
    const result = await runConsolidation({ form, period, units, workspaceDir: ws, inputDir: join(dir, 'first') });
    expect(readBoard(ws, { form, units, period }, now)).toBeUndefined();
    saveBoard(result, { form, units, period }, join(dir, 'first'), now);
    const board = readBoard(ws, { form, units, period }, now);
    const fresh = toConsolidationView(
      { ...result, files: result.files.filter((f) => f.sha256 !== undefined) },
      join(dir, 'first'),
    );
    expect(board).toEqual(fresh);
    // The subfolder was reported with the run that read the folder, and is not kept.
    expect(toConsolidationView(result, '').files.map((f) => f.name)).toContain('a-subfolder');
    expect(board?.files.map((f) => f.name)).not.toContain('a-subfolder');
    expect(board?.files.map((f) => f.name)).toContain('S01 (copy).xlsx');
    // S07 sent nothing yet (S05's return names another period: it is refused, not missing).
    expect(board?.counts.missing).toBe(1);
    expect(board?.units.find((u) => u.code === 'S07')?.status).toBe('missing');
    expect(board?.openErrors).toBeGreaterThan(0);

    // Opening the period uses it as is.
    const opened = await openBoard({ form, period, units, workspaceDir: ws }, now);
    expect(opened).toEqual({ view: fresh, cached: true });
  });

  it('is not used after the workspace changed, for another register, or once the deadline has passed', async () => {
    const ws = join(dir, 'ws');
    const before = new Date('2023-06-01T00:00:00Z');
    expect(readBoard(ws, { form, units, period }, before)).toBeDefined();
    expect(readBoard(ws, { form, units: units.slice(1), period }, before)).toBeUndefined();
    expect(readBoard(ws, { form, units, period, previousDir: '/elsewhere' }, before)).toBeUndefined();
    // A missing unit turns late when the deadline passes: the board is made again.
    const after = new Date(Date.parse(`${period.deadline}T23:59:59.999+07:00`) + 1000);
    expect(readBoard(ws, { form, units, period }, after)).toBeUndefined();

    // S07's return arrives: the saved board no longer matches the workspace.
    mkdirSync(join(dir, 'late'));
    const s07 = readdirSync(join(dir, 'all')).find((f) => f.includes('_S07_'))!;
    copyFileSync(join(dir, 'all', s07), join(dir, 'late', s07));
    await runConsolidation({ form, period, units, workspaceDir: ws, inputDir: join(dir, 'late') });
    expect(readBoard(ws, { form, units, period }, before)).toBeUndefined();
    const opened = await openBoard({ form, period, units, workspaceDir: ws }, before);
    expect(opened.cached).toBe(false);
    expect(opened.view.counts.missing).toBe(0);
    expect(opened.view.units.find((u) => u.code === 'S07')?.file).toBe(s07);
    // …and saved for the next opening.
    expect(await openBoard({ form, period, units, workspaceDir: ws }, before)).toEqual({
      view: opened.view,
      cached: true,
    });
  });
});
