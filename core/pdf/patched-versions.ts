/**
 * The versions whose internals this folder patches: `layout.ts` hooks pdfmake's Renderer;
 * `pdfkit-speedups.ts` replaces pdfkit's content-stream writes, caches fontkit's decoded
 * glyphs and makes TrueType subsets without decoding simple glyphs; `flow/` reads fontkit's
 * `hmtx` and GPOS tables and writes into pdfkit's embedded fonts, and `core/report/print.ts`
 * sorts pdfkit's named destinations by their bytes; `fontkit-speedups.ts` defers parts of fontkit's
 * table decoding and module loading (checked by `fontkit-speedups.test.ts`). package.json pins them exactly — pdfmake as a
 * dependency, pdfkit and fontkit (pdfmake's own dependencies) through `overrides` — and
 * `versions.test.ts` fails when the installed ones differ: upgrade them together with the
 * patches, after checking the patched functions did not change.
 */
export const PATCHED_FOR = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' } as const;
