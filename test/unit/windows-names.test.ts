/**
 * Every name the app writes — templates, sample returns, the workspace's files, checklists,
 * reports — is a valid Windows name (no reserved device name, no trailing dot or space, no
 * forbidden character), and no folder gets two names that NTFS would take for one file.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CliIO } from '../../core/cli/io.js';
import { main } from '../../core/cli/main.js';
import { fileNameKey, windowsNameProblem } from '../../core/workspace/paths.js';

const root = mkdtempSync(join(tmpdir(), 'tonghop-names-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<number> {
  const io: CliIO = { out: () => undefined, err: () => undefined, env: {}, cwd: root };
  return main(args, io);
}

function everyName(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out.push(relative(root, p));
    if (statSync(p).isDirectory()) out.push(...everyName(p));
  }
  return out;
}

it('writes only names Windows accepts, none two of which NTFS would confuse', async () => {
  for (const period of ['NQ08-SK2023', 'NQ08-TK2025']) {
    const at = ['--period', period, '--workspace', join(root, 'ws', period)];
    expect(await cli(['templates', '--period', period, '--out', join(root, 'bieu-mau', period)])).toBe(0);
    expect(await cli(['sample', '--period', period, '--out', join(root, 'tra-ve', period), '--faults'])).toBe(0);
    expect(await cli(['consolidate', join(root, 'tra-ve', period), ...at])).toBeLessThanOrEqual(1);
    expect(
      await cli([
        'checklists',
        join(root, 'tra-ve', period),
        ...at,
        '--out',
        join(root, 'phieu', period),
        '--unit',
        'S01',
        '--unit',
        'X01',
      ]),
    ).toBeLessThanOrEqual(1);
  }
  const names = everyName(root);
  expect(names.length).toBeGreaterThan(250);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const rel of names) {
    const name = rel.split(/[\\/]/).at(-1)!;
    const p = windowsNameProblem(name);
    if (p) problems.push(`${rel}: ${p}`);
    const key = fileNameKey(rel);
    if (seen.has(key)) problems.push(`${rel} and ${seen.get(key)} are one file on NTFS`);
    seen.set(key, rel);
  }
  expect(problems).toEqual([]);
});
