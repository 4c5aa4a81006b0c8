import { resolve } from 'node:path';
import { optional, parseCommandArgs, required, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFile, writeOutputs } from '../output.js';
import { PIPELINE_OPTIONS, pipelineRequest, runPipeline } from '../pipeline-args.js';
import { reportSettingsFor } from '../report-settings.js';

/** "dd/mm/yyyy" → ISO yyyy-mm-dd, or undefined. */
function isoDay(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** `tonghop packet DIR --period CODE --unit CODE --out FILE.xlsx [--resend-by DD/MM/YYYY] [--contact TEXT]` */
export async function packet(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      ...PIPELINE_OPTIONS,
      unit: { type: 'string' },
      out: { type: 'string' },
      'resend-by': { type: 'string' },
      contact: { type: 'string' },
    },
    { min: 1, max: 1, names: ['DIR'] },
  );
  const resendText = optional(values, 'resend-by');
  const resendBy = resendText
    ? isoDay(resendText)
    : new Date(Date.now() + (7 * 24 + 7) * 3600_000).toISOString().slice(0, 10);
  if (!resendBy)
    throw new UsageError(`Ngày "${resendText ?? ''}" không đọc được; hãy ghi dạng ngày/tháng/năm, ví dụ 20/07/2023.`);
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
  const settings = await reportSettingsFor(result.workspace, ctx.period);
  const contact = optional(values, 'contact');
  const file = track.file;
  const sha256 = track.sha256;
  const request = {
    unit: { code: track.code, name: track.name },
    periodTitle: ctx.period.title,
    issuer: { governingBody: settings.governingBody, issuingBody: settings.issuingBody },
    resendBy,
    ...(contact ? { contact } : {}),
    ...(track.receivedAt ? { receivedAt: track.receivedAt } : {}),
  };
  await writeOutputs([
    {
      path: out,
      what: 'tệp phản hồi',
      content: () => buildReturnPacket(originalBytes(result.workspace, sha256), findings, file, request),
    },
  ]);
  io.out(`Đã ghi tệp phản hồi ${out} cho đơn vị ${unit} (${findings.length} phát hiện).\n`);
  return 0;
}
