// Loads one bundle of the command line (build/cli/*.bundle.cjs) through V8's code cache.
// Copied to build/cli/boot.cjs by scripts/build-cli.mjs; the command (bin/tonghop.js) and each
// worker thread (build/cli/worker.cjs, checklists-worker.cjs) load their bundle with it.
//
// Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), so the
// bundle is compiled here as a CommonJS function through vm.Script with `cachedData`: the
// bytecode V8 made for it during a warm run at build time (scripts/code-cache.mjs), stored
// beside it as <bundle>.cache. V8 checks that the cache was made by the same V8, with the
// same flags, for the same source; whenever it does not match (another Node, a rebuilt
// bundle, --cpu-prof…) it is rejected and the bundle is compiled as usual — never an error.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { dirname } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const WRAP_START = '(function (exports, require, module, __filename, __dirname, __import) { ';
const WRAP_END = '\n});';

/** import() from here: the bundles sit beside this file, so specifiers resolve the same. */
const dynamicImport = (specifier) => import(specifier);

/**
 * Run the bundle at `file` (an absolute path) as a CommonJS module and return its exports.
 * With `produce`, the returned `save()` writes the bundle's code cache, including every
 * function compiled so far (call it after a representative run).
 */
function load(file, produce = false) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.cache`;
  let cachedData;
  if (!produce) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // A script compiled by vm cannot run import() (Node 20 needs a flag or an experimental
  // constant for that), so the bundle's import() of the external libraries — pdfjs-dist is
  // ES modules only — was rewritten at build time into calls of __import, this module's own.
  const script = new vm.Script(`${WRAP_START}${source}${WRAP_END}`, { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  mod.loaded = true;
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file), dynamicImport);
  return {
    exports: mod.exports,
    /** Whether a code cache was given and V8 took it. */
    cached: cachedData !== undefined && !script.cachedDataRejected,
    save() {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    },
  };
}

module.exports = { load };
