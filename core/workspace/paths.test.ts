/**
 * The path logic under Windows rules (`path.win32`) as well as POSIX, whatever this machine
 * is: drive letters, UNC shares, backslashes, long paths, case-insensitive names, reserved
 * names, trailing dots and spaces, Vietnamese names in NFC and NFD.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import {
  displayPath,
  fileNameKey,
  isReservedName,
  longPathProblem,
  sameFileName,
  storedPathOf,
  toStoredName,
  windowsNameProblem,
  windowsSafeName,
  WINDOWS_MAX_PATH,
} from './paths.js';
import { workspaceDirFor } from './folders.js';
import { ingestFiles, openWorkspace, readAudit, readManifest, tracker, type Workspace } from './index.js';
import { TEST_PERIOD, TEST_UNITS, fakeBytes, fakeParse } from './test-helpers.js';

const { win32, posix } = path;
const NFC = 'Báo cáo Sở Tư pháp.xlsx'.normalize('NFC');
const NFD = NFC.normalize('NFD');

describe('stored names: relative, "/" separators, NFC', () => {
  it('turns Windows and POSIX relative names into one form', () => {
    expect(toStoredName('BC_S01.xlsx')).toBe('BC_S01.xlsx');
    expect(toStoredName('Huyện Tam Đường\\BC_H01.xlsx')).toBe('Huyện Tam Đường/BC_H01.xlsx');
    expect(toStoredName('Huyện Tam Đường/BC_H01.xlsx')).toBe('Huyện Tam Đường/BC_H01.xlsx');
    expect(toStoredName('.\\a\\\\b\\.\\c.xlsx')).toBe('a/b/c.xlsx');
    expect(toStoredName('a/../../b.xlsx')).toBe('a/b.xlsx');
    expect(toStoredName(NFD)).toBe(NFC);
    expect(NFD).not.toBe(NFC);
  });

  it('keeps only the last segment of an absolute path (drive letter, UNC, POSIX)', () => {
    expect(toStoredName('C:\\Users\\an\\Downloads\\BC_S01.xlsx')).toBe('BC_S01.xlsx');
    expect(toStoredName('c:/Users/an/BC_S01.xlsx')).toBe('BC_S01.xlsx');
    expect(toStoredName('\\\\server\\share\\TongHop\\BC_S01.xlsx')).toBe('BC_S01.xlsx');
    expect(toStoredName('/home/an/BC_S01.xlsx')).toBe('BC_S01.xlsx');
  });

  it('the path of a file inside the workspace, stored relative with "/", on Windows and POSIX', () => {
    expect(
      storedPathOf(
        'C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08',
        'C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08\\originals\\ab12',
        win32,
      ),
    ).toBe('originals/ab12');
    // Drive letters and folder names differ in case: still the same folder on NTFS.
    expect(
      storedPathOf(
        'c:\\users\\AN\\documents\\tonghopcchc\\nq08',
        'C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08\\Xuất\\BC.pdf',
        win32,
      ),
    ).toBe('Xuất/BC.pdf');
    expect(storedPathOf('\\\\sonoivu-fs\\CCHC\\NQ08', '\\\\SONOIVU-FS\\cchc\\NQ08\\derived\\x.json', win32)).toBe(
      'derived/x.json',
    );
    expect(storedPathOf('/srv/cchc/NQ08', '/srv/cchc/NQ08/originals/ab12', posix)).toBe('originals/ab12');
    // POSIX is case-sensitive.
    expect(() => storedPathOf('/srv/cchc/nq08', '/srv/cchc/NQ08/a', posix)).toThrow('không nằm trong thư mục làm việc');
    expect(() => storedPathOf('C:\\TongHop\\NQ08', 'D:\\TongHop\\NQ08\\a', win32)).toThrow('không nằm trong');
    expect(() => storedPathOf('C:\\TongHop\\NQ08', 'C:\\TongHop\\NQ08-cu\\a', win32)).toThrow('không nằm trong');
    expect(() => storedPathOf('\\\\srv\\a\\NQ08', '\\\\srv\\b\\NQ08\\x', win32)).toThrow('không nằm trong');
  });

  it('shows a stored path with the platform separator: drive, UNC or POSIX root', () => {
    expect(displayPath('C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08', 'originals/ab12', win32)).toBe(
      'C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08\\originals\\ab12',
    );
    expect(displayPath('\\\\sonoivu-fs\\CCHC\\NQ08', 'Huyện Tam Đường/BC_H01.xlsx', win32)).toBe(
      '\\\\sonoivu-fs\\CCHC\\NQ08\\Huyện Tam Đường\\BC_H01.xlsx',
    );
    expect(displayPath('/srv/cchc/NQ08', 'Huyện Tam Đường/BC_H01.xlsx', posix)).toBe(
      '/srv/cchc/NQ08/Huyện Tam Đường/BC_H01.xlsx',
    );
    // A stored name that was written with backslashes by an earlier version shows the same.
    expect(displayPath('D:\\CCHC', 'a\\b.xlsx', win32)).toBe('D:\\CCHC\\a\\b.xlsx');
  });
});

describe('names that NTFS treats as the same', () => {
  it('ignores case and normalisation', () => {
    expect(sameFileName('BC_S01.xlsx', 'bc_s01.XLSX')).toBe(true);
    expect(sameFileName(NFC, NFD.toUpperCase())).toBe(true);
    expect(sameFileName('Sở Nội vụ.xlsx', 'SỞ NỘI VỤ.XLSX')).toBe(true);
    expect(sameFileName('Huyện/a.xlsx', 'huyện\\A.xlsx')).toBe(true);
    expect(sameFileName('BC_S01.xlsx', 'BC_S02.xlsx')).toBe(false);
    expect(sameFileName('Sơ kết.xlsx', 'So ket.xlsx')).toBe(false);
    expect(fileNameKey('bc_s01.xlsx')).toBe(fileNameKey('BC_S01.XLSX'));
  });
});

describe('names the app writes', () => {
  it('never a reserved device name, alone or before an extension', () => {
    for (const n of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'nul.txt', 'CON.xlsx', 'Com1 .pdf']) {
      expect(isReservedName(n)).toBe(true);
      expect(isReservedName(windowsSafeName(n))).toBe(false);
    }
    expect(windowsSafeName('CON')).toBe('CON_');
    expect(windowsSafeName('nul.txt')).toBe('nul_.txt');
    expect(windowsSafeName('COM1.pdf')).toBe('COM1_.pdf');
    for (const n of ['CONSO', 'COM10', 'BC_CON_NQ08.xlsx', 'NULL', 'icon']) expect(isReservedName(n)).toBe(false);
    expect(windowsSafeName('BC_CON_NQ08.xlsx')).toBe('BC_CON_NQ08.xlsx');
  });

  it('no trailing dots or spaces (Windows drops them), no forbidden characters', () => {
    expect(windowsSafeName('Sở Tư pháp.')).toBe('Sở Tư pháp');
    expect(windowsSafeName('NQ08-SK2023 . .')).toBe('NQ08-SK2023');
    expect(windowsSafeName('Báo cáo: 6/2023?')).toBe('Báo cáo_ 6_2023_');
    expect(windowsSafeName('a<b>c|d*e"f\\g')).toBe('a_b_c_d_e_f_g');
    expect(windowsSafeName('tab\there')).toBe('tab_here');
    expect(windowsSafeName('...')).toBe('_');
    expect(windowsSafeName(NFD)).toBe(NFC);
    const long = windowsSafeName(`${'Báo cáo tổng hợp '.repeat(20)}.xlsx`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('.xlsx')).toBe(true);
    // Safe names come back unchanged.
    for (const n of ['NQ08-SK2023', 'BC_CCHC_S01_NQ08-SK2023.xlsx', 'PKT_X01_NQ08-TK2025.pdf', 'Huyện Tam Đường']) {
      expect(windowsSafeName(n)).toBe(n);
      expect(windowsNameProblem(n)).toBeUndefined();
    }
  });

  it('says in Vietnamese what is wrong with a name typed by the user', () => {
    expect(windowsNameProblem('CON')).toBe('"CON" là tên thiết bị Windows dành riêng, không dùng làm tên tệp được');
    expect(windowsNameProblem('NQ08.')).toBe(
      'tên không được kết thúc bằng dấu chấm hoặc khoảng trắng (Windows tự bỏ đi)',
    );
    expect(windowsNameProblem('NQ08 ')).toBe(
      'tên không được kết thúc bằng dấu chấm hoặc khoảng trắng (Windows tự bỏ đi)',
    );
    expect(windowsNameProblem('6/2023')).toBe('tên không được chứa ký tự "/"');
    expect(windowsNameProblem('  ')).toBe('tên không được để trống');
  });

  it("a period's folder is safe whatever its code", () => {
    expect(workspaceDirFor('C:\\Users\\an\\Documents\\TongHopCCHC', 'NQ08-SK2023', win32)).toBe(
      'C:\\Users\\an\\Documents\\TongHopCCHC\\NQ08-SK2023',
    );
    expect(workspaceDirFor('C:\\TongHopCCHC', 'CON', win32)).toBe('C:\\TongHopCCHC\\CON_');
    expect(workspaceDirFor('\\\\srv\\cchc', 'KY 1/2025.', win32)).toBe('\\\\srv\\cchc\\KY 1_2025');
    expect(workspaceDirFor('/home/an/Documents/TongHopCCHC', 'NQ08-TK2025', posix)).toBe(
      '/home/an/Documents/TongHopCCHC/NQ08-TK2025',
    );
  });
});

describe('long paths', () => {
  it('warns when the files of a workspace would pass 259 characters, on a drive or a share', () => {
    const shallow = 'C:\\Users\\nguyenvana\\Documents\\TongHopCCHC\\NQ08-SK2023';
    expect(longPathProblem(shallow, win32)).toBeUndefined();
    // 259 - 1 - 77 (`derived/<64 hex>.json`) = 181 characters is the deepest folder that fits.
    const fits = `C:\\${'a'.repeat(178)}`;
    expect(fits.length).toBe(181);
    expect(longPathProblem(fits, win32)).toBeUndefined();
    const deep = `${fits}b`;
    expect(longPathProblem(deep, win32)).toBe(
      `Đường dẫn thư mục làm việc ${deep} dài 182 ký tự: các tệp bên trong sẽ có đường dẫn dài 260 ký tự, quá giới hạn ${WINDOWS_MAX_PATH} ký tự mà Windows Explorer, Excel và nhiều phần mềm sao lưu xử lý được. Hãy chọn thư mục nằm nông hơn (ví dụ D:\\TongHopCCHC).`,
    );
    const unc = `\\\\sonoivu-fs\\CCHC\\${'Thư mục con\\'.repeat(15)}NQ08-SK2023`;
    expect(longPathProblem(unc, win32)).toMatch(/^Đường dẫn thư mục làm việc \\\\sonoivu-fs\\CCHC\\/);
  });

  it('a workspace whose full paths pass 260 characters works (Node uses \\\\?\\ paths on Windows)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ws-long-'));
    try {
      let dir = root;
      while (dir.length < 200) dir = join(dir, 'Thư mục lưu trữ báo cáo CCHC');
      const ws = await openWorkspace(dir, { period: TEST_PERIOD, create: true });
      expect(longPathProblem(ws.dir, posix)).toBeDefined();
      const bytes = fakeBytes({ unit: 'S01', period: TEST_PERIOD.code, values: { KL01: 5 } });
      await ingestFiles(ws, [{ name: 'BC_S01.xlsx', bytes }], fakeParse);
      const original = join(ws.dir, 'originals', readdirSync(join(ws.dir, 'originals'))[0]!);
      expect(original.length).toBeGreaterThan(260);
      expect(readManifest(ws.dir).units.S01?.accepted).toBeDefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('what the workspace stores', () => {
  let root: string;
  let ws: Workspace;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'ws-names-'));
    ws = await openWorkspace(join(root, 'ws'), { period: TEST_PERIOD, create: true, by: 'chuyên viên A' });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps names relative with "/" and NFC in the manifest, the provenance and the audit log', async () => {
    const bytes = fakeBytes({ unit: 'H01', period: TEST_PERIOD.code, values: { KL01: 3 } });
    await ingestFiles(ws, [{ name: `Huyện Tam Đường\\${NFD}`, bytes }], fakeParse);
    const stored = `Huyện Tam Đường/${NFC}`;
    expect(readManifest(ws.dir).submissions[0]?.names).toEqual([stored]);
    expect(readAudit(ws)[0]).toMatchObject({ action: 'imported', name: stored });
    const { requireDerived } = await import('./store.js');
    const parsed = requireDerived(ws, readManifest(ws.dir).submissions[0]!.sha256);
    expect(parsed.values.KL01?.source.file).toBe(stored);
    // Nothing absolute anywhere in what was written.
    const { readFileSync } = await import('node:fs');
    for (const f of ['manifest.json', 'audit.log', 'workspace.json']) {
      const text = readFileSync(join(ws.dir, f), 'utf8');
      expect(text).not.toContain(root);
      expect(text).not.toContain('\\\\');
    }
  });

  it('the same bytes under a name differing only in case are the same file: nothing new is recorded', async () => {
    const bytes = fakeBytes({ unit: 'S01', period: TEST_PERIOD.code, values: { KL01: 3 } });
    await ingestFiles(ws, [{ name: 'BC_S01.xlsx', bytes }], fakeParse);
    const again = await ingestFiles(ws, [{ name: 'bc_s01.XLSX', bytes }], fakeParse);
    expect(again.committed).toBe(false);
    expect(again.files[0]?.outcome).toBe('known');
    const nfd = await ingestFiles(ws, [{ name: 'BC_S01.xlsx'.normalize('NFD'), bytes }], fakeParse);
    expect(nfd.committed).toBe(false);
    expect(readManifest(ws.dir).submissions[0]?.names).toEqual(['BC_S01.xlsx']);
    expect(readAudit(ws).map((e) => e.action)).toEqual(['imported']);
    // A really different name is still recorded as a second name of the same content.
    const copy = await ingestFiles(ws, [{ name: 'BC_S01 - Copy.xlsx', bytes }], fakeParse);
    expect(copy.files[0]?.outcome).toBe('same-bytes');
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).files.map((f) => f.name)).toEqual([
      'BC_S01.xlsx',
      'BC_S01 - Copy.xlsx',
    ]);
  });
});
