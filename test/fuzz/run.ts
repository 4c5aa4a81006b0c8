/**
 * The fuzzer: seeded mutations of generated returns (`mutate.ts`), consolidated in batches by
 * the real `tonghop` command, each run checked: it ends by itself with status 0 or 1 (never 2,
 * never killed), every file of the batch has an outcome with a Vietnamese message, no figure or
 * message is poisoned (NaN, Infinity, "undefined", an English error), and the whole process's
 * peak memory stays under a bound.
 *
 *   npm run fuzz                                   20,000 files, a random seed
 *   node build/test/fuzz/run.js --count 5000 --seed 42 [--batch 100] [--keep]
 *
 * `npm test` runs a bounded 2,000-file pass (test/unit/fuzz.test.ts). A failure names the seed
 * and the file; the same seed and count make the same files.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { Rng } from '../../core/sample/random.js';
import { syntheticRegister, writeSampleReturns } from '../../core/sample/index.js';
import { mutate } from './mutate.js';

/** The repository root, from the sources (test/fuzz) or the build (build/test/fuzz). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!readdirSync(dir).includes('package.json')) dir = dirname(dir);
  return dir;
}

const ROOT = repoRoot();
const BIN = join(ROOT, 'bin', 'tonghop.js');
const PEAK_RSS = join(ROOT, 'test', 'fixtures', 'peak-rss.mjs');
const PERIOD = 'NQ08-SK2023';

export interface FuzzOptions {
  seed: number;
  /** Mutated returns in all. */
  count: number;
  /** Returns per `consolidate` run. Default 100. */
  batch?: number;
  /** Runs at once. Default 1. */
  parallel?: number;
  /** A run's whole-process peak RSS must stay below this. Default 500 MB. */
  peakRssLimitMb?: number;
  /** A run still going after this is a failure (a hang). Default 120 s. */
  timeoutMs?: number;
  /** Keep the folder of files and results (it is removed when every run passed). */
  keep?: boolean;
  onBatch?: (done: number, of: number) => void;
}

export interface FuzzReport {
  seed: number;
  files: number;
  runs: number;
  /** One line per problem found; empty when every run passed. */
  failures: string[];
  /** Highest peak RSS of a run, MB. */
  peakRssMb: number;
  /** File outcomes: imported, rejected, duplicate, superseded. */
  outcomes: Record<string, number>;
  /** Mutations made, by kind. */
  kinds: Record<string, number>;
  /** Import and reconciliation checks raised, by code. */
  checks: Record<string, number>;
  ms: number;
  dir: string;
}

interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  peakRssMb: number;
}

function consolidate(folder: string, out: string, ws: string, units: string, timeoutMs: number): Promise<RunResult> {
  const rssFile = `${out}.rss`;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(PEAK_RSS).href,
        BIN,
        'consolidate',
        folder,
        '--period',
        PERIOD,
        '--units',
        units,
        '--workspace',
        ws,
        '--json',
        out,
        '--quiet',
      ],
      { env: { ...process.env, TONGHOP_PEAK_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let peak = 0;
      try {
        peak = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {
        // No figure: the process died before its exit hook.
      }
      resolve({ status, signal, stderr, peakRssMb: peak });
    });
  });
}

