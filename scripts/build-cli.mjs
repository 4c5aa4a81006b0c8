// Bundles the command line, the import worker and the checklist worker into build/cli/: one
// CommonJS file each (<name>.bundle.cjs), loaded by build/cli/boot.cjs through V8's code cache
// (see scripts/cli-boot.cjs), then makes those caches (scripts/code-cache.mjs). One bundle
// instead of the hundreds of small ES modules of the engine and zod, compiled from cached
// bytecode, keeps the start of `tonghop consolidate` short. Heavy libraries stay external and
// are loaded only by the commands that need them.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { asciiBundle } from './ascii-bundle.mjs';

rmSync('build/cli', { recursive: true, force: true });

await build({
  entryPoints: {
    'main.bundle': 'core/cli/main.ts',
    'worker.bundle': 'core/import/worker.ts',
    'checklists-worker.bundle': 'core/checklists/worker.ts',
  },
  outdir: 'build/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
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
    'docx',
  ],
  // The engine finds its resources and its workers from its own module's URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// import() of an external library becomes __import(), which boot.cjs gives the bundle (see there);
// the bundle is made pure ASCII (see ascii-bundle.mjs). Neither moves a line, so the source maps hold.
for (const name of ['main', 'worker', 'checklists-worker']) {
  const file = `build/cli/${name}.bundle.cjs`;
  const code = asciiBundle(
    readFileSync(file, 'utf8').replace(/(?<![\w$.])import\((?="[^"\n]+"\))/g, '__import('),
    file,
  );
  const left = /(?<![\w$.])import\((?!\$\{)/.exec(code);
  if (left) throw new Error(`${file}: an import() boot.cjs cannot serve: ${code.slice(left.index, left.index + 60)}`);
  writeFileSync(file, code);
}
copyFileSync('scripts/cli-boot.cjs', 'build/cli/boot.cjs');
// The worker threads' entry files (core/workers/entry.ts names them): each loads its bundle,
// and the libraries it loads from their code caches.
for (const name of ['worker', 'checklists-worker']) {
  writeFileSync(
    `build/cli/${name}.cjs`,
    `'use strict';\nconst boot = require('./boot.cjs');\nboot.cacheModules();\nboot.load(require('node:path').join(__dirname, '${name}.bundle.cjs'));\n`,
  );
}
await import('./code-cache.mjs');
