/**
 * What can be checked of the Windows package without the Electron binary (which
 * `electron-builder --dir` needs and this machine cannot download): the NSIS options as
 * electron-builder reads them, and the app's file list as electron-builder's own matcher
 * computes it from `electron-builder.yml` over the built tree — every file the app loads at
 * run time is in it, its imports resolve inside it or to production dependencies, and
 * nothing needs to be outside the asar. The check on a real Windows PC is in the README.
 *
 * Needs `npm run build` first (`npm test` does it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const nsis = config.nsis as Record<string, unknown>;

/** The files electron-builder puts into app.asar besides node_modules, as it computes them. */
async function appFiles(): Promise<string[]> {
  const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as {
    getMainFileMatchers(...a: unknown[]): Array<{ createFilter(): unknown }>;
  };
  const { walk } = require('builder-util/out/fs.js') as { walk(dir: string, filter: unknown): Promise<string[]> };
  const directories = config.directories as { buildResources: string; output: string };
  const packager = {
    info: {
      isPrepackedAppAsar: false,
      config,
      projectDir: ROOT,
      buildResourcesDir: join(ROOT, directories.buildResources),
      debugLogger: { isEnabled: false },
    },
  };
  const matchers = getMainFileMatchers(
    ROOT,
    '/app',
    (p: string) => p,
    {},
    packager,
    join(ROOT, directories.output),
    false,
  );
  expect(matchers).toHaveLength(1);
  const files = await walk(ROOT, matchers[0]!.createFilter());
  return files.map((f) => relative(ROOT, f).split('\\').join('/')).sort();
}

/** Packages installed for production (not dev-only), from the lock file: what electron-builder adds as node_modules. */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const names = new Set<string>();
  for (const [path, p] of Object.entries(lock.packages)) {
    if (!path || p.dev) continue;
    names.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return names;
}

/** Static and dynamic import specifiers of a built module (string literals only). */
function importsOf(code: string): string[] {
  const out = new Set<string>();
  for (const re of [
    /^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ]) {
    for (const m of code.matchAll(re)) out.add(m[1]!);
  }
  return [...out];
}

const packageName = (spec: string): string =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

let files: string[] = [];
let shipped: Set<string>;
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'build', 'renderer', 'index.html'))) {
    throw new Error('build/ is incomplete: run `npm run build` before this test (npm test does).');
  }
  files = await appFiles();
  shipped = new Set(files);
});

