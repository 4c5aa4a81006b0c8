/**
 * The one place that builds PDFs with pdfmake: an embedded Times-metric serif with
 * full Vietnamese coverage (Tinos), no network or file access from documents.
 * pdfmake is loaded lazily so commands that make no PDF do not pay for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

export type { TDocumentDefinitions, Content, ContentText, TableCell } from 'pdfmake/interfaces.js';

/** Font family name to use in document definitions. */
export const SERIF = 'Tinos';

/** Millimetres to PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

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

async function pdfmake(): Promise<PdfMake> {
  instance ??= (async () => {
    const mod = (await import('pdfmake')) as unknown as { default: PdfMake };
    const pm = mod.default;
    const fonts: Record<string, string> = {};
    for (const [style, file] of Object.entries(FONT_FILES)) {
      const name = `tinos-${style}.ttf`;
      if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, readFileSync(fontPath(style as keyof typeof FONT_FILES)));
      fonts[style] = name;
    }
    pm.setFonts({ [SERIF]: fonts });
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy(() => false);
    return pm;
  })();
  return instance;
}

/** Render a pdfmake document definition to PDF bytes. The default font is {@link SERIF}. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pm = await pdfmake();
  const withFont: TDocumentDefinitions = {
    ...doc,
    defaultStyle: { font: SERIF, ...(doc.defaultStyle ?? {}) },
  };
  return pm.createPdf(withFont).getBuffer();
}
