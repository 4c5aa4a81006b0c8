/**
 * Benchmark: reconcile `n` units of random, rule-consistent returns built in memory.
 * Goal (reconciliation issue): 1,000 units ≤ 0.5 s.
 */
import { reconcile } from '../../core/reconcile/index.js';
import { consistentDataset, makeUnits } from '../../core/reconcile/testing.js';

export interface ReconcileBench {
  n: number;
  /** Wall time of each run, ms. */
  runs: number[];
  best: number;
  median: number;
  /**
   * CPU time (user + system) of each run, ms: what the work costs, unaffected by other
   * processes competing for the cores (the shared CI machine), so tests assert on it.
   */
  cpu: number[];
  bestCpu: number;
  findings: number;
}

/** Build `n` units (spread over so/huyen/xa) and time `reconcile` over `runs` runs. */
export function benchReconcile(n: number, runs = 5): ReconcileBench {
  const ds = consistentDataset(makeUnits(n), 42);
  const times: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    findings = reconcile(ds).findings.length;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    n,
    runs: times,
    best: sorted[0] ?? Number.NaN,
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    cpu,
    bestCpu: Math.min(...cpu),
    findings,
  };
}
