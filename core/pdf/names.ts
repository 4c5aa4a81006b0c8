/**
 * A text cut around the names it contains (file names), so that a layout can keep each name
 * on one line. Light: the checklists' layout and the report's pdfmake content both use it.
 */

export interface NamePiece {
  text: string;
  /** A name: never broken across lines. */
  noWrap?: true;
}

/** `text` as pieces in order, each occurrence of a name (the longest first where they overlap) a piece of its own. */
export function splitAtNames(text: string, names: readonly string[]): NamePiece[] {
  const found = [...new Set(names)].filter((n) => n && text.includes(n)).sort((a, b) => b.length - a.length);
  if (found.length === 0) return [{ text }];
  const out: NamePiece[] = [];
  let rest = text;
  while (rest) {
    let at = -1;
    let name = '';
    for (const n of found) {
      const i = rest.indexOf(n);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        name = n;
      }
    }
    if (at < 0) {
      out.push({ text: rest });
      break;
    }
    if (at > 0) out.push({ text: rest.slice(0, at) });
    out.push({ text: name, noWrap: true });
    rest = rest.slice(at + name.length);
  }
  return out;
}
