import { join, resolve } from 'node:path';
import { optional, parseCommandArgs, required, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import type { CliIO } from '../io.js';
import { checkOutputFolder, writeOutputs } from '../output.js';
import { PIPELINE_OPTIONS, pipelineRequest, runPipeline } from '../pipeline-args.js';
import { reportSettingsFor } from '../report-settings.js';

/** `--team "Họ tên:Chức danh"` → a team member. */
function parseTeam(list: string[]): { name: string; role: string }[] {
  return list.map((t) => {
    const i = t.lastIndexOf(':');
    const name = (i < 0 ? t : t.slice(0, i)).trim();
    const role = (i < 0 ? (list.indexOf(t) === 0 ? 'Trưởng đoàn' : 'Thành viên') : t.slice(i + 1)).trim();
    if (!name || !role) throw new UsageError(`--team "${t}": ghi theo dạng "Họ tên:Chức danh".`);
    return { name, role };
  });
}

/** `tonghop checklists DIR --period CODE --out DIR [--unit CODE] [--combined] [--team "Họ tên:Chức danh"]…` */
export async function checklists(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      ...PIPELINE_OPTIONS,
      out: { type: 'string' },
      unit: { type: 'string', multiple: true },
      combined: { type: 'boolean' },
      team: { type: 'string', multiple: true },
      date: { type: 'string' },
    },
    { min: 1, max: 1, names: ['DIR'] },
  );
  const ctx = resolveContext(values, io.cwd);
  const outDir = resolve(io.cwd, required(values, 'out'));
  const wanted = ((values.unit as string[] | undefined) ?? []).map((u) => u.trim().toUpperCase());
  for (const u of wanted) {
    if (!ctx.units.some((x) => x.code === u))
      throw new UsageError(`Không có đơn vị ${u} trong danh sách của kỳ ${ctx.period.code}.`);
  }
  checkOutputFolder(outDir, 'thư mục phiếu kiểm tra');
  const result = await runPipeline(pipelineRequest(positionals[0] as string, values, ctx, io));
  const report = await reportSettingsFor(result.workspace, ctx.period);
  const { renderChecklists, parseChecklistSettings, checklistFileName } = await import('../../checklists/index.js');
  const date = optional(values, 'date');
  const settings = parseChecklistSettings({
    inspectingBody: report.issuingBody,
    governingBody: report.governingBody,
    team: parseTeam((values.team as string[] | undefined) ?? []),
    place: report.place,
    ...(date ? { date } : {}),
  });
  const batch = await renderChecklists({
    consolidation: result.consolidation,
    settings,
    ...(wanted.length ? { units: wanted } : {}),
    combined: values.combined === true,
  });
  if ('combined' in batch) {
    const name = `PKT_${wanted.length === 1 ? wanted[0] : 'TONGHOP'}_${ctx.period.code}.pdf`;
    await writeOutputs([{ path: join(outDir, name), what: 'phiếu kiểm tra gộp', content: () => batch.combined }]);
    io.out(`Đã ghi phiếu kiểm tra gộp ${join(outDir, name)}.\n`);
  } else {
    await writeOutputs(
      batch.files.map((f) => ({
        path: join(outDir, f.fileName || checklistFileName(f.unit, ctx.period.code)),
        what: `phiếu kiểm tra ${f.unit}`,
        content: () => f.pdf,
      })),
    );
    io.out(`Đã ghi ${batch.files.length} phiếu kiểm tra vào ${outDir}.\n`);
  }
  return result.openErrors > 0 ? 1 : 0;
}
