import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { optional, parseCommandArgs, required, UsageError } from '../args.js';
import { resolveContext } from '../context.js';
import { fsErrorMessage, parseJsonText } from '../../errors/index.js';
import { decodeUserText } from '../../text/index.js';
import type { CliIO } from '../io.js';
import { checkInputFile, checkOutputFile, writeOutputs } from '../output.js';
import { PIPELINE_OPTIONS, pipelineRequest, runPipeline } from '../pipeline-args.js';
import { reportSettingsFor } from '../report-settings.js';

/** The password of a certificate: from the named environment variable, or asked on the terminal. */
async function certificatePassword(values: Record<string, unknown>, io: CliIO): Promise<string> {
  const envName = optional(values, 'pass-env');
  if (envName) {
    const v = io.env[envName];
    if (v === undefined) throw new UsageError(`Biến môi trường ${envName} (mật khẩu chứng thư số) chưa được đặt.`);
    return v;
  }
  if (io.promptSecret) return io.promptSecret('Mật khẩu chứng thư số: ');
  throw new UsageError(
    'Cần mật khẩu chứng thư số: dùng --pass-env TÊN_BIẾN (không bao giờ ghi mật khẩu trên dòng lệnh).',
  );
}

/** Read a JSON file given by the user, with a Vietnamese message when it cannot be read. */
async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    // As Notepad saves it: UTF-8 with or without a BOM, or UTF-16; CRLF.
    text = decodeUserText(new Uint8Array(await readFile(path)));
  } catch (e) {
    throw new UsageError(`Không đọc được tệp ${what}: ${fsErrorMessage(e, path, 'read')}`);
  }
  try {
    return parseJsonText(text, `Tệp ${what} ${path}`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The bytes of a file given by the user (a certificate, an image), with a Vietnamese message when unreadable. */
async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`Không đọc được ${what}: ${fsErrorMessage(e, path, 'read')}`);
  }
}

/**
 * `tonghop report DIR --period CODE --out FILE.pdf [--docx FILE.docx] [--internal-annex FILE.pdf] [--sign FILE.p12 --pass-env VAR [--accept-gaps]]`:
 * the visible gaps are listed either way; signing a report with gaps needs `--accept-gaps`.
 */
