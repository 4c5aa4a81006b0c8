import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding the app's data files (form, register, periods, fonts).
 * Found by walking up from this module, so it works from sources, from the
 * compiled `build/` tree and from a packaged app alike; `TONGHOP_RESOURCES` overrides.
 */
export function resourcesDir(): string {
  if (process.env.TONGHOP_RESOURCES) return process.env.TONGHOP_RESOURCES;
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'form-cchc.json'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('resources folder not found');
    dir = parent;
  }
}

/** Read and JSON-parse a file from the resources folder. */
export function readResourceJson(name: string): unknown {
  return JSON.parse(readFileSync(join(resourcesDir(), name), 'utf8'));
}

/** Absolute path of a file in the resources folder. */
export function resourcePath(...parts: string[]): string {
  return join(resourcesDir(), ...parts);
}
