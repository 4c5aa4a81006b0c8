import { resolve } from 'node:path';
import { parseCommandArgs, required } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFolder } from '../output.js';

/** `tonghop templates --period CODE --out DIR [--units FILE]` */
export async function templates(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { period: { type: 'string' }, out: { type: 'string' }, units: { type: 'string' } },
    { min: 0, max: 0, names: [] },
  );
  const ctx = resolveContext(values, io.cwd);
  const outDir = resolve(io.cwd, required(values, 'out'));
  checkOutputFolder(outDir, 'thư mục biểu mẫu');
  const { writeTemplates } = await import('../../templates/index.js');
  const started = performance.now();
  const result = await writeTemplates({ form: ctx.form, period: ctx.period, units: ctx.allUnits, outDir });
  const ms = performance.now() - started;
  for (const s of result.skipped) io.err(`${s.reason}\n`);
  io.out(`Đã ghi ${result.files.length} biểu mẫu kỳ ${ctx.period.code} vào ${outDir} (${Math.round(ms)} ms).\n`);
  return 0;
}
