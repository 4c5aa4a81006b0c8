import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { optional, parseCommandArgs, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import { fsErrorMessage } from '../../errors/index.js';
import type { CliIO } from '../io.js';
import { checkOutputFile, writeOutputs } from '../output.js';
import type { DataFacts } from '../../textcheck/index.js';

/** The consolidated figures of the period's workspace (never creates one). */
async function periodFacts(values: Record<string, unknown>, io: CliIO): Promise<DataFacts> {
  const ctx = resolveContext(values, io.cwd);
  const { defaultWorkspaceDir } = await import('../../workspace/index.js');
  const ws = optional(values, 'workspace');
  const dir = ws ? resolve(io.cwd, ws) : defaultWorkspaceDir(ctx.period);
  if (!existsSync(join(dir, 'workspace.json')))
    throw new UsageError(
      `Chưa có số liệu tổng hợp của kỳ ${ctx.period.code} tại ${dir}: hãy chạy "tonghop consolidate" trước, hoặc chỉ ra --workspace.`,
    );
  const { runConsolidation } = await import('../../pipeline/index.js');
  const { factsFromConsolidation } = await import('../../textcheck/index.js');
  const r = await runConsolidation({ form: ctx.form, period: ctx.period, units: ctx.units, workspaceDir: dir });
  return factsFromConsolidation(r.consolidation);
}

/** `tonghop check-text FILE [--period CODE] [--workspace DIR] [--json OUT] [--annotate OUT.docx [--annotate-info]]` */
export async function checkText(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      period: { type: 'string' },
      workspace: { type: 'string' },
      units: { type: 'string' },
      json: { type: 'string' },
      annotate: { type: 'string' },
      'annotate-info': { type: 'boolean' },
    },
    { min: 1, max: 1, names: ['FILE'] },
  );
  if (!optional(values, 'period') && (optional(values, 'workspace') || optional(values, 'units')))
    throw new UsageError('--workspace và --units chỉ dùng cùng --period (để đối chiếu với số liệu tổng hợp của kỳ).');
  const path = resolve(io.cwd, positionals[0] as string);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(fsErrorMessage(e, path, 'read'));
  }
  const jsonOut = optional(values, 'json');
  const annotateOut = optional(values, 'annotate');
  if (jsonOut) checkOutputFile(resolve(io.cwd, jsonOut), 'tệp kết quả JSON');
  if (annotateOut) checkOutputFile(resolve(io.cwd, annotateOut), 'bản có nhận xét');
  const tc = await import('../../textcheck/index.js');
  const annotate = optional(values, 'annotate');
  const withInfo = values['annotate-info'] === true;
  if (withInfo && !annotate) throw new UsageError('--annotate-info chỉ dùng cùng --annotate OUT.docx.');
  if (annotate && tc.sniffFormat(bytes) !== 'zip')
    throw new UsageError('--annotate chỉ dùng với tệp Word (.docx): nhận xét được gắn vào bản sao của văn bản.');
  let doc;
  try {
    doc = await tc.readDocument(bytes);
  } catch (e) {
    if (e instanceof tc.TextReadError) {
      io.err(`Lỗi: ${basename(path)}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const period = optional(values, 'period');
  const data = period ? await periodFacts(values, io) : undefined;
  const result = tc.checkDocument(doc, data ? { data } : {});
  io.out(tc.formatTextCheck(result, basename(path)));
  const json = optional(values, 'json');
  if (json) {
    const out = resolve(io.cwd, json);
    const text = `${JSON.stringify(tc.textCheckJson(result, basename(path), period), null, 2)}\n`;
    await writeOutputs([{ path: out, what: 'tệp kết quả JSON', content: () => text }]);
    io.err(`Đã ghi ${out}.\n`);
  }
  if (annotate) {
    const { annotateDocx } = await import('../../textcheck/annotate.js');
    const out = resolve(io.cwd, annotate);
    const a = await annotateDocx(bytes, result, { withInfo });
    await writeOutputs([{ path: out, what: 'bản có nhận xét', content: () => a.docx }]);
    const infos = withInfo ? 0 : result.counts.info;
    io.err(
      `Đã ghi bản có nhận xét ${out} (${a.placed} nhận xét` +
        (infos > 0 ? `; ${infos} thông tin không ghi, thêm --annotate-info để ghi cả các thông tin` : '') +
        (a.skipped > 0 ? `; ${a.skipped} phát hiện không gắn được vào đúng chỗ, xem danh sách ở trên` : '') +
        ').\n',
    );
  }
  return result.counts.error > 0 ? 1 : 0;
}
