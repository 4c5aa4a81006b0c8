/**
 * The window's board saved beside the workspace (`derived/app-board.json`): a restarted app
 * shows it without reconciling, and every write — import, choice, received date, explanation,
 * fix, reopening, correction, province figure, register change, a write by another process,
 * a deadline passing — keeps an old board from ever being shown.
 *
 * A stale board is detected by a marker: the saved file's figures are altered by hand
 * (keeping its seq and context), so a board that shows the marker came from the file.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppApi, BoardView, JobStatus } from '../../shared-api/app-api.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { explainFinding as explainInWorkspace, openWorkspace } from '../workspace/index.js';
import { createEngineApi, type EngineApiOptions } from './engine-api.js';

const P = 'NQ08-SK2023';
const period = findPeriod(P)!;
/** Before the period's deadline (15/07/2023). */
const BEFORE = new Date('2023-06-01T03:00:00Z');
const MARK = 'BẢNG CŨ (không được hiện)';
let dir = '';
let opts: EngineApiOptions;
let wsDir = '';
let boardFile = '';

async function finish(api: AppApi, start: Promise<{ jobId: string }>): Promise<JobStatus> {
  const { jobId } = await start;
  for (;;) {
    const s = await api.jobStatus({ jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An app started again over the same folders: nothing in memory. */
const restart = (now = BEFORE): AppApi => createEngineApi({ ...opts, prewarm: false, now: () => now });

/** Alter the saved board's figures, keeping what makes it current (seq, context, date). */
function markSavedBoard(): void {
  const file = JSON.parse(readFileSync(boardFile, 'utf8')) as { view: BoardView };
  file.view.summaryText = MARK;
  const row = file.view.rows.find((r) => r.receivedAt !== undefined)!;
  row.name = MARK;
  delete row.receivedAt;
  writeFileSync(boardFile, JSON.stringify(file));
}

/** The board as a fresh consolidation gives it (no saved board). */
async function truth(now = BEFORE): Promise<BoardView> {
  const saved = existsSync(boardFile) ? readFileSync(boardFile) : undefined;
  rmSync(boardFile, { force: true });
  const view = await restart(now).getBoard({ period: P });
  if (saved) writeFileSync(boardFile, saved);
  return view;
}

function expectNoMark(b: BoardView): void {
  expect(b.summaryText).not.toBe(MARK);
  expect(b.rows.some((r) => r.name === MARK)).toBe(false);
}

/**
 * A write through a restarted app while a (marked) current board is saved: the same app
 * and the next restarted one both show the board of the new state.
 */
async function afterWrite(write: (api: AppApi) => Promise<unknown>): Promise<{ before: BoardView; after: BoardView }> {
  const api = restart();
  // Opening the period shows the saved board.
  await restart().getBoard({ period: P });
  markSavedBoard();
  const before = await api.getBoard({ period: P });
  expect(before.summaryText).toBe(MARK);
  await write(api);
  const same = await api.getBoard({ period: P });
  expectNoMark(same);
  const next = await restart().getBoard({ period: P });
  expectNoMark(next);
  const after = await truth();
  expect(same).toEqual(after);
  expect(next).toEqual(after);
  // The overview (the period header) follows too.
  const o = await restart().openPeriod({ period: P });
  expect(o.receivedCount).toBe(after.rows.filter((r) => r.receivedAt !== undefined).length);
  expect(o.unitCount).toBe(after.total);
  return { before, after };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-app-board-'));
  const form = loadDefaultForm();
  await writeSampleReturns({ form, period, units: loadDefaultUnits(), outDir: join(dir, 'all'), faults: true });
  // A second, different return of S01 (another seed), for a choice between two files.
  await writeSampleReturns({
    form,
    period,
    units: loadDefaultUnits().filter((u) => u.code === 'S01'),
    outDir: join(dir, 'other'),
    seed: 7,
  });
  mkdirSync(join(dir, 'first'));
  // The first batch: every return but S07's and X02's, which come later.
  for (const f of readdirSync(join(dir, 'all')))
    if (!f.includes('_S07_') && !f.includes('_X02_')) copyFileSync(join(dir, 'all', f), join(dir, 'first', f));
  copyFileSync(join(dir, 'other', readdirSync(join(dir, 'other'))[0]!), join(dir, 'first', 'S01_ban_sua.xlsx'));
  mkdirSync(join(dir, 'later'));
  copyFileSync(join(dir, 'all', `BC_CCHC_S07_${P}.xlsx`), join(dir, 'later', `BC_CCHC_S07_${P}.xlsx`));
  mkdirSync(join(dir, 'last'));
  copyFileSync(join(dir, 'all', `BC_CCHC_X02_${P}.xlsx`), join(dir, 'last', `BC_CCHC_X02_${P}.xlsx`));
  opts = { dataDir: join(dir, 'data'), workspaceRoot: join(dir, 'ws') };
  wsDir = join(dir, 'ws', P);
  boardFile = join(wsDir, 'derived', 'app-board.json');
  const api = restart();
  await api.openPeriod({ period: P });
  const s = await finish(api, api.startImport({ period: P, paths: [join(dir, 'first')] }));
  expect(s.state).toBe('done');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the window's saved board", () => {
  it('is saved with every consolidation and shown by a restarted app as is, header counts included', async () => {
    expect(existsSync(boardFile)).toBe(true);
    const fresh = await truth();
    expect(fresh.rows.find((r) => r.code === 'S07')?.status).toBe('missing');
    expect(fresh.rows.find((r) => r.code === 'S01')?.status).toBe('duplicate');
    // Shown from the file: the marker proves it, and nothing was reconciled to show it.
    markSavedBoard();
    const api = restart();
    const shown = await api.getBoard({ period: P });
    expect(shown.summaryText).toBe(MARK);
    const o = await api.currentPeriod();
    expect(o?.receivedCount).toBe(fresh.rows.filter((r) => r.receivedAt !== undefined).length - 1);
    expect(o?.unitCount).toBe(40);
    // A screen that needs the consolidation computes it; the board then follows it (and is saved again).
    await api.getFindings({ period: P });
    expect(await api.getBoard({ period: P })).toEqual(fresh);
    expect(await restart().getBoard({ period: P })).toEqual(fresh);
  });

  it('is not used after an import', async () => {
    const { after } = await afterWrite((api) =>
      finish(api, api.startImport({ period: P, paths: [join(dir, 'later')] })),
    );
    expect(after.rows.find((r) => r.code === 'S07')?.status).not.toBe('missing');
  });

  it('is not used after a choice between two files', async () => {
    const b = await truth();
    const s01 = b.rows.find((r) => r.code === 'S01' && r.status === 'duplicate');
    expect(s01).toBeDefined();
    const cmp = await restart().compareFiles({ period: P, unit: 'S01' });
    const sha = cmp.files[0]!.sha256;
    const { after } = await afterWrite((api) => api.chooseFile({ period: P, unit: 'S01', sha256: sha }));
    expect(after.rows.find((r) => r.code === 'S01')?.status).not.toBe('duplicate');
  });

  it('is not used after a received date is set', async () => {
    const row = (await truth()).rows.find((r) => r.code === 'S02')!;
    const { after } = await afterWrite((api) =>
      api.setReceivedDate({ period: P, sha256: row.sha256!, date: '2023-05-20', note: 'thư điện tử' }),
    );
    expect(after.rows.find((r) => r.code === 'S02')?.receivedLabel).toBe('20/05/2023 00:00');
  });

  it('is not used after a finding is explained, marked fixed or reopened', async () => {
    const findings = await restart().getFindings({ period: P });
    const err = findings.findings.find((f) => f.severity === 'error' && f.status === 'open' && f.unit)!;
    const unit = err.unit!;
    const errorsBefore = (await truth()).rows.find((r) => r.code === unit)!.openErrors;
    const explained = await afterWrite((api) => api.explainFinding({ period: P, findingId: err.id, note: 'Đã rõ.' }));
    expect(explained.after.rows.find((r) => r.code === unit)?.openErrors).toBe(errorsBefore - 1);
    const reopened = await afterWrite((api) => api.reopenFinding({ period: P, findingId: err.id }));
    expect(reopened.after.rows.find((r) => r.code === unit)?.openErrors).toBe(errorsBefore);
    const fixed = await afterWrite((api) =>
      api.markFindingFixed({ period: P, findingId: err.id, note: 'Đơn vị đã sửa.' }),
    );
    expect(fixed.after.rows.find((r) => r.code === unit)?.openErrors).toBe(errorsBefore - 1);
  });

  it('is not used after a value is corrected', async () => {
    const d = await restart().getDrilldown({ period: P, code: 'KL01', scope: 'xa' });
    const row = d.rows.find((x) => x.unit === 'X04')!;
    await afterWrite((api) =>
      api.correctValue({
        period: P,
        unit: 'X04',
        code: 'KL01',
        valueText: String(Number(row.valueText) + 1),
        note: 'Đơn vị xác nhận.',
        confirmedWith: 'Ông A',
      }),
    );
  });

  it('is not used after a province figure is entered', async () => {
    const n = await restart().getNumbers({ period: P });
    const key = n.inputKeys.find((k) => k.unit === '%') ?? n.inputKeys[0]!;
    await afterWrite((api) =>
      api.setProvinceInput({ period: P, key: key.key, valueText: '50', note: 'Số liệu của tỉnh.' }),
    );
  });

  it('is not used after the register changes', async () => {
    const { after } = await afterWrite((api) => api.updateUnit({ period: P, code: 'X12', active: false }));
    expect(after.total).toBe(39);
    const renamed = await afterWrite((api) => api.updateUnit({ period: P, code: 'X11', name: 'UBND xã Mới Đặt Tên' }));
    expect(renamed.after.rows.find((r) => r.code === 'X11')?.name).toBe('UBND xã Mới Đặt Tên');
  });

  it('is not used after another process wrote to the workspace', async () => {
    await restart().getBoard({ period: P });
    markSavedBoard();
    expect((await restart().getBoard({ period: P })).summaryText).toBe(MARK);
    const ws = await openWorkspace(wsDir, { period });
    const open = (await restart().getFindings({ period: P })).findings.find((f) => f.status === 'open')!;
    // An app left open and a tool writing meanwhile (the engine API of another process).
    const api = restart();
    await explainInWorkspace(ws, open.id, 'Giải trình từ nơi khác.', 'người khác');
    expectNoMark(await api.getBoard({ period: P }));
    expectNoMark(await restart().getBoard({ period: P }));
    // An import in another process, too.
    markSavedBoard();
    const other = restart();
    await finish(other, other.startImport({ period: P, paths: [join(dir, 'last')] }));
    const b = await restart().getBoard({ period: P });
    expectNoMark(b);
    expect(b.rows.find((r) => r.code === 'X02')?.status).not.toBe('missing');
  });

  it('is not used once the deadline has passed since it was saved, and says "Quá hạn" then', async () => {
    // A unit that has sent nothing yet.
    await restart().addUnit({ period: P, code: 'X90', name: 'UBND xã Thử Nghiệm', tier: 'xa' });
    const before = await restart().getBoard({ period: P });
    expect(before.rows.find((r) => r.code === 'X90')?.timelinessLabel).toBe('Chưa đến hạn');
    markSavedBoard();
    const late = new Date(Date.parse(`${period.deadline}T23:59:59.999+07:00`) + 60_000);
    const after = await restart(late).getBoard({ period: P });
    expectNoMark(after);
    expect(after.rows.find((r) => r.code === 'X90')?.timelinessLabel).toBe('Quá hạn');
    // Saved after the deadline, it is used again.
    markSavedBoard();
    expect((await restart(new Date(late.getTime() + 86_400_000)).getBoard({ period: P })).summaryText).toBe(MARK);
  });

  it('is not used when it was made for another period, form or register, or is damaged', async () => {
    await truth();
    await restart().getBoard({ period: P });
    const good = readFileSync(boardFile, 'utf8');
    writeFileSync(boardFile, good.slice(0, 100));
    expectNoMark(await restart().getBoard({ period: P }));
    const file = JSON.parse(good) as { view: BoardView; context: string; boardFormat: number };
    file.view.summaryText = MARK;
    writeFileSync(boardFile, JSON.stringify({ ...file, context: 'x' }));
    expectNoMark(await restart().getBoard({ period: P }));
    writeFileSync(boardFile, JSON.stringify({ ...file, boardFormat: 0 }));
    expectNoMark(await restart().getBoard({ period: P }));
    writeFileSync(boardFile, JSON.stringify({ ...file, view: { ...file.view, rows: file.view.rows.slice(1) } }));
    expectNoMark(await restart().getBoard({ period: P }));
    // A row that does not read as one (a name that is not text).
    const bad = structuredClone(file);
    (bad.view.rows[0] as unknown as { name: unknown }).name = 42;
    writeFileSync(boardFile, JSON.stringify(bad));
    expectNoMark(await restart().getBoard({ period: P }));
    writeFileSync(boardFile, JSON.stringify(file));
    expect((await restart().getBoard({ period: P })).summaryText).toBe(MARK);
  });
});
