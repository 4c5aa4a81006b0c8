/**
 * The files a command reads and writes, checked before any work is done and written so that
 * a file is either whole or absent: through a temporary file in the same folder and a rename
 * (a command killed mid-write leaves the previous file, never a truncated one). Every problem
 * is a Vietnamese sentence naming the path and what to do.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, parse } from 'node:path';
import { fsErrorMessage } from '../errors/index.js';
import { fsyncDir, TEMP_PREFIX } from '../workspace/atomic.js';
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

/** Outputs prepared at once: their fsyncs run together instead of one after the other. */
const WRITE_GROUP = 16;

/** An output's temporary file written and fsynced, or the sentence saying why it could not be. */
type Prepared = { tmp: string; failure?: undefined } | { tmp?: undefined; failure: string };

async function prepare(o: Output, data: Uint8Array | string, fs: FileOps): Promise<Prepared> {
  try {
    mkdirSync(dirname(o.path), { recursive: true });
  } catch (e) {
    return { failure: fsErrorMessage(e, dirname(o.path), 'create-folder') };
  }
  const tmp = join(
    dirname(o.path),
    `${TEMP_PREFIX}${basename(o.path)}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    const fh = await fs.open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { tmp };
  } catch (e) {
    rmSync(tmp, { force: true });
    return { failure: fsErrorMessage(e, o.path, 'write') };
  }
}

/**
 * Write outputs in order, each through a temporary file and a rename (folders made as needed).
 * Contents are made in order and up to {@link WRITE_GROUP} temporary files are written and
 * fsynced at once; they are then renamed into place in order and each folder is fsynced once
 * (40 checklists cost a few grouped journal commits, not 80 fsyncs in a row). If one fails,
 * it and every later output are left as they were, and the error names it, why, and the
 * outputs already written. An output open in Excel or Acrobat (Windows refuses to replace it)
 * is waited out like a busy workspace file, then named with its likely holder. `files`: the raw
 * file operations (tests: a Windows-like layer) and the wait; Node's, tried again for 5 s, by default.
 */
export async function writeOutputs(
  outputs: Output[],
  files: { fileOps?: FileOps; retry?: RetryPolicy } = {},
): Promise<void> {
  const fs = files.fileOps || files.retry ? retrying(files.fileOps ?? nodeFileOps, files.retry) : defaultFileOps;
  const written: Output[] = [];
  const dirs = new Set<string>();
  const syncDirs = (): void => {
    for (const d of dirs) fsyncDir(d);
  };
  for (let start = 0; start < outputs.length; start += WRITE_GROUP) {
    const group = outputs.slice(start, start + WRITE_GROUP);
    const pending: Promise<Prepared>[] = [];
    let prepared: Prepared[];
    try {
      for (const o of group) pending.push(prepare(o, await o.content(), fs));
    } finally {
      // A content that cannot be made stops the command: nothing of its group is renamed.
      prepared = await Promise.all(pending);
      if (pending.length < group.length) for (const p of prepared) if (p.tmp) rmSync(p.tmp, { force: true });
    }
    for (const [k, o] of group.entries()) {
      const p = prepared[k]!;
      let failure = p.failure;
      if (p.tmp !== undefined) {
        try {
          fs.renameSync(p.tmp, o.path);
        } catch (e) {
          rmSync(p.tmp, { force: true });
          failure = fsErrorMessage(e, o.path, 'write');
        }
      }
      if (failure !== undefined) {
        for (const q of prepared.slice(k + 1)) if (q.tmp) rmSync(q.tmp, { force: true });
        syncDirs();
        const why = failure.charAt(0).toLowerCase() + failure.slice(1);
        const done = written.length ? ` Đã ghi xong: ${named(written)}.` : ' Chưa ghi được tệp nào.';
        const left = outputs.slice(start + k + 1);
        const notDone = left.length ? ` Chưa ghi: ${named(left)}.` : '';
        throw new OutputError(`Không ghi được ${o.what} ${o.path}: ${why}${done}${notDone}`);
      }
      written.push(o);
      dirs.add(dirname(o.path));
    }
  }
  syncDirs();
}
