/**
 * The files a command reads and writes, checked before any work is done and written so that
 * a file is either whole or absent: through a temporary file in the same folder and a rename
 * (a command killed mid-write leaves the previous file, never a truncated one). Every problem
 * is a Vietnamese sentence naming the path and what to do.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, parse } from 'node:path';
import { fsErrorMessage } from '../errors/index.js';
import { writeFileAtomic } from '../workspace/atomic.js';
import { defaultFileOps, nodeFileOps, retrying, type FileOps, type RetryPolicy } from '../workspace/fs-ops.js';
import { UsageError } from './args.js';

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether new files can be made in `dir` (an existing folder): a real try, removed at once. */
function probeWritable(dir: string, what: string, target: string): void {
  const probe = join(dir, `.tmp-tonghop-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new UsageError(`Không ghi được ${what} ${target}. ${fsErrorMessage(e, dir, 'write')}`);
  }
  rmSync(probe, { force: true });
}

/** The nearest folder of `path` that exists (the path itself when it does). */
function nearestExisting(path: string): { path: string; stat: Stats } | undefined {
  let p = path;
  for (;;) {
    const st = statOrUndefined(p);
    if (st) return { path: p, stat: st };
    const up = dirname(p);
    if (up === p) return undefined;
    p = up;
  }
}

/**
 * Check, before any work, that `path` can be written as a file: it is not a folder, its folder
 * exists and takes new files. `what` names it in the message ("tệp kết quả JSON").
 */
export function checkOutputFile(path: string, what: string): void {
  const st = statOrUndefined(path);
  if (st?.isDirectory()) {
    throw new UsageError(`${path} là một thư mục, không ghi ${what} vào đó được. Hãy ghi cả tên tệp.`);
  }
  const dir = dirname(path);
  const parent = statOrUndefined(dir);
  if (!parent) {
    throw new UsageError(
      `Không có thư mục ${dir} để ghi ${what} ${parse(path).base}. Hãy tạo thư mục trước hoặc chọn nơi khác.`,
    );
  }
  if (!parent.isDirectory()) {
    throw new UsageError(`${dir} là một tệp, không phải thư mục: không ghi được ${what} ${path}.`);
  }
  probeWritable(dir, what, path);
}

/**
 * Check, before any work, that `dir` is a folder that takes new files, or can be made: the
 * nearest part of it that exists is a folder and takes new folders.
 */
export function checkOutputFolder(dir: string, what: string): void {
  const near = nearestExisting(dir);
  if (!near) throw new UsageError(`Không dùng được ${dir} làm ${what}: ổ đĩa hoặc thư mục gốc không tồn tại.`);
  if (!near.stat.isDirectory()) {
    throw new UsageError(
      near.path === dir
        ? `${dir} là một tệp, không phải thư mục: không dùng làm ${what} được. Hãy chọn thư mục khác.`
        : `${near.path} là một tệp, không phải thư mục: không tạo được ${what} ${dir}.`,
    );
  }
  probeWritable(near.path, what, dir);
}

/** Check, before any work, that a file given by the user can be read. */
export function checkInputFile(path: string, what: string): void {
  const st = statOrUndefined(path);
  if (!st) throw new UsageError(`Không tìm thấy ${what} ${path}.`);
  if (st.isDirectory()) throw new UsageError(`${path} là một thư mục, không phải ${what}. Hãy ghi đường dẫn đến tệp.`);
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new UsageError(fsErrorMessage(e, path, 'read'));
  }
}

/** Check, before any work, that a folder given by the user exists and can be read. */
export function checkInputFolder(dir: string, what: string): void {
  const st = statOrUndefined(dir);
  if (!st) throw new UsageError(`Không có thư mục ${dir}.`);
  if (!st.isDirectory()) throw new UsageError(`${dir} là một tệp, không phải ${what}. Hãy chọn thư mục chứa các tệp.`);
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
  } catch (e) {
    throw new UsageError(fsErrorMessage(e, dir, 'list-folder'));
  }
}

/** An output file of a command. */
export interface Output {
  path: string;
  /** How it is named in messages: "tệp kết quả JSON". */
  what: string;
  /** Its content, made when its turn comes. */
  content: () => Promise<Uint8Array | string> | Uint8Array | string;
}

/** A failure to write one of several outputs, saying which were written. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** "tệp kết quả JSON /x/a.json; tệp Excel /x/b.xlsx", or the first two and how many more. */
function named(list: Output[]): string {
  const shown = list.length <= 3 ? list : list.slice(0, 2);
  const text = shown.map((w) => `${w.what} ${w.path}`).join('; ');
  return list.length > shown.length ? `${text} và ${list.length - shown.length} tệp khác` : text;
}

/**
 * Write outputs in order, each through a temporary file and a rename (folders made as needed).
 * If one fails, the error names it, why, and the outputs already written. An output open in
 * Excel or Acrobat (Windows refuses to replace it) is waited out like a busy workspace file,
 * then named with its likely holder. `files`: the raw file operations (tests: a Windows-like
 * layer) and the wait; Node's, tried again for 5 s, by default.
 */
export async function writeOutputs(
  outputs: Output[],
  files: { fileOps?: FileOps; retry?: RetryPolicy } = {},
): Promise<void> {
  const fs = files.fileOps || files.retry ? retrying(files.fileOps ?? nodeFileOps, files.retry) : defaultFileOps;
  const written: Output[] = [];
  for (const [i, o] of outputs.entries()) {
    const data = await o.content();
    let failure: string | undefined;
    try {
      mkdirSync(dirname(o.path), { recursive: true });
    } catch (e) {
      failure = fsErrorMessage(e, dirname(o.path), 'create-folder');
    }
    if (failure === undefined) {
      try {
        writeFileAtomic(o.path, data, { fs });
      } catch (e) {
        failure = fsErrorMessage(e, o.path, 'write');
      }
    }
    if (failure !== undefined) {
      const why = failure.charAt(0).toLowerCase() + failure.slice(1);
      const done = written.length ? ` Đã ghi xong: ${named(written)}.` : ' Chưa ghi được tệp nào.';
      const left = outputs.slice(i + 1);
      const notDone = left.length ? ` Chưa ghi: ${named(left)}.` : '';
      throw new OutputError(`Không ghi được ${o.what} ${o.path}: ${why}${done}${notDone}`);
    }
    written.push(o);
  }
}
