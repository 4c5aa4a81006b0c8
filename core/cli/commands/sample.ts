import { resolve } from 'node:path';
import { parseCommandArgs, optional, required, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFolder } from '../output.js';

/** `tonghop sample --period CODE --out DIR [--faults] [--units FILE] [--seed N]` */
export async function sample(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      period: { type: 'string' },
      out: { type: 'string' },
      units: { type: 'string' },
      faults: { type: 'boolean' },
      seed: { type: 'string' },
    },
    { min: 0, max: 0, names: [] },
  );
  const ctx = resolveContext(values, io.cwd);
  const outDir = resolve(io.cwd, required(values, 'out'));
  checkOutputFolder(outDir, 'thư mục báo cáo mẫu');
  const seedText = optional(values, 'seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError('--seed phải là một số nguyên.');
  const { writeSampleReturns } = await import('../../sample/index.js');
  const result = await writeSampleReturns({
    form: ctx.form,
    period: ctx.period,
    units: ctx.allUnits,
    outDir,
    faults: values.faults === true,
    ...(seed !== undefined ? { seed } : {}),
  });
  io.out(`Đã ghi ${result.files.length} báo cáo mẫu kỳ ${ctx.period.code} vào ${outDir}.\n`);
  for (const f of result.faults) io.out(`  Lỗi cố ý — ${f.unit}${f.cell ? ` (${f.cell})` : ''}: ${f.detail}\n`);
  return 0;
}
