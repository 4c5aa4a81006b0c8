/** The PDF patches run only on the library versions they were written for, and still do their work. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATCHED_FOR } from './patched-versions.js';

/** The version of the package that `from` (a module path) would load. */
function installedVersion(name: string, from: string): string {
  const require = createRequire(from);
  // The nearest package.json above the entry point that names the package.
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === name) return pkg.version;
  }
  throw new Error(`no package.json of ${name}`);
}

describe('pinned PDF libraries', () => {
  const root = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(root, 'utf8')) as {
    dependencies: Record<string, string>;
    overrides?: Record<string, string>;
  };

  it('package.json pins pdfmake, and pdfkit and fontkit through overrides, to the patched versions', () => {
    expect(pkg.dependencies.pdfmake).toBe(PATCHED_FOR.pdfmake);
    expect(pkg.overrides).toMatchObject({ pdfkit: PATCHED_FOR.pdfkit, fontkit: PATCHED_FOR.fontkit });
  });

  it('the installed versions, as pdfmake loads them, are the patched ones', () => {
    const here = import.meta.url;
    const pdfmakeMain = createRequire(here).resolve('pdfmake');
    const pdfkitMain = createRequire(pdfmakeMain).resolve('pdfkit');
    expect({
      pdfmake: installedVersion('pdfmake', here),
      pdfkit: installedVersion('pdfkit', pdfmakeMain),
      fontkit: installedVersion('fontkit', pdfkitMain),
    }).toEqual(PATCHED_FOR);
    // One pdfkit: the one our speed-ups patch is the one pdfmake draws with.
    expect(createRequire(here).resolve('pdfkit')).toBe(pdfkitMain);
  });
});
