import { resolve } from 'node:path';
import { optional, parseCommandArgs } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFile, writeOutputs, type Output } from '../output.js';
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
  const json = optional(values, 'json');
  const xlsx = optional(values, 'xlsx');
  // Where the results go is checked before anything is imported.
  if (json) checkOutputFile(resolve(io.cwd, json), 'tệp kết quả JSON');
  if (xlsx) checkOutputFile(resolve(io.cwd, xlsx), 'sổ tính tổng hợp');
  const request = pipelineRequest(positionals[0] as string, values, ctx, io);
  const result = await runPipeline(request);
  const outputs: Output[] = [];
  if (json) {
    outputs.push({
      path: resolve(io.cwd, json),
      what: 'tệp kết quả JSON',
      content: () => JSON.stringify(result.json, null, 2) + '\n',
    });
  }
  if (xlsx) {
    outputs.push({
      path: resolve(io.cwd, xlsx),
      what: 'sổ tính tổng hợp',
      content: async () => {
        const { buildConsolidatedWorkbook } = await import('../../export/consolidated-xlsx.js');
        const settings = await reportSettingsFor(result.workspace, ctx.period);
        const issuer = { governingBody: settings.governingBody, issuingBody: settings.issuingBody };
        return buildConsolidatedWorkbook(result.consolidation, { issuer });
      },
    });
  }
  io.out(summaryText(result, request.inputDir ?? resolve(io.cwd, positionals[0] as string)));
  await writeOutputs(outputs);
  return result.openErrors > 0 ? 1 : 0;
}
