import { Writable } from 'node:stream';

/** Where a CLI command writes and what it may read from its environment. Tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Ask a question on the terminal without echo (passwords); undefined when not interactive. */
  promptSecret?: (question: string) => Promise<string>;
}

/**
 * Read one line from the terminal without echoing it. The answer lives only in memory:
 * no history, nothing written anywhere.
 */
async function promptSecret(question: string): Promise<string> {
  // Loaded when a password is asked for, not at every command's start.
  const { createInterface } = await import('node:readline');
  process.stderr.write(question);
  let muted = true;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: sink, terminal: true, historySize: 0 });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      muted = false;
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  ...(process.stdin.isTTY ? { promptSecret } : {}),
};
