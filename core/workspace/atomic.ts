/**
 * Crash-safe file primitives. Every file the workspace replaces goes through
 * {@link writeFileAtomic}: a reader (or a process started after a crash) sees either the
 * old content or the new, never a mix.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
  constants,
  ftruncateSync,
  fstatSync,
} from 'node:fs';
import { open as openAsync, rename as renameAsync, rm as rmAsync } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Prefix of temporary files; `openWorkspace` removes leftovers of a crashed process. */
export const TEMP_PREFIX = '.tmp-';

/** fsync a directory so a rename or a new entry in it survives a power cut (no-op where unsupported). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/**
 * Replace (or create) `path` atomically: write a temporary file in the same folder,
 * fsync it, rename it over `path`, fsync the folder. `durability` lowers the cost for
 * batches: `file` skips the folder fsync (the caller fsyncs the folder once, before its
 * commit point); `none` skips both (for pure caches that are validated when read).
 */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  opts: { mode?: number; durability?: 'full' | 'file' | 'none' } = {},
): void {
  const durability = opts.durability ?? 'full';
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = dirname(path);
  const tmp = join(dir, `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'wx', opts.mode ?? 0o644);
  try {
    writeAll(fd, bytes);
    if (durability !== 'none') fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (durability === 'full') fsyncDir(dir);
}

/**
 * {@link writeFileAtomic} with durability `file`, asynchronously: many of these running at
 * once let the file system group their fsyncs into a few journal commits. The caller fsyncs
 * the folder once before its commit point.
 */
export async function writeFileDurable(path: string, data: Uint8Array, opts: { mode?: number } = {}): Promise<void> {
  const tmp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fh = await openAsync(tmp, 'wx', opts.mode ?? 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rmAsync(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await renameAsync(tmp, path);
  } catch (e) {
    await rmAsync(tmp, { force: true });
    throw e;
  }
}

/** Append bytes to a file and fsync it before returning. */
export function appendDurable(path: string, data: string): void {
  const fd = openSync(path, 'a', 0o644);
  try {
    writeAll(fd, Buffer.from(data, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Cut a file to `length` bytes and fsync it (used to drop a torn last line). */
export function truncateDurable(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    if (fstatSync(fd).size > length) ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Delete temporary files left in `dir` by a process that died mid-write. */
export function removeTempFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(TEMP_PREFIX)) {
      rmSync(join(dir, name), { force: true });
      n++;
    }
  }
  return n;
}
