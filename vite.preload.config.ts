import { defineConfig } from 'vite';

/**
 * The Electron preload as one self-contained CommonJS file, `build/electron/preload.cjs`:
 * a sandboxed preload can `require('electron')` but cannot load ES modules or other files.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'build/electron',
    emptyOutDir: false,
    copyPublicDir: false,
    minify: false,
    sourcemap: false,
    target: 'es2022',
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
