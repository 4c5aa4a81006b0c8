/**
 * Where workspaces live by default, and whether that place is synced by OneDrive.
 *
 * The default is `<Documents>\TongHopCCHC\<period code>`, with Documents as Windows names it:
 * an office PC often has it redirected (to `D:\`, to a server share, or into OneDrive by
 * "Known Folder Move"), so `homedir()/Documents` can be wrong. The desktop app passes
 * Electron's `app.getPath('documents')`, which follows redirection; the command line reads
 * the same registry value Windows Explorer uses (`User Shell Folders\Personal`).
 *
 * A workspace synced by OneDrive can be locked by the sync client or turned into online-only
 * placeholders under the app's feet: {@link cloudSyncOf} says so, and {@link describeLocation}
 * gives the notice and a local folder to offer instead.
 */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { windowsSafeName } from './paths.js';

/** The folder under Documents that holds one workspace per period. */
export const WORKSPACES_FOLDER = 'TongHopCCHC';

/** Reads a registry value; injected so the logic is tested on any OS. */
export type RegistryQuery = (key: string, value: string) => string | undefined;

const SHELL_FOLDERS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders';

/**
 * `reg query KEY /v VALUE` through `reg.exe`; undefined when it fails or is not Windows.
 * `node:child_process` (which brings in sockets and streams, a few ms at every start) is
 * loaded only when the registry is actually read.
 */
export const regQuery: RegistryQuery = (key, value) => {
  try {
    const { execFileSync } = createRequire(import.meta.url)(
      'node:child_process',
    ) as typeof import('node:child_process');
    const out = execFileSync('reg', ['query', key, '/v', value], {
      encoding: 'utf8',
      windowsHide: true,
      timeout: 3_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return parseRegQuery(out, value);
  } catch {
    return undefined;
  }
};

/** The data of `value` in the output of `reg query` ("    Personal    REG_EXPAND_SZ    %USERPROFILE%\Documents"). */
export function parseRegQuery(output: string, value: string): string | undefined {
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s+(.+?)\s{2,}(REG_[A-Z_]+)\s{2,}(.*)$/.exec(line) ?? /^\s+(.+?)\s+(REG_[A-Z_]+)\s+(.*)$/.exec(line);
    if (m && m[1]!.toLowerCase() === value.toLowerCase()) return m[3]!.trim();
  }
  return undefined;
}

/** Expand `%NAME%` from the environment (names are case-insensitive on Windows). */
export function expandWindowsEnv(text: string, env: Record<string, string | undefined>): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return text.replace(/%([^%]+)%/g, (all, name: string) => lower.get(name.toLowerCase()) ?? all);
}

export interface SystemContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  registry: RegistryQuery;
}

const realContext = (): SystemContext => ({
  platform: process.platform,
  env: process.env,
  homedir: homedir(),
  registry: regQuery,
});

/**
 * The Documents folder as the system names it, for a process without Electron (the command
 * line): on Windows the `Personal` shell folder from the registry (folder redirection and
 * OneDrive's Known Folder Move included), elsewhere `$XDG_DOCUMENTS_DIR` or `~/Documents`.
 */
export function systemDocumentsDir(ctx: SystemContext = realContext()): string {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  if (ctx.platform === 'win32') {
    const raw = ctx.registry(SHELL_FOLDERS, 'Personal');
    if (raw) {
      const expanded = expandWindowsEnv(raw, ctx.env);
      if (!expanded.includes('%') && p.isAbsolute(expanded)) return p.normalize(expanded);
    }
    return p.join(ctx.env.USERPROFILE ?? ctx.homedir, 'Documents');
  }
  const xdg = ctx.env.XDG_DOCUMENTS_DIR;
  if (xdg && p.isAbsolute(xdg)) return xdg;
  return p.join(ctx.homedir, 'Documents');
}

/** `<documents>/TongHopCCHC`: the root under which each period gets its folder. */
export function defaultWorkspaceRoot(documentsDir?: string, pathApi: path.PlatformPath = path): string {
  return pathApi.join(documentsDir ?? systemDocumentsDir(), WORKSPACES_FOLDER);
}

/** The folder of one period under a root; the code made safe as a Windows folder name. */
export function workspaceDirFor(root: string, periodCode: string, pathApi: path.PlatformPath = path): string {
  return pathApi.join(root, windowsSafeName(periodCode));
}