/** Text that must never reach a clerk, or a figure that is not one. */
const POISON_WORDS = /\b(NaN|Infinity|undefined|null|TypeError|RangeError|Error:|\[object)\b/;

/** Whether a message is poisoned, leaving aside what it quotes of the file ("…": the unit may type "NaN"). */
function poisoned(message: string): boolean {
  return POISON_WORDS.test(message.replace(/"[^"]*"/g, '""'));
}

interface CliJson {
  files: { name: string; status: string; message?: string }[];
  findings: { check: string; message: string }[];
  totals: Record<string, Record<string, number>>;
  ratios: Record<string, Record<string, number | null>>;
}

/** Check one run; problems are pushed to `failures`. */
function judge(
  label: string,
  names: string[],
  run: RunResult,
  jsonPath: string,
  limitMb: number,
  report: FuzzReport,
): void {
  const fail = (why: string): void => {
    report.failures.push(`${label}: ${why}`);
  };
  report.peakRssMb = Math.max(report.peakRssMb, run.peakRssMb);
  if (run.signal) return fail(`killed (${run.signal}) — a hang or a crash`);
  if (run.status !== 0 && run.status !== 1) return fail(`exit ${run.status}: ${run.stderr.slice(0, 500)}`);
  if (run.peakRssMb > limitMb) fail(`peak RSS ${Math.round(run.peakRssMb)} MB over ${limitMb} MB`);
  let j: CliJson;
  try {
    j = JSON.parse(readFileSync(jsonPath, 'utf8')) as CliJson;
  } catch (e) {
    return fail(`no JSON: ${(e as Error).message}`);
  }
  const seen = new Map(j.files.map((f) => [f.name, f]));
  for (const name of names) {
    const f = seen.get(name);
    if (!f) {
      fail(`${name}: no outcome`);
      continue;
    }
    report.outcomes[f.status] = (report.outcomes[f.status] ?? 0) + 1;
    if (f.status !== 'imported' && !f.message) fail(`${name}: ${f.status} without a message`);
    if (f.message && poisoned(f.message)) fail(`${name}: message "${f.message}"`);
  }
  for (const f of j.findings) {
    report.checks[f.check] = (report.checks[f.check] ?? 0) + 1;
    if (poisoned(f.message)) fail(`finding ${f.check}: "${f.message.slice(0, 300)}"`);
  }
  for (const scope of Object.values(j.totals)) {
    for (const [code, v] of Object.entries(scope)) if (!Number.isFinite(v)) fail(`total ${code} = ${v}`);
  }
  for (const scope of Object.values(j.ratios)) {
    for (const [code, v] of Object.entries(scope)) if (v !== null && !Number.isFinite(v)) fail(`ratio ${code} = ${v}`);
  }
}

/** The generator's seed for file `i` of a run seeded `seed`: each file can be remade alone. */
function fileSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}

/** Run the fuzzer. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const batch = opts.batch ?? 100;
  const limitMb = opts.peakRssLimitMb ?? 500;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const dir = mkdtempSync(join(tmpdir(), `tonghop-fuzz-${opts.seed}-`));
  const report: FuzzReport = {
    seed: opts.seed,
    files: 0,
    runs: 0,
    failures: [],
    peakRssMb: 0,
    outcomes: {},
    kinds: {},
    checks: {},
    ms: 0,
    dir,
  };

  // A register of 100 units, so that every file of a batch can be a different unit's and be
  // accepted and reconciled; their clean returns from the sample generator.
  const units = syntheticRegister(batch);
  const unitsFile = join(dir, 'units.json');
  writeFileSync(unitsFile, JSON.stringify(units));
  const written = await writeSampleReturns({
    form: loadDefaultForm(),
    period: findPeriod(PERIOD)!,
    units,
    outDir: join(dir, 'base'),
    seed: opts.seed,
  });
  const bases = written.files.map((f) => ({ unit: f.unit, bytes: new Uint8Array(readFileSync(f.path)) }));

  const batches = Math.ceil(opts.count / batch);
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < batches) {
      const b = next++;
      const folder = join(dir, `b${b}`);
      mkdirSync(folder);
      const names: string[] = [];
      for (let i = b * batch; i < Math.min(opts.count, (b + 1) * batch); i++) {
        const base = bases[i % bases.length]!;
        const m = mutate(base.bytes, new Rng(fileSeed(opts.seed, i)));
        const name = `F${String(i).padStart(5, '0')}_${m.kind}_${base.unit}.xlsx`;
        writeFileSync(join(folder, name), m.bytes);
        names.push(name);
        for (const k of m.kind.split('+')) report.kinds[k] = (report.kinds[k] ?? 0) + 1;
      }
      const out = join(dir, `b${b}.json`);
      const run = await consolidate(folder, out, join(dir, `ws${b}`), unitsFile, timeoutMs);
      judge(`seed ${opts.seed}, batch ${b} (${folder})`, names, run, out, limitMb, report);
      report.files += names.length;
      report.runs++;
      opts.onBatch?.(++done, batches);
      if (!opts.keep && report.failures.length === 0) {
        rmSync(folder, { recursive: true, force: true });
        rmSync(join(dir, `ws${b}`), { recursive: true, force: true });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.parallel ?? 1) }, lane));
  report.ms = performance.now() - t0;
  if (!opts.keep && report.failures.length === 0) rmSync(dir, { recursive: true, force: true });
  return report;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seed = Number(argValue('--seed') ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(argValue('--count') ?? 20_000);
  const batch = Number(argValue('--batch') ?? 100);
  const parallel = Number(argValue('--parallel') ?? 2);
  process.stdout.write(`Fuzzing ${count} returns, seed ${seed}, ${batch} per run, ${parallel} at once…\n`);
  const r = await runFuzz({
    seed,
    count,
    batch,
    parallel,
    keep: process.argv.includes('--keep'),
    onBatch: (d, of) => {
      if (d % 10 === 0 || d === of) process.stdout.write(`  ${d}/${of} runs\n`);
    },
  });
  process.stdout.write(
    `${r.files} files in ${r.runs} runs, ${(r.ms / 1000).toFixed(1)} s; peak RSS ${Math.round(r.peakRssMb)} MB\n` +
      `outcomes ${JSON.stringify(r.outcomes)}\nmutations ${JSON.stringify(r.kinds)}\n`,
  );
  if (r.failures.length > 0) {
    process.stdout.write(`${r.failures.length} failures (files kept in ${r.dir}):\n${r.failures.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('No failure.\n');
  }
}
