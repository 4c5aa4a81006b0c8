#!/usr/bin/env node
// Entry point of the `tonghop` command: runs the bundled engine CLI (built by `npm ci` / `npm run build:cli`)
// through build/cli/boot.cjs, which compiles it from V8's code cache when it can.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../build/cli/main.bundle.cjs', import.meta.url));
const boot = fileURLToPath(new URL('../build/cli/boot.cjs', import.meta.url));
if (!existsSync(entry) || !existsSync(boot)) {
  process.stderr.write(
    'tonghop: chưa biên dịch. Hãy chạy "npm ci" hoặc "npm run build:node && npm run build:cli" trong thư mục dự án.\n',
  );
  process.exit(2);
}
const { main } = createRequire(import.meta.url)(boot).load(entry).exports;
process.exitCode = await main(process.argv.slice(2));
