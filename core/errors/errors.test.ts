import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsErrorMessage, isFsError, parseJsonText, type FsAction } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The error a real fs call throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

/** An error shaped like Node's, for the codes this machine (running as root) cannot provoke. */
function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation failed, ${syscall} '${path}'`), { code, syscall, path });
}

/** Words of Node's English messages that must never reach a clerk. */
const ENGLISH = /\b(illegal|operation|permitted|directory|no such|not a|file exists|denied|busy)\b/i;

describe('file-system errors in Vietnamese', () => {
  it('real failures: each a sentence naming the path and what to do', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    // readFile of a folder fails without naming it: the caller names it.
    expect(
      fsErrorMessage(
        thrown(() => readFileSync(root)),
        root,
      ),
    ).toBe(`Không đọc được ${root}: đó là một thư mục, không phải tệp. Hãy ghi đường dẫn đến một tệp.`);
    expect(fsErrorMessage(thrown(() => readFileSync(root)))).toBe(
      'Không đọc được đường dẫn đã cho: đó là một thư mục, không phải tệp. Hãy ghi đường dẫn đến một tệp.',
    );
    const cases: [unknown, string][] = [
      [thrown(() => readFileSync(join(root, 'missing'))), `Không tìm thấy ${join(root, 'missing')}.`],
      [thrown(() => readdirSync(file)), `Không đọc được thư mục ${file}: một phần của đường dẫn là tệp`],
      [thrown(() => mkdirSync(file)), `Không tạo được thư mục ${file} vì đã có một tệp cùng tên.`],
      [thrown(() => writeFileSync(join(root, 'no', 'x.json'), '')), `Không tìm thấy ${join(root, 'no', 'x.json')}.`],
    ];
    for (const [e, expected] of cases) {
      expect(isFsError(e)).toBe(true);
      const text = fsErrorMessage(e);
      expect(text).toContain(expected);
      expect(text).not.toMatch(ENGLISH);
    }
    expect(
      fsErrorMessage(
        thrown(() => writeFileSync(join(root, 'no', 'x.json'), '')),
        undefined,
        'write',
      ),
    ).toBe(
      `Không ghi được ${join(root, 'no', 'x.json')}: thư mục chứa nó không tồn tại. Hãy kiểm tra lại đường dẫn hoặc tạo thư mục trước.`,
    );
  });

  it('every code has a sentence, with the action and the path, never Node English', () => {
    const codes = ['EPERM', 'EACCES', 'EBUSY', 'ENOSPC', 'EROFS', 'ENAMETOOLONG', 'ELOOP', 'EMFILE', 'EIO', 'EXDEV'];
    const actions: FsAction[] = ['read', 'write', 'create-folder', 'list-folder', 'access'];
    for (const code of codes) {
      for (const action of actions) {
        const text = fsErrorMessage(errno(code, 'open', 'C:\\Báo cáo\\S01.xlsx'), undefined, action);
        expect(text, `${code} ${action}`).toContain('C:\\Báo cáo\\S01.xlsx');
        expect(text, `${code} ${action}`).toMatch(/^(Không|Máy)/);
        expect(text, `${code} ${action}`).not.toMatch(ENGLISH);
      }
    }
    expect(fsErrorMessage(errno('EPERM', 'rename', '/x/a.json'))).toBe(
      'Không có quyền ghi /x/a.json. Hãy chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền.',
    );
    expect(fsErrorMessage(errno('EBUSY', 'open', 'S01.xlsx'), undefined, 'read')).toBe(
      'Không đọc được S01.xlsx: đang bị một chương trình khác giữ (Excel, phần mềm diệt virus, OneDrive…). Hãy đóng chương trình đó rồi thử lại.',
    );
    // The program named is the one the file is likely open in: Word for the report's Word copy.
    expect(fsErrorMessage(errno('EBUSY', 'open', 'BaoCao.docx'), undefined, 'write')).toBe(
      'Không ghi được BaoCao.docx: đang bị một chương trình khác giữ (Word, phần mềm diệt virus, OneDrive…). Hãy đóng chương trình đó rồi thử lại.',
    );
    expect(fsErrorMessage(errno('EBUSY', 'open', 'BaoCao.pdf'), undefined, 'write')).toContain('(trình đọc PDF, ');
    expect(fsErrorMessage(errno('EXDEV', 'rename', '/x'))).toBe('Không ghi được /x (mã lỗi EXDEV).');
    // Not a file-system error: no pretence that it is one.
    expect(isFsError(new TypeError('x'))).toBe(false);
    expect(isFsError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
  });
});

describe('JSON typed by people', () => {
  it('says where it breaks, in Vietnamese; a byte-order mark is accepted', () => {
    expect(parseJsonText('\ufeff[1, 2]', 'Tệp x')).toEqual([1, 2]);
    expect(() => parseJsonText('[{"code": "S01",\n  name: "x"}]', 'Tệp danh sách đơn vị /u.json')).toThrow(
      'Tệp danh sách đơn vị /u.json không phải là JSON hợp lệ (chỗ sai ở dòng 2, cột 3). Hãy sửa lại tệp rồi thử lại.',
    );
    expect(() => parseJsonText('[1,', 'Tệp x')).toThrow(
      'Tệp x không phải là JSON hợp lệ (nội dung bị thiếu phần cuối).',
    );
    expect(() => parseJsonText('vm\n', 'Tệp x')).toThrow('Tệp x không phải là JSON hợp lệ (chỗ sai ở dòng 1, cột 1).');
  });
});

describe('in the app', () => {
  it('a file-system error from the engine reaches the window as the same sentence', async () => {
    const { dispatchApiCall } = await import('../api/index.js');
    const failing = { getSettings: () => Promise.reject(errno('EACCES', 'open', '/data/settings.json')) };
    expect(await dispatchApiCall(failing as never, 'getSettings', undefined)).toEqual({
      ok: false,
      message:
        'Không có quyền truy cập /data/settings.json. Hãy chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền.',
    });
  });
});
