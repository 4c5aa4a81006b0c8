#!/usr/bin/env node
// Entry point of the `tonghop` command: runs the compiled engine CLI (built by `npm ci` / `npm run build:node`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../build/cli/main.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'tonghop: chưa biên dịch. Hãy chạy "npm ci" hoặc "npm run build:node && npm run build:cli" trong thư mục dự án.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
