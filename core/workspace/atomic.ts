/**
 * Crash-safe file primitives. Every file the workspace replaces goes through
 * {@link writeFileAtomic}: a reader (or a process started after a crash) sees either the
 * old content or the new, never a mix. Renames, deletes and opens go through a
 * {@link FileOps}, which on Windows waits out a file held by another program.
 */
import { closeSync, fsyncSync, openSync, writeSync, constants, ftruncateSync, fstatSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { defaultFileOps, removeFile, removeReadOnlyFile, type FileOps } from './fs-ops.js';

/** Prefix of temporary files; `openWorkspace` removes leftovers of a crashed process. */
export const TEMP_PREFIX = '.tmp-';

/**
 * A fresh temporary name beside `path`. Short on purpose: it is the longest name in the
 * folder while it exists, and the full path must stay within Windows' 260 characters.
 */
function tempPath(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
}

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
  opts: { mode?: number; durability?: 'full' | 'file' | 'none'; fs?: FileOps } = {},
): void {
  const fs = opts.fs ?? defaultFileOps;
  const durability = opts.durability ?? 'full';
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = tempPath(path);
  const fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o644);
  try {
    writeAll(fd, bytes);
    if (durability !== 'none') fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeReadOnlyFile(fs, tmp);
    throw e;
  }
  closeSync(fd);
  try {
    fs.renameSync(tmp, path);
  } catch (e) {
    removeReadOnlyFile(fs, tmp);
    throw e;
  }
  if (durability === 'full') fsyncDir(dirname(path));
}

/**
 * {@link writeFileAtomic} with durability `file`, asynchronously: many of these running at
 * once let the file system group their fsyncs into a few journal commits. The caller fsyncs
 * the folder once before its commit point.
 */
export async function writeFileDurable(
  path: string,
  data: Uint8Array,
  opts: { mode?: number; fs?: FileOps } = {},
): Promise<void> {
  const fs = opts.fs ?? defaultFileOps;
  const tmp = tempPath(path);
  // A read-only mode is set when the file is created (Windows: the read-only attribute); the
  // handle opened here may still write it.
  const fh = await fs.open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close();
    removeReadOnlyFile(fs, tmp);
    throw e;
  }
  await fh.close();
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    removeReadOnlyFile(fs, tmp);
    throw e;
  }
}

/** Append bytes to a file and fsync it before returning. */
export function appendDurable(path: string, data: string, fs: FileOps = defaultFileOps): void {
  const fd = fs.openSync(path, 'a', 0o644);
  try {
    writeAll(fd, Buffer.from(data, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Cut a file to `length` bytes and fsync it (used to drop a torn last line). */
export function truncateDurable(path: string, length: number, fs: FileOps = defaultFileOps): void {
  const fd = fs.openSync(path, 'r+');
  try {
    if (fstatSync(fd).size > length) ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Delete temporary files left in `dir` by a process that died mid-write. A temp file of an
 * original is read-only from its creation: its attribute is cleared first (Windows refuses
 * to delete a read-only file).
 */
export function removeTempFiles(dir: string, fs: FileOps = defaultFileOps): number {
  let n = 0;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(TEMP_PREFIX)) {
      removeReadOnlyFile(fs, join(dir, name));
      n++;
    }
  }
  return n;
}

export { removeFile };
