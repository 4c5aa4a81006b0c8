/** Everything derived is a cache of the originals: re-parse and recompute it. */
import type { ParsedReturn } from '../model/index.js';
import { mkdirSync } from 'node:fs';
import { removeTree } from './fs-ops.js';
import { join } from 'node:path';
import { applyReplay, fillDerived, newSupersessions, summarise, type ParseFn } from './ingest.js';
import { commit, DERIVED_DIR, mutate, originalBytes, storeDerived, type Workspace } from './store.js';
import type { Submission } from './schema.js';

export interface RebuildResult {
  files: number;
  /** Contents whose status changed (e.g. a newer importer reads them differently). */
  changed: { sha256: string; name: string; from: Submission['status']; to: Submission['status'] }[];
}

/**
 * Delete `derived/`, re-parse every original (checking its SHA-256), reclassify it and replay
 * the statuses from the recorded batches and choices. Logged as `rebuilt`.
 */
export function rebuild(
  ws: Workspace,
  parse: ParseFn,
  opts: { by?: string; onProgress?: (done: number, total: number, name: string) => void } = {},
): Promise<RebuildResult> {
  return mutate(ws, async (before) => {
    ws.cache.clear();
    removeTree(ws.fs, join(ws.dir, DERIVED_DIR));
    mkdirSync(join(ws.dir, DERIVED_DIR), { recursive: true });
    const subs: Submission[] = [];
    let done = 0;
    // All parses start at once (a worker pool runs them in parallel); results are taken in order.
    const parsing = before.submissions.map((s) => parse(originalBytes(ws, s.sha256), s.names[0]!, s.sha256));
    for (const p of parsing) p.catch(() => undefined);
    for (const [i, s] of before.submissions.entries()) {
      const parsed = await (parsing[i] as Promise<ParsedReturn>);
      storeDerived(ws, s.sha256, parsed);
      subs.push(summarise(ws, parsed, s));
      opts.onProgress?.(++done, before.submissions.length, s.names[0]!);
    }
    const after = applyReplay(ws, { ...before, submissions: subs });
    const changed: RebuildResult['changed'] = [];
    after.submissions.forEach((s, i) => {
      const old = before.submissions[i]!;
      if (old.status !== s.status)
        changed.push({ sha256: s.sha256, name: s.names[0]!, from: old.status, to: s.status });
    });
    const moved = newSupersessions(before, after).map((s) => `${s.unit}:${s.from.slice(0, 12)}→${s.to.slice(0, 12)}`);
    commit(
      ws,
      after,
      [{ action: 'rebuilt', files: subs.length, changed, supersessionsChanged: moved }],
      opts.by ?? ws.by,
    );
    return { files: subs.length, changed };
  });
}

/**
 * Re-parse the originals whose cached parse is missing (someone deleted `derived/`); no
 * commit, since the cache is not part of the workspace's state. Returns how many were parsed.
 */
export function ensureDerived(ws: Workspace, parse: ParseFn): Promise<number> {
  return mutate(ws, (m) => fillDerived(ws, m, parse));
}
