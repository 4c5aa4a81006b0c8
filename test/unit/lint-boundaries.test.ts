/** The engine's boundary is enforced by the linter: core/ cannot reach Electron, the UI or the DOM. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lint(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('core/ boundaries', () => {
  it('refuses importing electron, react or the renderer from core/', async () => {
    expect(await lint("import { app } from 'electron';\nexport const a = app;\n", 'core/x/probe.ts')).toEqual([
      "no-restricted-imports: 'electron' import is restricted from being used. core/ is the engine: no Electron. Put platform code in electron/.",
    ]);
    expect((await lint("import React from 'react';\nexport const r = React;\n", 'core/x/probe.ts'))[0]).toContain(
      'core/ is the engine: no UI code.',
    );
    expect(
      (await lint("import { App } from '../../renderer/app.js';\nexport const r = App;\n", 'core/x/probe.ts'))[0],
    ).toContain('core/ must not import the shell or the UI.');
  });

  it('refuses DOM globals and console output in core/', async () => {
    expect(await lint('export const t = document.title;\n', 'core/x/probe.ts')).toEqual([
      "no-restricted-globals: Unexpected use of 'document'. core/ has no DOM.",
    ]);
    expect((await lint("console.log('x');\n", 'core/x/probe.ts'))[0]).toContain('no-console');
  });

  it("keeps the fake 'electron' module of the shell's tests out of core/, tests included", async () => {
    const probe = "import { recorder } from '../../test/fakes/electron.js';\nexport const r = recorder;\n";
    expect((await lint(probe, 'core/x/probe.test.ts'))[0]).toContain(
      "The fake 'electron' module is for the shell's tests only",
    );
    expect(await lint(probe.replace('../../test', '../test'), 'electron/probe.test.ts')).toEqual([]);
  });

  it('allows the same imports in the shell', async () => {
    expect(await lint("import { app } from 'electron';\nexport const a = app;\n", 'electron/probe.ts')).toEqual([]);
  });

  it('refuses eval and new Function everywhere', async () => {
    expect((await lint("export const v = eval('1');\n", 'core/x/probe.ts'))[0]).toContain('no-eval');
    expect((await lint("export const f = new Function('return 1');\n", 'core/x/probe.ts'))[0]).toContain('no-new-func');
  });
});
