/**
 * JSON typed or edited by people (a register, report settings, a report template): parsed
 * with a Vietnamese sentence saying where it breaks, instead of V8's English.
 */

/** Thrown by {@link parseJsonText}: `message` is Vietnamese. */
export class JsonTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonTextError';
  }
}

/** "dòng 2, cột 15" of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `dòng ${line}, cột ${column}`;
}

/**
 * Parse JSON text (a leading UTF-8 byte-order mark, as Notepad writes, is accepted).
 * `what` names the file in the message: "Tệp danh sách đơn vị /x/units.json".
 */
export function parseJsonText(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const at = /at position (\d+)/.exec(msg) ?? /\(line \d+ column \d+\)/.exec(msg);
    let where: string;
    if (at && at[1] !== undefined) where = `chỗ sai ở ${lineColumn(body, Number(at[1]))}`;
    else if (/end of JSON input|Unterminated/i.test(msg) || body.trim() === '') where = 'nội dung bị thiếu phần cuối';
    else {
      const token = /Unexpected token '?(.)'?/.exec(msg)?.[1];
      const offset = token === undefined ? -1 : body.indexOf(token);
      where = offset >= 0 ? `chỗ sai ở ${lineColumn(body, offset)}` : 'có ký tự không hợp lệ';
    }
    throw new JsonTextError(`${what} không phải là JSON hợp lệ (${where}). Hãy sửa lại tệp rồi thử lại.`);
  }
}