/** A cloud-sync client that keeps a folder in sync. */
export interface CloudSync {
  provider: 'OneDrive';
  /** The synced root the folder is in. */
  root: string;
}

/** Whether `child` is `parent` or inside it (Windows paths compared without regard to case). */
export function isInside(parent: string, child: string, pathApi: path.PlatformPath = path): boolean {
  const win = pathApi === path.win32 || pathApi.sep === '\\';
  const norm = (s: string) => {
    const n = pathApi.resolve(s);
    return win ? n.toLowerCase() : n;
  };
  const rel = pathApi.relative(norm(parent), norm(child));
  return rel === '' || (!rel.startsWith('..') && !pathApi.isAbsolute(rel));
}

/**
 * Whether `dir` is synced by OneDrive: inside a root named by the `OneDrive`,
 * `OneDriveCommercial` or `OneDriveConsumer` variables (set by the client), or under a
 * folder named "OneDrive" / "OneDrive - <organisation>" (the client's naming).
 */
export function cloudSyncOf(
  dir: string,
  env: Record<string, string | undefined> = process.env,
  pathApi: path.PlatformPath = path,
): CloudSync | undefined {
  for (const name of ['OneDriveCommercial', 'OneDriveConsumer', 'OneDrive']) {
    const root = env[name];
    if (root && pathApi.isAbsolute(root) && isInside(root, dir, pathApi)) return { provider: 'OneDrive', root };
  }
  const parts = pathApi.resolve(dir).split(pathApi.sep);
  const i = parts.findIndex((s) => /^onedrive( - .+)?$/i.test(s.trim()));
  if (i > 0) return { provider: 'OneDrive', root: parts.slice(0, i + 1).join(pathApi.sep) };
  return undefined;
}

/** A place for workspaces the user's PC keeps locally: `%USERPROFILE%\TongHopCCHC`. */
export function localWorkspaceRoot(
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
  pathApi: path.PlatformPath = path,
): string {
  const profile = (pathApi === path.win32 || pathApi.sep === '\\' ? env.USERPROFILE : undefined) ?? home;
  return pathApi.join(profile, WORKSPACES_FOLDER);
}

/** Where workspaces go and what to tell the user about it. */
export interface WorkspaceLocation {
  /** The folder under which each period's workspace is made. */
  root: string;
  /** `settings` when the user chose it, `documents` when it is the default. */
  source: 'settings' | 'documents';
  /** Documents as the system names it. */
  documentsDir: string;
  cloud?: CloudSync;
  /** A local folder to offer instead, when `root` is synced (and that folder is not). */
  localAlternative?: string;
  /** The Vietnamese notice to show once when `root` is synced; absent otherwise. */
  notice?: string;
}

/** Describe where workspaces go: chosen root, or `<documents>/TongHopCCHC`; OneDrive said once by the caller. */
export function describeLocation(opts: {
  chosenRoot: string | null;
  documentsDir: string;
  env?: Record<string, string | undefined>;
  homedir?: string;
  pathApi?: path.PlatformPath;
}): WorkspaceLocation {
  const p = opts.pathApi ?? path;
  const env = opts.env ?? process.env;
  const root = opts.chosenRoot ?? defaultWorkspaceRoot(opts.documentsDir, p);
  const loc: WorkspaceLocation = {
    root,
    source: opts.chosenRoot ? 'settings' : 'documents',
    documentsDir: opts.documentsDir,
  };
  const cloud = cloudSyncOf(root, env, p);
  if (!cloud) return loc;
  loc.cloud = cloud;
  const local = localWorkspaceRoot(env, opts.homedir ?? homedir(), p);
  const offer = cloudSyncOf(local, env, p) ? undefined : local;
  if (offer) loc.localAlternative = offer;
  loc.notice =
    `Thư mục làm việc ${root} nằm trong thư mục được OneDrive đồng bộ (${cloud.root}). ` +
    'OneDrive có thể khoá tệp khi đang đồng bộ hoặc chuyển tệp thành dạng "chỉ có trên mạng" khi ứng dụng đang dùng, ' +
    'làm việc nhập và lưu số liệu bị gián đoạn. ' +
    (offer ? `Nên dùng thư mục trên máy này: ${offer}.` : 'Nên chọn một thư mục không được đồng bộ.');
  return loc;
}
