/** Where a CLI command writes and what it may read from its environment. Tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Ask a question on the terminal without echo (passwords); undefined when not interactive. */
  promptSecret?: (question: string) => Promise<string>;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
};
