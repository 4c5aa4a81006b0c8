import { resolve } from 'node:path';
import { parseCommandArgs, required, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFile, writeOutputs } from '../output.js';
import { PIPELINE_OPTIONS, pipelineRequest, runPipeline } from '../pipeline-args.js';

/** `tonghop packet DIR --period CODE --unit CODE --out FILE.xlsx` */
export async function packet(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...PIPELINE_OPTIONS, unit: { type: 'string' }, out: { type: 'string' } },
    { min: 1, max: 1, names: ['DIR'] },
  );
  const ctx = resolveContext(values, io.cwd);
  const unit = required(values, 'unit').toUpperCase();
  const out = resolve(io.cwd, required(values, 'out'));
  if (!ctx.units.some((u) => u.code === unit))
    throw new UsageError(`Không có đơn vị ${unit} trong danh sách của kỳ ${ctx.period.code}.`);
  checkOutputFile(out, 'tệp phản hồi');
  const result = await runPipeline(pipelineRequest(positionals[0] as string, values, ctx, io));
  const track = result.units.find((u) => u.code === unit);
  if (!track?.sha256 || !track.file) {
    throw new UsageError(
      `Đơn vị ${unit} chưa có báo cáo được chọn để gửi lại (trạng thái: ${track?.status ?? 'missing'}).`,
    );
  }
  const { originalBytes } = await import('../../workspace/index.js');
  const { buildReturnPacket } = await import('../../export/packet.js');
  const findings = result.consolidation.findings.filter((f) => f.unit === unit && f.status === 'open');
  const file = track.file;
  const sha256 = track.sha256;
  await writeOutputs([
    {
      path: out,
      what: 'tệp phản hồi',
      content: () => buildReturnPacket(originalBytes(result.workspace, sha256), findings, file),
    },
  ]);
  io.out(`Đã ghi tệp phản hồi ${out} cho đơn vị ${unit} (${findings.length} phát hiện).\n`);
  return 0;
}
