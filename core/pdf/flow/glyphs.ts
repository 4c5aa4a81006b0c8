/**
 * Glyphs and widths of text without fontkit's shaping engine, which costs ~0.5 ms a word
 * (OpenType feature processing): each character's glyph from the font's cmap, its advance
 * from hmtx, and pair kerning from the font's GPOS `kern` lookups (pair adjustment, for the
 * Latin script: what fontkit applies to NFC Vietnamese text). Tinos has no ligatures and
 * precomposed glyphs for every Vietnamese letter, so for NFC text the glyphs are those
 * fontkit's `layout` gives; only contextual kerning (rare, sub-point) is left out.
 */

/** The parts of a fontkit font read here. */
export interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] };
  GPOS?: unknown;
  /** Horizontal metrics (TrueType `hmtx`), read lazily entry by entry. */
  hmtx?: { metrics: Lazy<{ advance: number }> };
  layout(text: string): { advanceWidth: number };
}

export interface ShapedGlyph {
  id: number;
  /** Advance in font units. */
  advance: number;
  codePoints: number[];
}

interface Coverage {
  version: number;
  glyphs?: ArrayLike<number>;
  rangeRecords?: ArrayLike<{ start: number; end: number; startCoverageIndex: number }>;
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}
interface Value {
  xAdvance?: number;
}
type Lazy<T> = { get?(i: number): T; length: number } & ArrayLike<T>;
interface PairPos {
  version: number;
  coverage: Coverage;
  pairSets?: Lazy<Lazy<{ secondGlyph: number; value1?: Value }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: Lazy<Lazy<{ value1?: Value }>>;
}

function at<T>(list: Lazy<T> | undefined, i: number): T | undefined {
  if (!list) return undefined;
  return typeof list.get === 'function' ? list.get(i) : list[i];
}

function coverageIndex(c: Coverage, glyph: number): number {
  if (c.version === 1 && c.glyphs) {
    let lo = 0;
    let hi = c.glyphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = c.glyphs[mid] as number;
      if (g === glyph) return mid;
      if (g < glyph) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  const ranges = c.rangeRecords;
  if (ranges)
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i] as { start: number; end: number; startCoverageIndex: number };
      if (glyph >= r.start && glyph <= r.end) return r.startCoverageIndex + glyph - r.start;
    }
  return -1;
}

function classOf(c: ClassDef | undefined, glyph: number): number {
  if (!c) return 0;
  if (c.version === 1 && c.classValueArray && c.startGlyph !== undefined) {
    const i = glyph - c.startGlyph;
    return i >= 0 && i < c.classValueArray.length ? (c.classValueArray[i] as number) : 0;
  }
  const ranges = c.classRangeRecord;
  if (ranges)
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i] as { start: number; end: number; class: number };
      if (glyph >= r.start && glyph <= r.end) return r.class;
    }
  return 0;
}

/** Kerning of the pair in one PairPos subtable, or undefined when it does not cover it. */
function pairValue(st: PairPos, left: number, right: number): number | undefined {
  const index = coverageIndex(st.coverage, left);
  if (index < 0) return undefined;
  if (st.version === 1) {
    const set = at(st.pairSets, index);
    if (!set) return undefined;
    for (let i = 0; i < set.length; i++) {
      const p = at(set, i);
      if (p && p.secondGlyph === right) return p.value1?.xAdvance ?? 0;
    }
    return undefined;
  }
  const c1 = classOf(st.classDef1, left);
  const c2 = classOf(st.classDef2, right);
  const row = at(st.classRecords, c1);
  const rec = row ? at(row, c2) : undefined;
  return rec?.value1?.xAdvance ?? 0;
}

interface Gpos {
  scriptList: ArrayLike<{ tag: string; script: { defaultLangSys?: { featureIndexes: ArrayLike<number> } } }>;
  featureList: ArrayLike<{ tag: string; feature: { lookupListIndexes: ArrayLike<number> } }>;
  lookupList: Lazy<{ lookupType: number; subTables: ArrayLike<unknown> }>;
}

/** The pair-adjustment subtables of the `kern` feature of the Latin script, lookup by lookup. */
function kernLookups(font: FontkitFont): PairPos[][] {
  const gpos = font.GPOS as Gpos | undefined;
  if (!gpos) return [];
  const scripts = Array.from(gpos.scriptList);
  const script = scripts.find((s) => s.tag === 'latn') ?? scripts.find((s) => s.tag === 'DFLT');
  const features = script?.script.defaultLangSys?.featureIndexes;
  if (!features) return [];
  const lookups: number[] = [];
  for (const fi of Array.from(features)) {
    const f = gpos.featureList[fi];
    if (f?.tag === 'kern') lookups.push(...Array.from(f.feature.lookupListIndexes));
  }
  lookups.sort((a, b) => a - b);
  const out: PairPos[][] = [];
  for (const li of lookups) {
    const lookup = at(gpos.lookupList, li);
    if (!lookup) continue;
    const subs: PairPos[] = [];
    for (const st of Array.from(lookup.subTables)) {
      if (lookup.lookupType === 2) subs.push(st as PairPos);
      else if (lookup.lookupType === 9) {
        const ext = st as { lookupType: number; extension: PairPos };
        if (ext.lookupType === 2) subs.push(ext.extension);
      }
    }
    if (subs.length > 0) out.push(subs);
  }
  return out;
}

/** Glyphs, advances and kerning of one font, cached per process. */
export class Shaper {
  readonly unitsPerEm: number;
  private readonly glyphs = new Map<number, ShapedGlyph>();
  private readonly kerns = new Map<number, number>();
  private lookups: PairPos[][] | undefined;

  constructor(readonly font: FontkitFont) {
    this.unitsPerEm = font.unitsPerEm;
  }

  glyph(cp: number): ShapedGlyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      const fg = this.font.glyphForCodePoint(cp);
      g = { id: fg.id, advance: this.advanceOf(fg), codePoints: [cp] };
      this.glyphs.set(cp, g);
    }
    return g;
  }

  /**
   * A glyph's advance straight from `hmtx`: fontkit's `advanceWidth` also works out the
   * vertical metrics, decoding the glyph's outline (its control box) for each glyph.
   */
  private advanceOf(fg: { id: number; advanceWidth: number }): number {
    const metrics = this.font.hmtx?.metrics;
    if (!metrics || metrics.length === 0) return fg.advanceWidth;
    const m = at(metrics, Math.min(fg.id, metrics.length - 1));
    return m ? m.advance : fg.advanceWidth;
  }

  /** Kerning between two glyphs, in font units (negative: closer). */
  kern(left: number, right: number): number {
    const key = left * 65536 + right;
    let k = this.kerns.get(key);
    if (k === undefined) {
      this.lookups ??= kernLookups(this.font);
      k = 0;
      for (const subs of this.lookups) {
        for (const st of subs) {
          const v = pairValue(st, left, right);
          if (v !== undefined) {
            k += v;
            break;
          }
        }
      }
      this.kerns.set(key, k);
    }
    return k;
  }

  /** Advance of `text` in font units, kerning included. */
  advance(text: string): number {
    let w = 0;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++) as number;
      const g = this.glyph(cp);
      if (prev >= 0) w += this.kern(prev, g.id);
      w += g.advance;
      prev = g.id;
    }
    return w;
  }
}
