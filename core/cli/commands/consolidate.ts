import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { optional, parseCommandArgs } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { PIPELINE_OPTIONS, pipelineRequest, runPipeline } from '../pipeline-args.js';
import { reportSettingsFor } from '../report-settings.js';
import { summaryText } from '../summary.js';

/** `tonghop consolidate DIR --period CODE [--units FILE] [--workspace DIR] [--previous DIR] [--json FILE] [--xlsx FILE]` */
export async function consolidate(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...PIPELINE_OPTIONS, json: { type: 'string' }, xlsx: { type: 'string' } },
    { min: 1, max: 1, names: ['DIR'] },
  );
  const ctx = resolveContext(values, io.cwd);
  const result = await runPipeline(pipelineRequest(positionals[0] as string, values, ctx, io));
  const json = optional(values, 'json');
  if (json) await writeFile(resolve(io.cwd, json), JSON.stringify(result.json, null, 2) + '\n');
  const xlsx = optional(values, 'xlsx');
  if (xlsx) {
    const { buildConsolidatedWorkbook } = await import('../../export/consolidated-xlsx.js');
    const settings = await reportSettingsFor(result.workspace, ctx.period);
    const issuer = { governingBody: settings.governingBody, issuingBody: settings.issuingBody };
    await writeFile(resolve(io.cwd, xlsx), await buildConsolidatedWorkbook(result.consolidation, { issuer }));
  }
  io.out(summaryText(result, resolve(io.cwd, positionals[0] as string)));
  return result.openErrors > 0 ? 1 : 0;
}