export async function report(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      ...PIPELINE_OPTIONS,
      out: { type: 'string' },
      sign: { type: 'string' },
      'pass-env': { type: 'string' },
      'signature-image': { type: 'string' },
      'seal-image': { type: 'string' },
      reason: { type: 'string' },
      settings: { type: 'string' },
      template: { type: 'string' },
      'accept-gaps': { type: 'boolean' },
      'internal-annex': { type: 'string' },
      docx: { type: 'string' },
    },
    { min: 1, max: 1, names: ['DIR'] },
  );
  const ctx = resolveContext(values, io.cwd);
  const out = resolve(io.cwd, required(values, 'out'));
  const p12Path = optional(values, 'sign');
  if (!p12Path && (values['pass-env'] || values['signature-image'] || values['seal-image'] || values['accept-gaps'])) {
    throw new UsageError('--pass-env, --signature-image, --seal-image và --accept-gaps chỉ dùng cùng --sign.');
  }
  const internalAnnex = optional(values, 'internal-annex');
  // Every file given is checked before anything is imported.
  const inputs: [string, string][] = [
    ['settings', 'tệp thiết lập báo cáo'],
    ['template', 'tệp mẫu nội dung báo cáo'],
    ['sign', 'tệp chứng thư số'],
    ['signature-image', 'ảnh chữ ký'],
    ['seal-image', 'ảnh con dấu'],
  ];
  for (const [option, what] of inputs) {
    const path = optional(values, option);
    if (path) checkInputFile(resolve(io.cwd, path), what);
  }
  checkOutputFile(out, 'báo cáo');
  const internalPath = internalAnnex ? resolve(io.cwd, internalAnnex) : undefined;
  if (internalPath) checkOutputFile(internalPath, 'danh sách cảnh báo về số liệu');
  const docxOption = optional(values, 'docx');
  const docxPath = docxOption ? resolve(io.cwd, docxOption) : undefined;
  if (docxPath) {
    if (!/\.docx$/iu.test(docxPath)) throw new UsageError(`--docx: tệp ${basename(docxPath)} phải có đuôi .docx.`);
    checkOutputFile(docxPath, 'bản Word của báo cáo');
  }
  const result = await runPipeline(pipelineRequest(positionals[0] as string, values, ctx, io));
  const { renderReport, renderDataWarnings, reportGaps, parseReportSettings, parseReportTemplate } =
    await import('../../report/index.js');
  const settingsFile = optional(values, 'settings');
  if (settingsFile) {
    // Fields given in the file replace those kept in the workspace (or the defaults); the
    // result is validated, then stored in the workspace (with an audit entry) for next time.
    const current = await reportSettingsFor(result.workspace, ctx.period);
    const patch = await readJson(resolve(io.cwd, settingsFile), 'thiết lập báo cáo');
    const merged = parseReportSettings({ ...current, ...(patch as object) });
    const { setReportSettings } = await import('../../workspace/index.js');
    await setReportSettings(result.workspace, merged, optional(values, 'by'));
  }
  const settings = await reportSettingsFor(result.workspace, ctx.period);
  const templateFile = optional(values, 'template');
  const template = templateFile
    ? parseReportTemplate(await readJson(resolve(io.cwd, templateFile), 'mẫu nội dung báo cáo'), ctx.form)
    : undefined;

  if (internalPath) {
    const w = await renderDataWarnings({ consolidation: result.consolidation, settings });
    await writeOutputs([{ path: internalPath, what: 'danh sách cảnh báo về số liệu', content: () => w.pdf }]);
    io.out(`Đã ghi danh sách cảnh báo về số liệu (tài liệu nội bộ) ${internalPath} (${w.pages} trang).\n`);
  }

  // The visible gaps, said the same way whether the report is signed or not.
  const gaps = reportGaps(result.consolidation, template);
  for (const f of gaps) io.err(`Cảnh báo: ${f.message}\n`);
  // After the list, the one line a clerk must not miss: a report on nobody's figures.
  const reporting = result.consolidation.reporting.province;
  if (reporting && reporting.reported === 0) {
    io.err(
      `Cảnh báo: chưa có số liệu của đơn vị nào (0/${reporting.of} đơn vị) trong thư mục lưu trữ ${result.workspace.dir}: ` +
        'báo cáo chỉ có các chỗ trống. Hãy kiểm tra thư mục báo cáo, --period và --workspace.\n',
    );
  }

  if (docxPath) {
    const { renderReportDocx } = await import('../../report/docx.js');
    const d = await renderReportDocx({
      consolidation: result.consolidation,
      settings,
      ...(template ? { template } : {}),
    });
    await writeOutputs([{ path: docxPath, what: 'bản Word của báo cáo', content: () => d.docx }]);
    io.out(
      `Đã ghi bản Word để biên tập ${docxPath} (cùng nội dung và số liệu với bản PDF; sau khi sửa, kiểm tra lại bằng "tonghop check-text").\n`,
    );
  }

  if (!p12Path) {
    const r = await renderReport({ consolidation: result.consolidation, settings, ...(template ? { template } : {}) });
    await writeOutputs([{ path: out, what: 'báo cáo', content: () => r.pdf }]);
    io.out(`Đã ghi báo cáo ${out} (${r.pages} trang).\n`);
    if (result.openErrors > 0) io.err(`Còn ${result.openErrors} phát hiện mức lỗi chưa xử lý: báo cáo chưa thể ký.\n`);
    return result.openErrors > 0 ? 1 : 0;
  }

  const sign = await import('../../sign/index.js');
  // Refuse before asking for the password or touching the key.
  sign.assertSignable(result.openErrors);
  if (gaps.length > 0 && values['accept-gaps'] !== true) {
    throw new UsageError(
      `Báo cáo còn ${gaps.length} chỗ thiếu số liệu (in là "[thiếu số liệu: …]", liệt kê ở trên). ` +
        'Chỉ ký khi đã xem và đồng ý ký báo cáo có chỗ thiếu số liệu: thêm --accept-gaps.',
    );
  }
  const password = await certificatePassword(values, io);
  const signer = sign.loadP12(await readInput(resolve(io.cwd, p12Path), 'tệp chứng thư số'), password, p12Path);
  const info = signer.info();
  const signingTime = new Date();
  for (const w of sign.checkCertificate(info, signingTime).warnings) io.err(`Cảnh báo: ${w}\n`);
  if (info.commonName.normalize('NFC').toLowerCase() !== settings.signerName.normalize('NFC').toLowerCase()) {
    io.err(
      `Cảnh báo: người ký ghi trong báo cáo là ${settings.signerName}, nhưng chứng thư số cấp cho ${info.commonName}.\n`,
    );
  }
  const sigImg = optional(values, 'signature-image');
  const sealImg = optional(values, 'seal-image');
  const r = await renderReport({
    consolidation: result.consolidation,
    settings,
    ...(template ? { template } : {}),
    stamp: {
      signerName: info.commonName,
      subject: info.subjectDisplay,
      signingTime: sign.formatSigningTimeIso(signingTime),
      ...(sigImg ? { signatureImage: await readInput(resolve(io.cwd, sigImg), 'ảnh chữ ký') } : {}),
      ...(sealImg ? { sealImage: await readInput(resolve(io.cwd, sealImg), 'ảnh con dấu') } : {}),
    },
  });
  const signed = await sign.signReportPdf(r.pdf, {
    signer,
    signingTime,
    widget: r.signatureBox,
    reason: optional(values, 'reason') ?? `Ký ban hành ${settings.title.toLowerCase()} số ${settings.number}`,
    location: settings.place,
    openErrorCount: result.openErrors,
  });
  await writeOutputs([{ path: out, what: 'báo cáo đã ký', content: () => signed.pdf }]);
  io.out(`Đã ký và ghi báo cáo ${out} (${r.pages} trang), người ký: ${info.commonName}.\n`);
  return 0;
}
