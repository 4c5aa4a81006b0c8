import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['renderer', 'shared-api', join('core', 'numbers')];

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build the renderer when build/renderer is missing or older than its sources, so the tests never run a stale UI. */
export default async function globalSetup(): Promise<void> {
  const built = join(ROOT, 'build', 'renderer', 'index.html');
  const sourceTime = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  await build({ configFile: join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
