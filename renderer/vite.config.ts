import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const START = fileURLToPath(new URL('./start.ts', import.meta.url));
const BOARD = fileURLToPath(new URL('./screens/board.tsx', import.meta.url));

/**
 * `start.ts` is an entry of its own, loaded by index.html as an `async` module script ahead of
 * the app's bundle: the window's first calls to the engine leave while the bundle still loads
 * and parses (Vite would otherwise merge every script of the page into one entry). The app's
 * bundle imports the very same module (one instance), so it reads those calls' answers.
 */
function startEntry(): Plugin {
  return {
    name: 'tonghop-start-entry',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {};
        const start = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === START);
        if (!start) return html;
        // The board ("Theo dõi", where the app starts with a period open) and what it imports,
        // fetched and compiled alongside the bundle rather than after the first answer: most
        // of it (the table) is the periods screen's too.
        const board = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === BOARD);
        const preload = new Set<string>();
        const visit = (name: string) => {
          const c = bundle[name];
          if (!c || c.type !== 'chunk' || preload.has(name)) return;
          preload.add(name);
          c.imports.forEach(visit);
        };
        if (board?.type === 'chunk') visit(board.fileName);
        preload.delete(start.fileName);
        if (ctx.chunk) preload.delete(ctx.chunk.fileName);
        const first = `<script type="module" async crossorigin src="./${start.fileName}"></script>\n    `;
        const links = [...preload].map((f) => `\n    <link rel="modulepreload" crossorigin href="./${f}">`).join('');
        // The start script first of all (after the CSP): its request leaves before any other.
        return html
          .replace(`<link rel="modulepreload" crossorigin href="./${start.fileName}">`, '')
          .replace('<script type="module" crossorigin', `${first}<script type="module" crossorigin`)
          .replace('</head>', `${links}\n  </head>`);
      },
    },
  };
}

/** The renderer, built for `file://` (relative asset paths) into build/renderer. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  plugins: [react(), startEntry()],
  build: {
    outDir: fileURLToPath(new URL('../build/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Keep assets as files: the CSP allows no inline script or style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        start: START,
      },
    },
  },
});
