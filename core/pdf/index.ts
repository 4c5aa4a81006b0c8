/**
 * The one place that builds PDFs with pdfmake: an embedded Times-metric serif with
 * full Vietnamese coverage (Tinos), no network or file access from documents.
 * pdfmake is loaded lazily so commands that make no PDF do not pay for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ContentSection, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { splitAtNames } from './names.js';
import { cachedFontFile, prepareFontkit } from './font-cache.js';
import { installPdfmakeSpeedups } from './pdfmake-speedups.js';
import { installPdfkitSpeedups } from './pdfkit-speedups.js';
import { installLayoutHooks, marginsWithHooks, type LayoutOptions } from './layout.js';

export type { TDocumentDefinitions, Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
export type { LaidOutLine, LaidOutPage, LayoutOptions } from './layout.js';

/** Font family name to use in document definitions. */
export const SERIF = 'Tinos';

/** Table layout of annex and checklist tables: thin ruled grid, small padding. */
export const THIN_GRID = {
  hLineWidth: (): number => 0.5,
  vLineWidth: (): number => 0.5,
  paddingLeft: (): number => 3,
  paddingRight: (): number => 3,
  paddingTop: (): number => 2,
  paddingBottom: (): number => 2,
};

/** Table layout for positioning only (document headers, signature blocks): no lines, no padding. */
export const NO_LINES = {
  hLineWidth: (): number => 0,
  vLineWidth: (): number => 0,
  paddingLeft: (): number => 0,
  paddingRight: (): number => 0,
  paddingTop: (): number => 0,
  paddingBottom: (): number => 0,
};

export { mm } from './units.js';

const FONT_FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let instance: Promise<PdfMake> | undefined;

/** Absolute path of one of the embedded font files (for tools that need a path). */
export function fontPath(style: keyof typeof FONT_FILES = 'normal'): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@expo-google-fonts/tinos/${FONT_FILES[style]}`);
}

/** The stand-in file of each style's font, parsed once per process (see font-cache.ts). */
function sharedFontFile(style: keyof typeof FONT_FILES): { name: string; file: Buffer } {
  const name = `tinos-${style}.ttf`;
  return { name, file: cachedFontFile(name, () => readFileSync(fontPath(style))) };
}

async function pdfmake(): Promise<PdfMake> {
  instance ??= (async () => {
    prepareFontkit();
    const mod = (await import('pdfmake')) as unknown as { default: PdfMake };
    const pm = mod.default;
    installPdfkitSpeedups();
    installPdfmakeSpeedups();
    const fonts: Record<string, string> = {};
    for (const style of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
      const { name, file } = sharedFontFile(style);
      if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, file);
      fonts[style] = name;
    }
    pm.setFonts({ [SERIF]: fonts });
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy(() => false);
    return pm;
  })();
  return instance;
}

/**
 * Render a pdfmake document definition to PDF bytes. The default font is {@link SERIF}.
 * `layout` optionally reports where every line landed (see {@link LayoutOptions}).
 */
export async function renderPdf(doc: TDocumentDefinitions, layout?: LayoutOptions): Promise<Buffer> {
  const pm = await pdfmake();
  const withFont: TDocumentDefinitions = {
    ...doc,
    defaultStyle: { font: SERIF, ...(doc.defaultStyle ?? {}) },
  };
  if (layout?.onLayout) {
    installLayoutHooks();
    (withFont as { pageMargins: unknown }).pageMargins = marginsWithHooks(doc.pageMargins, layout);
    // Sections with their own margins carry the hooks too (a section's pages use its margins).
    if (Array.isArray(doc.content)) {
      withFont.content = doc.content.map((c) => {
        const margins = c && typeof c === 'object' && 'section' in c ? (c as ContentSection).pageMargins : undefined;
        return margins !== undefined && margins !== null && margins !== 'inherit'
          ? { ...(c as ContentSection), pageMargins: marginsWithHooks(margins, layout) }
          : c;
      }) as TDocumentDefinitions['content'];
    }
  }
  return pm.createPdf(withFont).getBuffer();
}

/** A text with the given names (file names) set so that a line never breaks inside one. */
export function unbrokenNames(text: string, names: readonly string[]): ContentText[] {
  return splitAtNames(text, names);
}
