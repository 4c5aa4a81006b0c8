/**
 * The default folder as Windows names it (folder redirection, OneDrive's Known Folder Move),
 * and OneDrive detection — tested with `path.win32` and a stand-in registry on any OS.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  cloudSyncOf,
  defaultWorkspaceRoot,
  describeLocation,
  expandWindowsEnv,
  localWorkspaceRoot,
  parseRegQuery,
  systemDocumentsDir,
  type SystemContext,
} from './folders.js';
import { defaultWorkspaceDir } from './store.js';
import { TEST_PERIOD } from './test-helpers.js';

const { win32, posix } = path;
const WIN_ENV = {
  USERPROFILE: 'C:\\Users\\nguyenvana',
  USERNAME: 'nguyenvana',
  OneDrive: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu',
  OneDriveCommercial: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu',
};

function win(registry: Record<string, string>, env: Record<string, string> = WIN_ENV): SystemContext {
  return { platform: 'win32', env, homedir: 'C:\\Users\\nguyenvana', registry: (_k, v) => registry[v] };
}

// What `reg query "HKCU\...\User Shell Folders" /v Personal` prints on Windows 10/11.
const REG_OUTPUT = [
  '',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders',
  '    Personal    REG_EXPAND_SZ    %USERPROFILE%\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
  '',
].join('\r\n');

describe('the Documents folder as Windows names it', () => {
  it('reads the value out of reg.exe output', () => {
    expect(parseRegQuery(REG_OUTPUT, 'Personal')).toBe('%USERPROFILE%\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents');
    expect(parseRegQuery(REG_OUTPUT, 'personal')).toBe('%USERPROFILE%\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents');
    expect(parseRegQuery(REG_OUTPUT, 'My Music')).toBeUndefined();
    expect(expandWindowsEnv('%userprofile%\\Documents', WIN_ENV)).toBe('C:\\Users\\nguyenvana\\Documents');
    expect(expandWindowsEnv('%NOPE%\\x', WIN_ENV)).toBe('%NOPE%\\x');
  });

  it('follows redirection: OneDrive Known Folder Move, another drive, a server share', () => {
    expect(systemDocumentsDir(win({ Personal: '%USERPROFILE%\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents' }))).toBe(
      'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
    );
    expect(systemDocumentsDir(win({ Personal: 'D:\\Tai lieu' }))).toBe('D:\\Tai lieu');
    expect(systemDocumentsDir(win({ Personal: '\\\\sonoivu-fs\\home$\\nguyenvana\\Documents' }))).toBe(
      '\\\\sonoivu-fs\\home$\\nguyenvana\\Documents',
    );
    // No value, or one that cannot be expanded: the profile's Documents.
    expect(systemDocumentsDir(win({}))).toBe('C:\\Users\\nguyenvana\\Documents');
    expect(systemDocumentsDir(win({ Personal: '%HOMESHARE%\\Documents' }))).toBe('C:\\Users\\nguyenvana\\Documents');
  });

  it('on Linux: XDG_DOCUMENTS_DIR or ~/Documents', () => {
    const ctx = { platform: 'linux' as const, homedir: '/home/an', registry: () => undefined };
    expect(systemDocumentsDir({ ...ctx, env: {} })).toBe('/home/an/Documents');
    expect(systemDocumentsDir({ ...ctx, env: { XDG_DOCUMENTS_DIR: '/home/an/Tài liệu' } })).toBe('/home/an/Tài liệu');
  });

  it('workspaces default to <Documents>/TongHopCCHC/<period>, Documents as given by Electron', () => {
    expect(defaultWorkspaceRoot('D:\\Tai lieu', win32)).toBe('D:\\Tai lieu\\TongHopCCHC');
    expect(defaultWorkspaceDir(TEST_PERIOD, '/home/an/Tài liệu')).toBe(
      path.join('/home/an/Tài liệu', 'TongHopCCHC', 'NQ08-SK2023'),
    );
  });
});

describe('OneDrive', () => {
  it("is detected from the client's variables, case-insensitively on Windows", () => {
    expect(
      cloudSyncOf('c:\\users\\NGUYENVANA\\onedrive - sở nội vụ tỉnh lai châu\\Documents\\TongHopCCHC', WIN_ENV, win32),
    ).toEqual({
      provider: 'OneDrive',
      root: WIN_ENV.OneDriveCommercial,
    });
    expect(cloudSyncOf('C:\\Users\\nguyenvana\\Documents\\TongHopCCHC', WIN_ENV, win32)).toBeUndefined();
    expect(cloudSyncOf('C:\\Users\\an\\OneDriveCu\\x', { OneDrive: 'C:\\Users\\an\\OneDrive' }, win32)).toBeUndefined();
  });

  it('is detected from its folder name when the variables are missing', () => {
    expect(cloudSyncOf('C:\\Users\\an\\OneDrive\\Documents\\TongHopCCHC', {}, win32)).toEqual({
      provider: 'OneDrive',
      root: 'C:\\Users\\an\\OneDrive',
    });
    expect(cloudSyncOf('D:\\OneDrive - UBND tỉnh\\CCHC', {}, win32)?.root).toBe('D:\\OneDrive - UBND tỉnh');
    expect(cloudSyncOf('D:\\OneDriveBackup\\CCHC', {}, win32)).toBeUndefined();
    expect(cloudSyncOf('/home/an/OneDrive/CCHC', {}, posix)?.root).toBe('/home/an/OneDrive');
  });

  it('says so once with a local folder to use instead; a local folder says nothing', () => {
    const synced = describeLocation({
      chosenRoot: null,
      documentsDir: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
      env: WIN_ENV,
      homedir: 'C:\\Users\\nguyenvana',
      pathApi: win32,
    });
    expect(synced).toEqual({
      root: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents\\TongHopCCHC',
      source: 'documents',
      documentsDir: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
      cloud: { provider: 'OneDrive', root: WIN_ENV.OneDriveCommercial },
      localAlternative: 'C:\\Users\\nguyenvana\\TongHopCCHC',
      notice:
        'Thư mục làm việc C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents\\TongHopCCHC nằm trong thư mục được OneDrive đồng bộ (C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu). OneDrive có thể khoá tệp khi đang đồng bộ hoặc chuyển tệp thành dạng "chỉ có trên mạng" khi ứng dụng đang dùng, làm việc nhập và lưu số liệu bị gián đoạn. Nên dùng thư mục trên máy này: C:\\Users\\nguyenvana\\TongHopCCHC.',
    });
    const local = describeLocation({
      chosenRoot: 'D:\\TongHopCCHC',
      documentsDir: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
      env: WIN_ENV,
      pathApi: win32,
    });
    expect(local).toEqual({
      root: 'D:\\TongHopCCHC',
      source: 'settings',
      documentsDir: 'C:\\Users\\nguyenvana\\OneDrive - Sở Nội vụ tỉnh Lai Châu\\Documents',
    });
    expect(localWorkspaceRoot(WIN_ENV, 'C:\\Users\\x', win32)).toBe('C:\\Users\\nguyenvana\\TongHopCCHC');
    expect(localWorkspaceRoot({}, '/home/an', posix)).toBe('/home/an/TongHopCCHC');
  });
});
