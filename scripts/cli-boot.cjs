// Loads one bundle of the command line (build/cli/*.bundle.cjs) through V8's code cache, and
// compiles the external libraries a command loads (pdfkit, fontkit…) from theirs.
// Copied to build/cli/boot.cjs by scripts/build-cli.mjs; the command (bin/tonghop.js) and each
// worker thread (build/cli/worker.cjs, checklists-worker.cjs) load their bundle with it.
//
// Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), so the
// bundle is compiled here as a CommonJS function through vm.Script with `cachedData`: the
// bytecode V8 made for it during a warm run at build time (scripts/code-cache.mjs), stored
// beside it as <bundle>.cache (or <bundle>.<variant>.cache, made by a run of one command).
// V8 checks that the cache was made by the same V8, with the same flags, for a source of the
// same length; whenever it does not match (another Node, --cpu-prof…) it is rejected and the
// bundle is compiled as usual — never an error. Since V8 checks only the length, a bundle's
// cache is made with the bundle: `npm run build:cli` empties build/cli first.
'use strict';
const { mkdirSync, readFileSync, writeFileSync, renameSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const WRAP_START = '(function (exports, require, module, __filename, __dirname, __import) { ';
const WRAP_END = '\n});';

/** import() from here: the bundles sit beside this file, so specifiers resolve the same. */
const dynamicImport = (specifier) => import(specifier);

/** Write `bytes` to `file` through a temporary file, so that a reader never sees half of it. */
function writeWhole(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/**
 * Run the bundle at `file` (an absolute path) as a CommonJS module and return its exports.
 * `variant` names the cache made by one command's run (`<file>.<variant>.cache`); with
 * `produce`, no cache is read and the returned `save()` writes it, including every function
 * compiled so far (call it after a representative run).
 */
function load(file, { produce = false, variant } = {}) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = variant ? `${file}.${variant}.cache` : `${file}.cache`;
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
      writeWhole(cacheFile, script.createCachedData());
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The external libraries' code caches: build/cli/modules/<sha256 of the source>.cache, listed
// in build/cli/modules/manifest.json by the library file's path from the app's folder. V8 would
// take a cache for any source of the same length, so a cache is only ever given to the source
// it was made from: the file's content must hash to the name of its cache.

const APP = join(__dirname, '..', '..');
const NODE_MODULES = join(APP, 'node_modules') + sep;
const MODULES = join(__dirname, 'modules');
const MANIFEST = join(MODULES, 'manifest.json');

/** Whether {@link cacheModules} has taken over the compiling of CommonJS modules in this thread. */
let installed = false;
/** When producing: the scripts compiled, by their path from the app's folder. */
let producing;
/** The libraries compiled from their cache in this thread (their paths from the app's folder). */
const taken = [];

/** A `require` for `mod`, as Node gives a CommonJS module its own. */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * A module's source compiled through vm, or undefined when it has an import(): a script
 * compiled by vm can run one only through an experimental loader (with a warning), so such a
 * module is left to Node.
 */
function moduleScript(source, filename, cachedData) {
  if (source.includes('import(')) return undefined;
  return new vm.Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
}

/** The list of the libraries' caches (path → SHA-256), or an empty one when it cannot be read. */
function readManifest() {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    return typeof m === 'object' && m !== null && !Array.isArray(m) ? m : {};
  } catch {
    return {};
  }
}

/** SHA-256 of a library's source; node:crypto is loaded only then (the import worker never needs it). */
function sha256(text) {
  return require('node:crypto').createHash('sha256').update(text).digest('hex');
}

/**
 * Compile the app's external libraries (its node_modules) from the code caches the build made,
 * in this thread, from now on. A library without a cache, or whose file is not the one the
 * cache was made from, compiles as usual. With `produce`, no cache is read; `saveModules()`
 * writes those of the libraries loaded so far.
 */
function cacheModules({ produce = false } = {}) {
  if (installed) return;
  installed = true;
  if (produce) producing = new Map();
  /** The list of caches, read when a library is first loaded (most commands load none). */
  let manifest;
  const listed = (name) => {
    manifest ??= readManifest();
    return Object.hasOwn(manifest, name) ? manifest[name] : undefined;
  };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, ...rest) {
    // Only CommonJS files of the app's libraries (a newer Node passes a format, `module` for an
    // ES module loaded by require, which it compiles its own way).
    const format = rest[0];
    if (
      typeof content !== 'string' ||
      typeof filename !== 'string' ||
      !filename.startsWith(NODE_MODULES) ||
      (format !== undefined && format !== 'commonjs')
    ) {
      return compile.call(this, content, filename, ...rest);
    }
    const name = relative(APP, filename).split(sep).join('/');
    const known = produce ? undefined : listed(name);
    if (!produce && known === undefined) return compile.call(this, content, filename, ...rest);
    const hash = sha256(content);
    let cachedData;
    if (!produce) {
      if (hash !== known) return compile.call(this, content, filename, ...rest);
      try {
        cachedData = readFileSync(join(MODULES, `${hash}.cache`));
      } catch {
        return compile.call(this, content, filename, ...rest);
      }
    }
    const script = moduleScript(content, filename, cachedData);
    if (!script) return compile.call(this, content, filename, ...rest);
    if (producing) producing.set(name, { hash, script });
    else if (!script.cachedDataRejected) taken.push(name);
    const fn = script.runInThisContext();
    return fn.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
}

/** Write the code caches of the libraries loaded since `cacheModules({ produce: true })`, and list them. */
function saveModules() {
  if (!producing) throw new Error('saveModules: not producing');
  mkdirSync(MODULES, { recursive: true });
  const manifest = readManifest();
  for (const [name, { hash, script }] of producing) {
    writeWhole(join(MODULES, `${hash}.cache`), script.createCachedData());
    manifest[name] = hash;
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeWhole(MANIFEST, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** The libraries compiled from their code cache so far in this thread. */
function modulesTaken() {
  return [...taken];
}

module.exports = { load, cacheModules, saveModules, modulesTaken };
