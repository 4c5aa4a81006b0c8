/**
 * File-system failures told in Vietnamese: Node's "EISDIR: illegal operation on a directory"
 * never reaches a clerk. Each sentence names the path and says what to do.
 */

/** What the app was doing with the path when it failed. */
export type FsAction = 'read' | 'write' | 'create-folder' | 'list-folder' | 'access';

/** An error thrown by `node:fs` (it carries a `code`, usually a `syscall` and a `path`). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  if (!(e instanceof Error)) return false;
  const { code, syscall, path } = e as NodeJS.ErrnoException;
  return typeof code === 'string' && (syscall !== undefined || path !== undefined || code.startsWith('ERR_FS_'));
}

/** "đọc", "tạo thư mục": what was being done, before the path ("Không có quyền đọc X"). */
const VERB: Record<FsAction, string> = {
  read: 'đọc',
  write: 'ghi',
  'create-folder': 'tạo thư mục',
  'list-folder': 'đọc thư mục',
  access: 'truy cập',
};

/** "Không đọc được X", "Không tạo được thư mục X". */
function cannot(action: FsAction, where: string): string {
  switch (action) {
    case 'create-folder':
      return `Không tạo được thư mục ${where}`;
    case 'list-folder':
      return `Không đọc được thư mục ${where}`;
    default:
      return `Không ${VERB[action]} được ${where}`;
  }
}

/**
 * The program a clerk most likely has `path` open in: Word for a document, a PDF reader for a
 * PDF, Excel for a workbook — and for anything else, as the messages always said (the app's own
 * files are held by Excel when a clerk opens them, or by an antivirus, which the messages name too).
 */
export function likelyHolder(path: string): string {
  if (/\.(docx|doc)$/iu.test(path)) return 'Word';
  if (/\.pdf$/iu.test(path)) return 'trình đọc PDF';
  return 'Excel';
}

/** The action a failed system call stands for, when the caller did not say. */
function actionOf(syscall: string | undefined): FsAction {
  switch (syscall) {
    case 'mkdir':
      return 'create-folder';
    case 'scandir':
    case 'opendir':
      return 'list-folder';
    case 'read':
      return 'read';
    case 'write':
    case 'rename':
    case 'unlink':
    case 'rmdir':
    case 'copyfile':
    case 'fsync':
      return 'write';
    default:
      return 'access';
  }
}

/**
 * One Vietnamese sentence for a file-system error on `path` (default: the error's own path).
 * Codes without a sentence of their own are named, never explained in English.
 */
export function fsErrorMessage(e: unknown, path?: string, action?: FsAction): string {
  // The workspace's file layer already says it in Vietnamese, naming the file (a file held by
  // Excel or an antivirus after its retries, `core/workspace/fs-ops.ts`).
  if (e instanceof Error && e.name === 'WorkspaceError') return e.message;
  const err = isFsError(e) ? e : undefined;
  const where = path ?? err?.path ?? 'đường dẫn đã cho';
  const act = action ?? actionOf(err?.syscall);
  const verb = VERB[act];
  const no = cannot(act, where);
  switch (err?.code) {
    case 'ENOENT':
      return act === 'write' || act === 'create-folder'
        ? `${no}: thư mục chứa nó không tồn tại. Hãy kiểm tra lại đường dẫn hoặc tạo thư mục trước.`
        : `Không tìm thấy ${where}. Hãy kiểm tra lại đường dẫn (tệp có thể đã bị chuyển hoặc xoá).`;
    case 'EISDIR':
      return `${no}: đó là một thư mục, không phải tệp. Hãy ghi đường dẫn đến một tệp.`;
    case 'ENOTDIR':
      return `${no}: một phần của đường dẫn là tệp chứ không phải thư mục. Hãy kiểm tra lại đường dẫn.`;
    case 'EEXIST':
      return act === 'create-folder'
        ? `${no} vì đã có một tệp cùng tên. Hãy chọn tên thư mục khác.`
        : `${no} vì đã có một tệp hay thư mục cùng tên.`;
    case 'EPERM':
    case 'EACCES':
      return `Không có quyền ${verb} ${where}. Hãy chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${no}: đang bị một chương trình khác giữ (${likelyHolder(where)}, phần mềm diệt virus, OneDrive…). Hãy đóng chương trình đó rồi thử lại.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${no}: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại.`;
    case 'EROFS':
      return `${no}: ổ đĩa chỉ cho đọc. Hãy chọn nơi khác.`;
    case 'ENAMETOOLONG':
      return `${no}: đường dẫn quá dài. Hãy chọn thư mục có đường dẫn ngắn hơn.`;
    case 'ELOOP':
      return `${no}: đó là liên kết trỏ vòng vào chính nó.`;
    case 'EMFILE':
    case 'ENFILE':
      return `${no}: máy đang mở quá nhiều tệp cùng lúc. Hãy đóng bớt chương trình rồi thử lại.`;
    case 'ERR_FS_FILE_TOO_LARGE':
      return `${no}: tệp quá lớn.`;
    case 'EIO':
      return `${no}: lỗi đọc ghi ổ đĩa. Hãy kiểm tra ổ đĩa (hoặc ổ USB, ổ mạng) rồi thử lại.`;
    default:
      return `${no}${err?.code ? ` (mã lỗi ${err.code})` : ''}.`;
  }
}
