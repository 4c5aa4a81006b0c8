/**
 * Paths and file names as the workspace keeps and shows them, the same on Windows and Linux.
 *
 * - **Stored**: every path the workspace records (the names in the manifest, provenance
 *   `file!sheet!cell`, the audit log) is relative — to the workspace, or for a received
 *   file to the folder it came from — with `/` separators and in Unicode NFC, so a
 *   workspace copied between PCs or opened from `\\server\share\…` still works, and a name
 *   typed on a Mac (NFD) equals the same name typed on Windows.
 * - **Shown**: with the platform's separator ({@link displayPath}).
 * - **Compared**: NTFS is case-insensitive, so `BC_S01.xlsx` and `bc_s01.XLSX` name the same
 *   file ({@link sameFileName}).
 * - **Written**: any name the app makes (a period's folder, an output file) goes through
 *   {@link windowsSafeName}: no reserved device names (`CON`, `NUL`, `COM1`…), no characters
 *   Windows refuses, no trailing dot or space (Windows drops them silently).
 * - **Long**: Windows tools (Explorer, Excel, many backup programs) still stop at 259
 *   characters; {@link longPathProblem} says when a workspace would go beyond.
 *
 * Every function that deals with full paths takes the path flavour (`path.win32` or
 * `path.posix`), so the Windows rules are tested on Linux.
 */
import path from 'node:path';

/** The classic Windows limit of a full path (MAX_PATH 260, minus the terminating NUL). */
export const WINDOWS_MAX_PATH = 259;

/**
 * The longest path the workspace writes below its folder: `derived/<64 hex>.json` (77
 * characters; temporary files, `.tmp-<pid>-<8 hex>`, are shorter).
 */
export const LONGEST_INNER_PATH = 'derived/'.length + 64 + '.json'.length;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Characters Windows refuses in a name, plus control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;

/** Whether `name` is a device name Windows reserves, alone or before an extension ("nul.txt"). */
export function isReservedName(name: string): boolean {
  const stem = name.split('.')[0]!.trimEnd();
  return RESERVED.test(stem);
}

/**
 * What is wrong with `name` as a file or folder name on Windows, in Vietnamese; undefined
 * when nothing is. For input the user types that becomes a name (a period code).
 */
export function windowsNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'tên không được để trống';
  const bad = [...new Set(name.match(FORBIDDEN) ?? [])].filter((c) => c >= ' ');
  if (bad.length) return `tên không được chứa ký tự ${bad.map((c) => `"${c}"`).join(' ')}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'tên có ký tự điều khiển';
  if (/[. ]$/.test(name)) return 'tên không được kết thúc bằng dấu chấm hoặc khoảng trắng (Windows tự bỏ đi)';
  if (isReservedName(name))
    return `"${name.split('.')[0]}" là tên thiết bị Windows dành riêng, không dùng làm tên tệp được`;
  if (name.length > 200) return 'tên dài quá 200 ký tự';
  return undefined;
}

/**
 * `name` made safe as a single Windows file or folder name: NFC; forbidden characters
 * become `_`; trailing dots and spaces dropped; a reserved device name gets a `_` suffix
 * on its stem (`CON` → `CON_`, `nul.txt` → `nul_.txt`); at most `max` characters (the
 * extension kept). Names that are already safe come back unchanged.
 */
export function windowsSafeName(name: string, max = 120): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_');
  s = s.replace(/[. ]+$/, '');
  if (s.trim() === '') s = '_';
  if (isReservedName(s)) {
    const dot = s.indexOf('.');
    s = dot < 0 ? `${s}_` : `${s.slice(0, dot).trimEnd()}_${s.slice(dot)}`;
  }
  if (s.length > max) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(s)?.[0] ?? '';
    s = s.slice(0, max - ext.length).replace(/[. ]+$/, '') + ext;
  }
  return s;
}

/**
 * A received file's name (possibly with sub-folders, in either separator) as the workspace
 * stores it: NFC, `/` separators, no empty, `.` or `..` segments (a stored name never points
 * outside its folder). An absolute path (`C:\…`, `\\server\share\…`, `/…`) is not a
 * relative name: only its last segment is kept.
 */
export function toStoredName(name: string): string {
  const n = name.normalize('NFC');
  const parts = n.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  if (/^([A-Za-z]:|[\\/])/.test(n)) return parts.at(-1) ?? '';
  return parts.join('/');
}

/** The key under which two file names are the same file on Windows: NFC, case-folded. */
export function fileNameKey(name: string): string {
  // NTFS compares names by upper-casing them with its own table (simple case mapping).
  return toStoredName(name).toUpperCase();
}

/** Whether two names denote the same file on NTFS (case-insensitive) whatever their normalisation. */
export function sameFileName(a: string, b: string): boolean {
  return fileNameKey(a) === fileNameKey(b);
}

/**
 * The stored (relative, `/`) form of `full`, a path inside the workspace `root`; throws when
 * it is outside. Windows paths compare without regard to case (`C:\` and `c:\`), UNC
 * roots (`\\server\share`) included.
 */
export function storedPathOf(root: string, full: string, pathApi: path.PlatformPath = path): string {
  const win = pathApi.sep === '\\';
  const r = pathApi.resolve(root);
  const f = pathApi.resolve(full);
  const rel = win ? pathApi.relative(r.toLowerCase(), f.toLowerCase()) : pathApi.relative(r, f);
  if (rel === '' || rel.startsWith('..') || pathApi.isAbsolute(rel)) {
    throw new Error(`${full} không nằm trong thư mục làm việc ${root}`);
  }
  // Take the characters of the real path (the case as written), not the lower-cased ones.
  return toStoredName(f.slice(f.length - rel.length));
}

/** The full path of a stored path, written with the platform's separator, to show or open. */
export function displayPath(root: string, stored: string, pathApi: path.PlatformPath = path): string {
  return pathApi.join(root, ...toStoredName(stored).split('/'));
}

/**
 * When the workspace folder `dir` is so deep that its files would pass Windows' 259-character
 * full-path limit, a Vietnamese sentence saying so; undefined otherwise. Node itself copes
 * with long paths, but Explorer, Excel and backup tools often do not.
 */
export function longPathProblem(dir: string, pathApi: path.PlatformPath = path): string | undefined {
  const base = pathApi.resolve(dir);
  const full = base.length + 1 + LONGEST_INNER_PATH;
  if (full <= WINDOWS_MAX_PATH) return undefined;
  return `Đường dẫn thư mục làm việc ${base} dài ${base.length} ký tự: các tệp bên trong sẽ có đường dẫn dài ${full} ký tự, quá giới hạn ${WINDOWS_MAX_PATH} ký tự mà Windows Explorer, Excel và nhiều phần mềm sao lưu xử lý được. Hãy chọn thư mục nằm nông hơn (ví dụ D:\\TongHopCCHC).`;
}
