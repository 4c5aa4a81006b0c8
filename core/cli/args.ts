import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: the CLI prints it with the command's help and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's arguments strictly; unknown options are usage errors in Vietnamese. */
export function parseCommandArgs<O extends OptionSpec>(
  argv: string[],
  options: O,
  positionals: { min: number; max: number; names: string[] },
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`Tùy chọn không hợp lệ: ${unknown[1]}.`);
    const missing = /Option '([^']+)[^']*' argument missing/.exec(msg);
    if (missing) throw new UsageError(`Tùy chọn ${missing[1]} cần một giá trị.`);
    throw new UsageError(`Tham số không hợp lệ: ${msg}`);
  }
  const pos = parsed.positionals;
  if (pos.length < positionals.min) {
    throw new UsageError(`Thiếu tham số: ${positionals.names.slice(pos.length, positionals.min).join(', ')}.`);
  }
  if (pos.length > positionals.max) throw new UsageError(`Thừa tham số: ${pos.slice(positionals.max).join(' ')}.`);
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: pos };
}

/** A required string option. */
export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`Thiếu tùy chọn --${name}.`);
  return v;
}

/** An optional string option. */
export function optional(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
