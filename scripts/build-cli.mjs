// Bundles the command line, the import worker and the checklist worker into build/cli/ (one
// file each plus shared chunks). Loading one bundled module is several times faster than resolving the hundreds of
// small ES modules of the engine and zod — it keeps `tonghop consolidate` of 40 returns, whole
// process, within its 0.4 s budget. Heavy libraries stay external and are loaded only by the
// commands that need them.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/cli', { recursive: true, force: true });

await build({
  entryPoints: {
    main: 'core/cli/main.ts',
    worker: 'core/import/worker.ts',
    'checklists-worker': 'core/checklists/worker.ts',
  },
  outdir: 'build/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [
    'exceljs',
    'pdfmake',
    'pdfkit',
    'node-forge',
    'pkijs',
    'asn1js',
    'qrcode',
    'fontkit',
    'mammoth',
    'pdfjs-dist',
    '@xmldom/xmldom',
  ],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
