import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseCommandArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { checkInputFile } from '../output.js';

/** `tonghop verify FILE.pdf` — exit 1 when unsigned, broken, or not covering the whole file. */
export async function verify(argv: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {}, { min: 1, max: 1, names: ['FILE.pdf'] });
  const path = resolve(io.cwd, positionals[0] as string);
  checkInputFile(path, 'tệp PDF');
  const { verifyPdf, formatVerifyReport, verifyExitCode } = await import('../../sign/index.js');
  const result = await verifyPdf(new Uint8Array(await readFile(path)));
  io.out(formatVerifyReport(result, basename(path)));
  return verifyExitCode(result);
}
