/**
 * `npm run bench -- side-by-side`: the app measured against what a technically minded clerk
 * would write instead — a short openpyxl script that reads every return and sums the figures
 * (test/bench/python/sum_returns.py) — in one run, alternately, so that both see the same load.
 *
 * For each batch size (40 returns of the built-in register; 1,000 returns of a generated
 * 1,000-unit register) the returns are written twice: by our generator (`tonghop sample`) and
 * by a second writer, openpyxl (test/bench/python/resave_returns.py opens and saves every
 * file again). For each writer, `tonghop consolidate` (whole process, fresh workspace, --json)
 * and the Python script run one after the other, `--runs` times; the table gives the medians
 * of wall time and of CPU time (user + system of the whole process, which moves much less
 * than wall time on a shared machine), their ratios, and each process's peak RSS.
 * For 40 returns of our generator, both also run pinned to one core (`taskset -c N`), in the
 * same alternation: the ratio a machine would give whose second core does no work for us (our
 * process uses several threads, the script one; see host.ts). The machine's own figures (one
 * core's speed, what two threads at once do) are measured first and printed with the table.
 * Then, on a consolidated 40-unit workspace: `tonghop checklists` (one PDF per unit) and
 * `tonghop report`, whole process.
 *
 *   node build/test/bench/run.js side-by-side [--runs N] [--sizes 40,1000] [--keep]
 *
 * Needs /usr/bin/python3 with openpyxl (Debian: python3-openpyxl) and /usr/bin/time (GNU time,
 * for CPU time and peak RSS of each child process); the one-core rows need taskset (util-linux).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHost, measureHost } from './host.js';
import { median } from './stats.js';

const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const TASKSET = '/usr/bin/taskset';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

interface Options {
  root: string;
  runs: number;
  sizes: number[];
  keep: boolean;
}

/** The first CPU this process may run on (a container may not allow CPU 0). */
function firstAllowedCpu(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const list = /^Cpus_allowed_list:\s*(\d+)/m.exec(status);
  return list ? Number(list[1]) : 0;
}

/**
 * Run a command, timing it (pinned to CPU `pin` when given); CPU time and peak RSS come from
 * GNU time when it is there.
 */
function timed(cmd: string, args: string[], okStatus: number[], dir: string, pin?: number): Sample {
  if (pin !== undefined) [cmd, args] = [TASKSET, ['-c', String(pin), cmd, ...args]];
  const stats = join(dir, 'time.txt');
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', '%U %S %M', '-o', stats, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t0;
  if (r.status === null || !okStatus.includes(r.status))
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  if (!useTime) return { wallMs, cpuMs: NaN, peakRssMb: NaN };
  const last = readFileSync(stats, 'utf8').trim().split('\n').pop() as string;
  const [user, sys, rssKb] = last.split(' ').map(Number) as [number, number, number];
  return { wallMs, cpuMs: (user + sys) * 1000, peakRssMb: rssKb / 1024 };
}

function summary(xs: Sample[]): Sample {
  return {
    wallMs: median(xs.map((x) => x.wallMs)),
    cpuMs: median(xs.map((x) => x.cpuMs)),
    peakRssMb: Math.max(...xs.map((x) => x.peakRssMb)),
  };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number): string => (Number.isNaN(x) ? '–' : `${Math.round(x)} MB`);

/** A register of `n` units: half departments, a fifth districts, the rest communes. */
function writeRegister(path: string, n: number): void {
  const units = Array.from({ length: n }, (_, i) => {
    const tier = i < n / 2 ? 'so' : i < (n * 7) / 10 ? 'huyen' : 'xa';
    const prefix = tier === 'so' ? 'S' : tier === 'huyen' ? 'H' : 'X';
    return { code: `${prefix}${String(i + 1).padStart(4, '0')}`, name: `Đơn vị thử ${i + 1}`, tier };
  });
  writeFileSync(path, JSON.stringify(units));
}

export interface SideBySideRow {
  what: string;
  ours: Sample;
  theirs?: Sample;
}