describe('the Windows installer', () => {
  it('is NSIS, x64, installed per user without administrator rights, in Vietnamese', () => {
    expect(config.win).toEqual({ target: [{ target: 'nsis', arch: ['x64'] }] });
    expect(nsis).toMatchObject({ oneClick: true, perMachine: false, installerLanguages: ['vi_VN'], language: '1066' });
    expect(nsis.allowToChangeInstallationDirectory).toBeUndefined();
    expect(nsis.multiLanguageInstaller).not.toBe(false);
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('gives NSIS the Vietnamese language file, as electron-builder generates its script', () => {
    const { LangConfigurator, createAddLangsMacro } = require('app-builder-lib/out/targets/nsis/nsisLang.js') as {
      LangConfigurator: new (o: unknown) => { isMultiLang: boolean; langs: string[] };
      createAddLangsMacro(g: { macro(name: string, lines: string[]): void }, l: unknown): void;
    };
    const { lcid } = require('app-builder-lib/out/util/langs.js') as { lcid: Record<string, number> };
    const langs = new LangConfigurator({ ...nsis, unicode: true });
    // With a single language and multiLanguageInstaller false, electron-builder would fall back to en_US.
    expect(langs).toMatchObject({ isMultiLang: true, langs: ['vi_VN'] });
    expect(String(lcid.vi_VN)).toBe(nsis.language);
    const macros: Record<string, string[]> = {};
    createAddLangsMacro({ macro: (name, lines) => (macros[name] = lines) }, langs);
    expect(macros.addLangs).toEqual(['!insertmacro MUI_LANGUAGE "Vietnamese"']);
  });
});

describe('the files packed into app.asar', () => {
  it('hold the main process, the preload, the renderer, the worker scripts and the resources', () => {
    const html = readFileSync(join(ROOT, 'build', 'renderer', 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+)"/g)].map((m) => `build/renderer/${m[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    const resources = [
      'form-cchc.json',
      'units-default.json',
      'periods.json',
      'checklist-items.json',
      'cumulative-indicators.json',
    ];
    for (const f of [
      'package.json',
      'build/electron/main.js',
      'build/electron/preload.cjs',
      'build/renderer/index.html',
      ...assets,
      'build/core/import/worker.js',
      'build/core/checklists/worker.js',
      'build/core/resources.js',
      ...resources.map((r) => `resources/${r}`),
    ]) {
      expect(shipped.has(f), f).toBe(true);
    }
    // Every resource the engine reads by name is packed.
    for (const f of files.filter((x) => x.startsWith('build/core/') && x.endsWith('.js'))) {
      for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/readResourceJson\(['"]([^'"]+)['"]\)/g)) {
        expect(shipped.has(`resources/${m[1]}`), `${f} reads resources/${m[1]}`).toBe(true);
      }
    }
  });

  it('leave out tests, test support, source maps and the command-line bundle', () => {
    expect(
      files.filter((f) => /\.test\.js$|\.map$|test-helpers|test-child|fault-fs|^build\/(test|cli)\//.test(f)),
    ).toEqual([]);
    expect(files.filter((f) => !/^(package\.json|build\/|resources\/)/.test(f))).toEqual([]);
  });

  it('import only each other, Node built-ins, electron and production dependencies', () => {
    const prod = productionPackages();
    const problems: string[] = [];
    let checked = 0;
    for (const f of files.filter((x) => /\.(c|m)?js$/.test(x) && !x.startsWith('build/renderer/'))) {
      for (const spec of importsOf(readFileSync(join(ROOT, f), 'utf8'))) {
        checked++;
        if (spec.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(f), spec));
          if (!shipped.has(target)) problems.push(`${f} imports ${spec}, which is not packed`);
        } else if (!BUILTINS.has(spec) && spec !== 'electron' && !prod.has(packageName(spec))) {
          problems.push(`${f} imports ${spec}, not a production dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('find the report fonts in a production dependency', () => {
    expect(productionPackages().has('@expo-google-fonts/tinos')).toBe(true);
    const pdf = readFileSync(join(ROOT, 'build', 'core', 'pdf', 'index.js'), 'utf8');
    const fonts = [...pdf.matchAll(/'(\d00\w+\/Tinos_\w+\.ttf)'/g)].map((m) => m[1]!);
    expect(fonts).toHaveLength(4);
    for (const f of fonts)
      expect(existsSync(join(ROOT, 'node_modules', '@expo-google-fonts', 'tinos', f)), f).toBe(true);
  });

  it('need nothing unpacked: no module runs a file of the app as a process, nor loads a native addon', () => {
    expect(config.asarUnpack).toBeUndefined();
    const spawning: string[] = [];
    for (const f of files.filter((x) => x.endsWith('.js') && !x.startsWith('build/renderer/'))) {
      const code = readFileSync(join(ROOT, f), 'utf8');
      if (/['"](node:)?child_process['"]/.test(code)) spawning.push(f);
      expect(code, f).not.toMatch(/\.node['"]|process\.dlopen|process\.chdir/);
    }
    // The one process the engine starts is Windows' own reg.exe (the Documents folder).
    expect(spawning).toEqual(['build/core/workspace/folders.js']);
    expect(readFileSync(join(ROOT, 'build/core/workspace/folders.js'), 'utf8')).toMatch(/execFileSync\('reg', \[/);
    // Worker scripts are found beside the module that starts them (import.meta.url), never from the working directory.
    const entry = readFileSync(join(ROOT, 'build/core/workers/entry.js'), 'utf8');
    expect(entry).toMatch(/fileURLToPath\(moduleUrl\)/);
    expect(entry).not.toMatch(/process\.cwd\(\)/);
    expect(dirname('build/core/import/worker.js')).toBe('build/core/import');
  });
});
