/**
 * `npm run bench`: every speed and memory figure of the README, each measured in a fresh
 * Node process (so one measure's heap does not inflate another's peak RSS).
 *
 *   node build/test/bench/run.js            all cases, a table on stdout, JSON in build/bench.json
 *   node build/test/bench/run.js CASE       one case, one JSON line (used by the runner itself)
 *   node build/test/bench/run.js side-by-side [--runs N] [--sizes 40,1000]
 *                                           the app against an openpyxl sum-only script (side-by-side.ts)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeHost, measureHost } from './host.js';
import { median } from './stats.js';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..', '..');
const bin = join(root, 'bin', 'tonghop.js');

interface Row {
  case: string;
  what: string;
  ms: number;
  extra: string;
  goal: string;
  peakRssMb: number;
}

async function measure(name: string): Promise<Row> {
  switch (name) {
    case 'templates-40': {
      const { writeTemplates } = await import('../../core/templates/index.js');
      const { loadDefaultForm } = await import('../../core/form/index.js');
      const { findPeriod } = await import('../../core/period/index.js');
      const { loadDefaultUnits } = await import('../../core/units/index.js');
      const dir = mkdtempSync(join(tmpdir(), 'bench-tpl-'));
      const req = { form: loadDefaultForm(), period: findPeriod('NQ08-SK2023')!, units: loadDefaultUnits() };
      const t0 = performance.now();
      await writeTemplates({ ...req, outDir: join(dir, 'cold') });
      const cold = performance.now() - t0;
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await writeTemplates({ ...req, outDir: join(dir, `w${i}`) });
        warm.push(performance.now() - t);
      }
      rmSync(dir, { recursive: true, force: true });
      return row(
        name,
        'write 40 templates (warm median; cold incl. exceljs load in extra)',
        median(warm),
        `cold ${Math.round(cold)} ms`,
        '< 1 s',
      );
    }
    case 'import-40':
    case 'import-200':
    case 'import-1000':
    case 'import-pool-40':
    case 'import-pool-200':
    case 'import-pool-1000': {
      const n = Number(name.split('-').pop());
      const { benchImport } = await import('./import-bench.js');
      const r = await benchImport(n, name.includes('pool') ? 'pool' : 'direct');
      const goal = n === 40 ? '≤ 300 ms' : n === 1000 ? '≤ 6 s, ≤ 500 MB' : '';
      return {
        ...row(
          name,
          `import and validate ${n} returns (${r.mode})`,
          r.ms,
          `${Math.round(r.filesPerSec)} files/s`,
          goal,
        ),
        peakRssMb: r.peakRssMb,
      };
    }
    case 'reconcile-1000': {
      const { benchReconcile } = await import('./reconcile-bench.js');
      const r = benchReconcile(1000);
      return row(name, 'reconcile 1,000 units (median of 5)', r.median, `${r.findings} findings`, '≤ 500 ms');
    }
    case 'cli-consolidate-40': {
      const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
      execFileSync(process.execPath, [bin, 'sample', '--period', 'NQ08-SK2023', '--out', join(dir, 'in')]);
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        const r = spawnSync(process.execPath, [
          bin,
          'consolidate',
          join(dir, 'in'),
          '--period',
          'NQ08-SK2023',
          '--workspace',
          join(dir, `ws${i}`),
          '--json',
          join(dir, `out${i}.json`),
          '--quiet',
        ]);
        times.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`consolidate exited ${r.status}: ${r.stderr.toString()}`);
      }
      // Peak RSS of one more such process (workers included), read by the process itself.
      const probe = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { createRequire } = await import('node:module');
           const { load } = createRequire(import.meta.url)(${JSON.stringify(join(root, 'build', 'cli', 'boot.cjs'))});
           const { main } = load(${JSON.stringify(join(root, 'build', 'cli', 'main.bundle.cjs'))}).exports;
           await main(${JSON.stringify(['consolidate', join(dir, 'in'), '--period', 'NQ08-SK2023', '--workspace', join(dir, 'wsp'), '--quiet'])}, { out() {}, err() {}, env: {}, cwd: '.' });
           process.stdout.write(String(process.resourceUsage().maxRSS));`,
        ],
        { encoding: 'utf8' },
      );
      rmSync(dir, { recursive: true, force: true });
      return {
        ...row(
          name,
          '`tonghop consolidate` of 40 returns, whole process, fresh workspace (median of 7)',
          median(times),
          `best ${Math.round(Math.min(...times))} ms`,
          '≤ 400 ms',
        ),
        peakRssMb: Math.round(Number(probe.stdout) / 1024),
      };
    }
    case 'cli-consolidate-flood-5': {
      // Five small returns each carrying 100,000 rows "TT01 | 1" (~700 KB a file): whole
      // process, fresh workspace, --json; peak RSS of the process (workers included).
      const { writeFloodedReturns } = await import('../fixtures/hostile.js');
      const dir = mkdtempSync(join(tmpdir(), 'bench-flood-'));
      mkdirSync(join(dir, 'in'));
      await writeFloodedReturns(join(dir, 'in'), 5);
      const times: number[] = [];
      let peakKb = 0;
      for (let i = 0; i < 3; i++) {
        const rss = join(dir, `rss${i}`);
        const t = performance.now();
        const r = spawnSync(
          process.execPath,
          [
            '--import',
            pathToFileURL(join(root, 'test', 'fixtures', 'peak-rss.mjs')).href,
            bin,
            'consolidate',
            join(dir, 'in'),
            '--period',
            'NQ08-SK2023',
            '--workspace',
            join(dir, `ws${i}`),
            '--json',
            join(dir, `out${i}.json`),
            '--quiet',
          ],
          { env: { ...process.env, TONGHOP_PEAK_RSS_FILE: rss } },
        );
        times.push(performance.now() - t);
        if (r.status !== 1) throw new Error(`consolidate exited ${r.status}: ${r.stderr.toString()}`);
        peakKb = Math.max(peakKb, Number(readFileSync(rss, 'utf8')));
      }
      rmSync(dir, { recursive: true, force: true });
      return {
        ...row(
          name,
          '`tonghop consolidate` of 5 returns with 100,000 extra rows each, whole process (median of 3)',
          median(times),
          `best ${Math.round(Math.min(...times))} ms`,
          'a few seconds, < 400 MB',
        ),
        peakRssMb: Math.round(peakKb / 1024),
      };
    }
    case 'board-1000': {
      // Opening a period of 1,000 units in the app: the board saved with the consolidation
      // (core/api/board.ts) against reconciling the workspace again. In-process, warm.
      const { benchBoard } = await import('./board-bench.js');
      const r = await benchBoard(1000);
      return row(
        name,
        'open a period of 1,000 units: saved board read (median of 5)',
        r.boardMs,
        `reconciling instead ${Math.round(r.reconcileMs)} ms`,
        '≤ 1 s to the board',
      );
    }
    case 'report-40': {
      const { benchReport } = await import('./report-bench.js');
      const r = await benchReport();
      return row(
        name,
        '40-unit report with annexes (PDF, warm median)',
        r.warmMs,
        `${r.pages} pages; cold ${Math.round(r.coldMs)} ms`,
        '≤ 2 s',
      );
    }
    case 'report-docx-40': {
      const { benchReportDocx } = await import('./report-bench.js');
      const r = await benchReportDocx();
      return row(
        name,
        '40-unit report as a Word copy to edit (.docx, warm median, in-process)',
        r.warmMs,
        `${Math.round(r.bytes / 1024)} KB; cold ${Math.round(r.coldMs)} ms (loads the docx library)`,
        '< 1 s',
      );
    }
    case 'sign': {
      const { benchSign } = await import('./sign-bench.js');
      const r = await benchSign();
      return row(
        name,
        `sign a ${r.pages}-page report PDF (median)`,
        r.signMs,
        `open .p12 ${Math.round(r.loadP12Ms)} ms; verify ${Math.round(r.verifyMs)} ms`,
        '≤ 300 ms',
      );
    }
    case 'checklists-40': {
      const { benchChecklists } = await import('./checklists-bench.js');
      const r = await benchChecklists();
      return row(
        name,
        `${r.units} checklists, one PDF each (median of 3, after one unit printed)`,
        r.filesMs,
        `first run ${Math.round(r.firstRunMs)} ms; combined ${Math.round(r.combinedMs)} ms; one unit cold ${Math.round(r.coldOneMs)} ms`,
        '≤ 3 s',
      );
    }
    case 'renderer-bundle': {
      const { benchBundle } = await import('./app-bench.js');
      const r = await benchBundle(root);
      const kb = (x: number) => `${Math.round(x).toLocaleString('en-US')} KB`;
      return row(
        name,
        `renderer bundle: first screen ${kb(r.firstScreenKb)} (${kb(r.firstScreenGzKb)} gzip); all JS ${kb(r.totalJsKb)} in ${r.chunks} chunks, CSS ${kb(r.totalCssKb)} (time: vite build)`,
        r.buildMs,
        `first screen ${kb(r.firstScreenGzKb)} gz`,
        'first screen ≤ 1 s',
      );
    }
    case 'first-screen': {
      // Run from sources: the browser host bundles its page client from test/e2e.
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', 'first-screen.ts')], {
        cwd: root,
        encoding: 'utf8',
      });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as { medianMs: number; bestMs: number };
      return row(
        name,
        'first screen visible after opening the page (browser host, Chromium; page made, machine quiet; median of 5)',
        r.medianMs,
        `best ${Math.round(r.bestMs)} ms`,
        '≤ 1 s',
      );
    }
    case 'app-board-1000': {
      const { benchBoard } = await import('./app-bench.js');
      const r = await benchBoard(1000);
      return row(
        name,
        `board of ${r.units} units after a restart (engine API, cold; warm median of 5 in extra)`,
        r.coldBoardMs,
        `warm ${Math.round(r.warmBoardMs)} ms; numbers ${Math.round(r.numbersMs)} ms; findings ${Math.round(r.findingsMs)} ms`,
        '≤ 1 s',
      );
    }
    case 'app-window-1000': {
      // Run from sources, like first-screen; needs the built renderer and engine (`npm run bench` builds them).
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'test', 'bench', 'app-window.ts'), '1000', '500'],
        { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const r = JSON.parse(out.trim().split('\n').pop() as string) as {
        openSavedMs: number;
        openSavedBusyMs: number;
        openColdMs: number;
        switchMs: number;
        importMs: number;
        longTasks: number;
        longTaskMaxMs: number;
        longTaskP95Ms: number;
        frameGapMaxMs: number;
        frameGapP95Ms: number;
      };
      const ms = (x: number) => `${Math.round(x)} ms`;
      return row(
        name,
        'the window (browser host, Chromium), 1,000 units: page opened after a restart to the board with its rows (saved board; page made, machine quiet, then the host restarted; median of 3); then 500 returns imported through Tiếp nhận',
        r.openSavedMs,
        `opened as soon as the page is made ${ms(r.openSavedBusyMs)}; without the saved board ${ms(r.openColdMs)}; in the running window, "Mở kỳ này" then "Theo dõi" to the board ${ms(r.switchMs)}; import ${ms(r.importMs)}: ${r.longTasks} long tasks, longest ${ms(r.longTaskMaxMs)} (p95 ${ms(r.longTaskP95Ms)}); frame gaps max ${ms(r.frameGapMaxMs)}, p95 ${ms(r.frameGapP95Ms)}`,
        'board ≤ 1 s; no frame > 100 ms',
      );
    }
    case 'check-text-40': {
      const { benchTextCheck } = await import('./textcheck-bench.js');
      const r = await benchTextCheck(bin, root);
      return row(
        name,
        `\`tonghop check-text\` of a ${r.pages ?? '~40'}-page .docx, whole process (median of 5)`,
        r.cliMs,
        `${r.paragraphs} paragraphs, ${r.findings} findings; in-process warm ${Math.round(r.warmMs)} ms, cold ${Math.round(r.coldMs)} ms`,
        '< 1 s',
      );
    }
    default:
      throw new Error(`unknown bench case ${name}`);
  }
}

function row(name: string, what: string, ms: number, extra: string, goal: string): Row {
  return {
    case: name,
    what,
    ms: Math.round(ms),
    extra,
    goal,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const CASES = [
  'templates-40',
  'import-40',
  'import-200',
  'import-1000',
  'import-pool-40',
  'import-pool-200',
  'import-pool-1000',
  'reconcile-1000',
  'cli-consolidate-40',
  'cli-consolidate-flood-5',
  'board-1000',
  'report-40',
  'report-docx-40',
  'sign',
  'checklists-40',
  'check-text-40',
  'app-board-1000',
  'renderer-bundle',
  'first-screen',
  'app-window-1000',
];

async function runAll(): Promise<void> {
  const rows: Row[] = [];
  // Measured first, on an idle machine: the figures below move with it (host.ts).
  const host = await measureHost();
  process.stdout.write(`# this machine: ${describeHost(host)}\n`);
  for (const c of CASES) {
    const r = spawnSync(process.execPath, ['--expose-gc', here, c], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      process.stderr.write(`bench ${c} failed:\n${r.stderr}\n`);
      process.exitCode = 1;
      continue;
    }
    const line = r.stdout.trim().split('\n').pop() as string;
    const parsed = JSON.parse(line) as Row;
    rows.push(parsed);
    process.stdout.write(
      `${c.padEnd(20)} ${String(parsed.ms).padStart(6)} ms  ${parsed.extra.padEnd(22)} peak RSS ${parsed.peakRssMb} MB  (goal ${parsed.goal})\n`,
    );
  }
  writeFileSync(
    join(root, 'build', 'bench.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, host, rows }, null, 2),
  );
  process.stdout.write(`\nMachine: ${describeHost(host)}.\n`);
  process.stdout.write('\n| what | time | | peak RSS | goal |\n|---|---|---|---|---|\n');
  for (const r of rows)
    process.stdout.write(`| ${r.what} | ${r.ms} ms | ${r.extra} | ${r.peakRssMb} MB | ${r.goal} |\n`);
}

const arg = process.argv[2];
/**
 * Some machines set NODE_EXTRA_CA_CERTS (this development machine does, for its proxy): Node
 * then reads and parses that certificate bundle at the start of every process — ~50 ms here —
 * before any of our code runs. An office PC does not, and no command of the app needs it (it
 * works offline), so the processes the bench starts run without it; the bench says so.
 */
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  if (arg === undefined || arg === 'side-by-side')
    process.stderr.write(
      `# NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS} is left out of the processes measured (README, "Speed and memory").\n`,
    );
  delete process.env.NODE_EXTRA_CA_CERTS;
}
if (arg === 'side-by-side') {
  const { sideBySide, sideBySideOptions } = await import('./side-by-side.js');
  await sideBySide(sideBySideOptions(root, process.argv.slice(3))).catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
} else if (arg) {
  measure(arg).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  void runAll();
}