export async function sideBySide(opts: Options): Promise<SideBySideRow[]> {
  const bin = join(opts.root, 'bin', 'tonghop.js');
  const py = join(opts.root, 'test', 'bench', 'python');
  const check = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  if (check.status !== 0)
    throw new Error(`side-by-side needs ${PYTHON} with openpyxl (apt-get install python3-openpyxl): ${check.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-sbs-'));
  const rows: SideBySideRow[] = [];
  const out = (line: string): boolean => process.stdout.write(line + '\n');
  const host = describeHost(await measureHost());
  out(`# this machine: ${host}`);
  const pin = existsSync(TASKSET) ? firstAllowedCpu() : undefined;
  if (pin === undefined) out(`# ${TASKSET} is missing: no one-core rows`);
  try {
    for (const n of opts.sizes) {
      const ours = join(dir, `ours-${n}`);
      const theirs = join(dir, `openpyxl-${n}`);
      const unitsArgs: string[] = [];
      if (n !== 40) {
        writeRegister(join(dir, `units-${n}.json`), n);
        unitsArgs.push('--units', join(dir, `units-${n}.json`));
      }
      out(`# ${n} returns: writing them (our generator, then openpyxl)…`);
      timed(process.execPath, [bin, 'sample', '--period', 'NQ08-SK2023', '--out', ours, ...unitsArgs], [0], dir);
      timed(PYTHON, [join(py, 'resave_returns.py'), ours, theirs], [0], dir);
      for (const [writer, folder] of [
        ['our generator', ours],
        ['openpyxl', theirs],
      ] as const) {
        const app: Sample[] = [];
        const script: Sample[] = [];
        // One core: only for the 40 returns of our generator (the everyday batch).
        const pinned = pin !== undefined && n === 40 && folder === ours;
        const appOne: Sample[] = [];
        const scriptOne: Sample[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const ws = join(dir, `ws-${n}-${i}`);
          const consolidate = (cpu?: number): Sample =>
            timed(
              process.execPath,
              [
                bin,
                'consolidate',
                folder,
                '--period',
                'NQ08-SK2023',
                ...unitsArgs,
                '--workspace',
                ws,
                '--json',
                join(dir, 'out.json'),
                '--quiet',
              ],
              [0, 1],
              dir,
              cpu,
            );
          const sum = (cpu?: number): Sample => timed(PYTHON, [join(py, 'sum_returns.py'), folder], [0], dir, cpu);
          app.push(consolidate());
          rmSync(ws, { recursive: true, force: true });
          script.push(sum());
          out(
            `  run ${i + 1}: consolidate ${s(app[i]!.wallMs)} (cpu ${s(app[i]!.cpuMs)}), openpyxl sum ${s(script[i]!.wallMs)} (cpu ${s(script[i]!.cpuMs)})`,
          );
          if (!pinned) continue;
          appOne.push(consolidate(pin));
          rmSync(ws, { recursive: true, force: true });
          scriptOne.push(sum(pin));
          out(
            `         one core: consolidate ${s(appOne[i]!.wallMs)} (cpu ${s(appOne[i]!.cpuMs)}), openpyxl sum ${s(scriptOne[i]!.wallMs)} (cpu ${s(scriptOne[i]!.cpuMs)})`,
          );
        }
        rows.push({
          what: `consolidate ${n} returns written by ${writer} vs openpyxl sum-only`,
          ours: summary(app),
          theirs: summary(script),
        });
        if (pinned)
          rows.push({
            what: `the same, both on one core (taskset -c ${pin})`,
            ours: summary(appOne),
            theirs: summary(scriptOne),
          });
      }
    }
    // Checklists and report on a consolidated 40-unit workspace.
    const r40 = join(dir, 'ours-40');
    if (!existsSync(r40)) timed(process.execPath, [bin, 'sample', '--period', 'NQ08-SK2023', '--out', r40], [0], dir);
    const ws = join(dir, 'ws-40');
    timed(
      process.execPath,
      [bin, 'consolidate', r40, '--period', 'NQ08-SK2023', '--workspace', ws, '--quiet'],
      [0, 1],
      dir,
    );
    const common = [r40, '--period', 'NQ08-SK2023', '--workspace', ws, '--quiet'];
    const lists: Sample[] = [];
    const reports: Sample[] = [];
    for (let i = 0; i < opts.runs; i++) {
      lists.push(timed(process.execPath, [bin, 'checklists', ...common, '--out', join(dir, `pkt${i}`)], [0, 1], dir));
      reports.push(
        timed(process.execPath, [bin, 'report', ...common, '--out', join(dir, `report${i}.pdf`)], [0, 1], dir),
      );
      rmSync(join(dir, `pkt${i}`), { recursive: true, force: true });
      out(`  run ${i + 1}: checklists ${s(lists[i]!.wallMs)}, report ${s(reports[i]!.wallMs)}`);
    }
    rows.push({
      what: '`tonghop checklists` of 40 units (one PDF each), consolidated workspace',
      ours: summary(lists),
    });
    rows.push({ what: '`tonghop report` of 40 units, consolidated workspace', ours: summary(reports) });
  } finally {
    if (opts.keep) out(`(files kept in ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
  out('');
  out(`Machine: ${host}.`);
  out('');
  out(
    `| what (median of ${opts.runs}, whole process) | ratio wall | ratio CPU | ours wall | ours CPU | ours peak RSS | openpyxl wall | openpyxl CPU | openpyxl peak RSS |`,
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const t = r.theirs;
    out(
      `| ${r.what} | ${t ? (r.ours.wallMs / t.wallMs).toFixed(2) : '–'} | ${t ? (r.ours.cpuMs / t.cpuMs).toFixed(2) : '–'} | ${s(r.ours.wallMs)} | ${s(r.ours.cpuMs)} | ${mb(r.ours.peakRssMb)} | ${t ? s(t.wallMs) : '–'} | ${t ? s(t.cpuMs) : '–'} | ${t ? mb(t.peakRssMb) : '–'} |`,
    );
  }
  return rows;
}

/** Parse `side-by-side [--runs N] [--sizes 40,1000] [--keep]`. */
export function sideBySideOptions(root: string, argv: string[]): Options {
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(opt('--runs') ?? 5);
  const sizes = (opt('--sizes') ?? '40,1000').split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('usage: side-by-side [--runs N] [--sizes 40,1000] [--keep]');
  return { root, runs, sizes, keep: argv.includes('--keep') };
}
