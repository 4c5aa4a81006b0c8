/**
 * The import workers of a command that reads returns are started first thing, so that their
 * start-up (a Node isolate each, and the parser's code) overlaps the main thread loading the
 * rest of the engine. This module must stay light: it is loaded before anything else.
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportPool } from '../import/pool.js';

let early: Promise<ImportPool> | undefined;

/** Files in `dir` (a sizing hint only: 0 when it is not a readable folder). */
function countFiles(dir: string | undefined, cwd: string): number {
  if (dir === undefined) return 0;
  try {
    const abs = resolve(cwd, dir);
    return statSync(abs).isDirectory() ? readdirSync(abs).length : 0;
  } catch {
    return 0;
  }
}

/** Start the import pool now (idempotent), sized for the folder of returns when it is known. */
export function startEarlyPool(dir: string | undefined, cwd: string): void {
  early ??= import('../import/pool.js').then((m) => m.createImportPool({ size: m.poolSizeFor(countFiles(dir, cwd)) }));
}

/** The pool started by {@link startEarlyPool}, if any; the caller owns (and closes) it. */
export async function takeEarlyPool(): Promise<ImportPool | undefined> {
  const p = early;
  early = undefined;
  return p;
}

/**
 * Close the early pool if no command took it (a usage error stopped the command first), so
 * that nothing started for the command outlives it.
 */
export async function discardEarlyPool(): Promise<void> {
  const p = early;
  early = undefined;
  if (p) await (await p).close();
}
