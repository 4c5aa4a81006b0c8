// Makes a bundle of the command line pure ASCII (scripts/build-cli.mjs runs it on each bundle).
//
// esbuild escapes non-ASCII letters in string and template literals, but leaves them in regular
// expression literals (/giáo dục|y tế/i) and in the comments it keeps. One such letter is enough
// for Node to read the whole file as a two-byte string and for V8 to compile and hash twice the
// bytes: measured on the 1 MB main bundle, reading it took 7 ms instead of 4 and compiling it
// from its code cache 14 ms instead of 11, at the start of every command.
//
// Each remaining letter becomes a \uXXXX escape (a pair of them past U+FFFF), which means the
// same letter in a regular expression (with or without the u flag, inside a class too), in a
// string and in a comment. Where it would not — inside a template literal (String.raw sees the
// escape), in a name past U+FFFF, or right after a backslash (\é is "é" in a string but \\u00E9
// is not) — the build fails rather than change what the code means.
import { tokenizer } from 'acorn';

const NON_ASCII = /[\u0080-\uffff]/g;
const ANY_NON_ASCII = /[\u0080-\uffff]/;

/** `\uXXXX` for one UTF-16 code unit. */
const escape = (unit) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `code` (a CommonJS script) with every non-ASCII character written as an escape. Throws where an
 * escape would change the program; `name` is for that message.
 */
export function asciiBundle(code, name = 'bundle') {
  if (!ANY_NON_ASCII.test(code)) return code;
  /** [start, end, kind] of every token that is not a comment, in order. */
  const tokens = [];
  for (const t of tokenizer(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
  })) {
    tokens.push([t.start, t.end, t.type.label]);
  }
  let k = 0;
  const kindAt = (offset) => {
    while (k < tokens.length && tokens[k][1] <= offset) k++;
    return k < tokens.length && tokens[k][0] <= offset ? tokens[k][2] : 'comment';
  };
  const refuse = (offset, why) => {
    const line = code.slice(0, offset).split('\n').length;
    throw new Error(`${name}:${line}: cannot write a non-ASCII character as an escape ${why}`);
  };
  let out = '';
  let from = 0;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(code); m; m = NON_ASCII.exec(code)) {
    const at = m.index;
    const kind = kindAt(at);
    if (kind === 'template' || kind === 'invalidTemplate') refuse(at, 'inside a template literal');
    if (kind !== 'comment') {
      let slashes = 0;
      while (code.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 1) refuse(at, 'after a backslash');
    }
    const unit = code.charCodeAt(at);
    if (kind === 'name' && unit >= 0xd800 && unit <= 0xdfff) refuse(at, 'in a name past U+FFFF');
    out += code.slice(from, at) + escape(unit);
    from = at + 1;
  }
  return out + code.slice(from);
}
