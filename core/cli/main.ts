import { fsErrorMessage, isFsError } from '../errors/index.js';
import { UsageError } from './args.js';
import { processIO, type CliIO } from './io.js';
import { config as zodConfig } from 'zod';

/** A CLI command: runs with its own arguments and returns the exit status. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  templates: {
    summary: 'templates --period CODE --out DIR [--units FILE]   ghi biểu mẫu báo cáo cho từng đơn vị',
    load: async () => (await import('./commands/templates.js')).templates,
  },
  sample: {
    summary: 'sample --period CODE --out DIR [--faults] [--units FILE] [--seed N]   ghi bộ báo cáo mẫu',
    load: async () => (await import('./commands/sample.js')).sample,
  },
  consolidate: {
    summary:
      'consolidate DIR --period CODE [--units FILE] [--workspace DIR] [--previous DIR] [--json FILE] [--xlsx FILE]   nhập, đối chiếu, tổng hợp',
    load: async () => (await import('./commands/consolidate.js')).consolidate,
  },
  report: {
    summary:
      'report DIR --period CODE --out FILE.pdf [--docx FILE.docx] [--internal-annex FILE.pdf] [--settings FILE.json] [--template FILE.json] [--sign FILE.p12 --pass-env VAR [--accept-gaps]] [--signature-image PNG] [--seal-image PNG]   báo cáo tổng hợp (PDF; bản Word để biên tập)',
    load: async () => (await import('./commands/report.js')).report,
  },
  checklists: {
    summary:
      'checklists DIR --period CODE --out DIR [--unit CODE] [--combined] [--team "Họ tên:Chức danh"]   phiếu kiểm tra',
    load: async () => (await import('./commands/checklists.js')).checklists,
  },
  'check-text': {
    summary:
      'check-text FILE [--period CODE] [--workspace DIR] [--json OUT] [--annotate OUT.docx [--annotate-info]]   kiểm tra số liệu trong văn bản (.docx, .pdf, .txt)',
    load: async () => (await import('./commands/check-text.js')).checkText,
  },
  verify: {
    summary: 'verify FILE.pdf   kiểm tra chữ ký số của báo cáo',
    load: async () => (await import('./commands/verify.js')).verify,
  },
  packet: {
    summary:
      'packet DIR --period CODE --unit CODE --out FILE.xlsx [--resend-by DD/MM/YYYY] [--contact TEXT]   tệp phản hồi gửi lại đơn vị (đề nghị, đánh dấu ô có vấn đề)',
    load: async () => (await import('./commands/packet.js')).packet,
  },
  choose: {
    summary:
      'choose --period CODE [--workspace DIR] --unit CODE --file NAME|SHA256   chọn tệp dùng khi một đơn vị gửi nhiều tệp',
    load: async () => (await import('./commands/workspace-ops.js')).choose,
  },
  received: {
    summary:
      'received --period CODE [--workspace DIR] --file NAME|SHA256 --date DD/MM/YYYY[ HH:MM] [--note TEXT]   ghi ngày nhận tệp (dùng để xét nộp muộn)',
    load: async () => (await import('./commands/workspace-ops.js')).received,
  },
  explain: {
    summary: 'explain --period CODE [--workspace DIR] --finding ID --note TEXT   ghi giải trình cho một phát hiện',
    load: async () => (await import('./commands/workspace-ops.js')).explain,
  },
  rebuild: {
    summary: 'rebuild --period CODE [--workspace DIR]   đọc lại mọi tệp gốc, dựng lại dữ liệu đã suy ra',
    load: async () => (await import('./commands/workspace-ops.js')).rebuildCommand,
  },
  unlock: {
    summary:
      'unlock --period CODE [--workspace DIR] [--yes]   xem ai đang khoá thư mục làm việc; --yes: giành quyền khi máy giữ khoá đã tắt đột ngột',
    load: async () => (await import('./commands/workspace-ops.js')).unlock,
  },
  input: {
    summary:
      'input --period CODE [--workspace DIR] --key MT3|KL01 --value N --note TEXT   nhập số liệu cấp tỉnh (chỉ số, tổng từ hệ thống khác)',
    load: async () => (await import('./commands/workspace-ops.js')).input,
  },
};

/**
 * Commands whose folder of returns is usually new to the workspace: their import workers are
 * started before anything else loads. The others (report, checklists, packet) usually run on
 * a workspace that already holds the folder: their pipeline starts workers only if a file
 * needs parsing, and never pays for an idle one.
 */
const READS_RETURNS = new Set(['consolidate']);

function help(): string {
  const lines = [
    'tonghop — Tổng hợp báo cáo cải cách hành chính (CCHC)',
    '',
    'Cách dùng: tonghop <lệnh> [tham số]',
    '',
    'Lệnh:',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    'Tùy chọn chung: --workspace DIR (thư mục lưu trữ của kỳ báo cáo; mặc định trong Documents/TongHopCCHC),',
    '  --units FILE (danh sách đơn vị khác danh sách mặc định).',
    'Mã thoát: 0 xong và không còn lỗi; 1 xong nhưng còn phát hiện mức lỗi (hoặc chữ ký không hợp lệ); 2 sai cách dùng hoặc lỗi chương trình.',
    'Mật khẩu chứng thư số không bao giờ nhận trên dòng lệnh: dùng --pass-env TÊN_BIẾN hoặc nhập khi được hỏi.',
    '',
  ];
  return lines.join('\n');
}

/**
 * A command runs once and parses each of its schemas (form, periods, register, workspace
 * files) a few times at most: zod's just-in-time validators (a function generated and compiled
 * per object schema on its first parse) cost more than they save there. Same checks, same
 * results, interpreted.
 */
zodConfig({ jitless: true });

/** Run the CLI with `argv` (without node and script). Returns the exit status; never calls process.exit. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { resourcesDir } = await import('../resources.js');
    const pkg = JSON.parse(readFileSync(join(resourcesDir(), '..', 'package.json'), 'utf8')) as { version: string };
    io.out(`${pkg.version}\n`);
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`Lệnh không có: ${name}. Xem "tonghop --help".\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`tonghop ${cmd.summary}\n`);
    return 0;
  }
  const early = READS_RETURNS.has(name) ? await import('./early-pool.js') : undefined;
  // The folder of returns is the command's first positional argument (a hint: a wrong
  // guess only sizes the pool differently).
  early?.startEarlyPool(
    rest.find((a, i) => !a.startsWith('-') && !(rest[i - 1] ?? '').startsWith('--')),
    io.cwd,
  );
  try {
    const run = await cmd.load();
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nCách dùng: tonghop ${cmd.summary}\n`);
      return 2;
    }
    const err = e as Error;
    io.err(`Lỗi: ${isFsError(e) ? fsErrorMessage(e) : err.message}\n`);
    if (io.env.TONGHOP_DEBUG) io.err(`${err.stack ?? ''}\n`);
    return 2;
  } finally {
    await early?.discardEarlyPool();
  }
}
