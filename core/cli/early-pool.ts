/**
 * The import workers of a command that reads returns are started first thing, so that their
 * start-up (a Node isolate each, and the parser's code) overlaps the main thread loading the
 * rest of the engine. This module must stay light: it is loaded before anything else.
 */
import type { ImportPool } from '../import/pool.js';

let early: Promise<ImportPool> | undefined;

/** Start the import pool now (idempotent). */
export function startEarlyPool(): void {
  early ??= import('../import/pool.js').then((m) => m.createImportPool());
}

/** The pool started by {@link startEarlyPool}, if any; the caller owns (and closes) it. */
export async function takeEarlyPool(): Promise<ImportPool | undefined> {
  const p = early;
  early = undefined;
  return p;
}
