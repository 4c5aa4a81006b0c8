import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { TIERS, type Tier } from '../form/types.js';
import { fsErrorMessage, parseJsonText } from '../errors/index.js';
import { readResourceJson } from '../resources.js';
import { decodeUserText } from '../text/index.js';

/** One inspected unit of the register. */
export interface Unit {
  code: string;
  name: string;
  tier: Tier;
  /** For a commune: the district it belongs to. */
  parent?: string;
}

const unitSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'mã đơn vị chỉ gồm chữ, số, "-" và "_"'),
  name: z.string().trim().min(1),
  tier: z.enum(TIERS),
  parent: z.string().optional(),
});

/** A register that cannot be used; the message is a Vietnamese sentence for the user. */
export class RegisterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterError';
  }
}

/** Validate a register: an array of units with unique codes. */
export function parseRegister(json: unknown, source = 'danh sách đơn vị'): Unit[] {
  const parsed = z.array(unitSchema).min(1).safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const where = i ? i.path.join('.') : '';
    throw new RegisterError(`Tệp ${source} không đúng định dạng (${where}: ${i?.message ?? ''}).`);
  }
  const seen = new Set<string>();
  for (const u of parsed.data) {
    const key = u.code.toUpperCase();
    if (seen.has(key)) throw new RegisterError(`Tệp ${source} có mã đơn vị ${u.code} bị trùng.`);
    seen.add(key);
  }
  return parsed.data.map((u) => ({ ...u, code: u.code.toUpperCase() }));
}

/** The built-in register `resources/units-default.json`. */
export function loadDefaultUnits(): Unit[] {
  return parseRegister(readResourceJson('units-default.json'), 'units-default.json');
}

/** Load a register from a JSON file given by the user; every failure is a Vietnamese {@link RegisterError}. */
export function loadUnitsFile(path: string): Unit[] {
  let text: string;
  try {
    // As Notepad saves it: UTF-8 with or without a BOM, or UTF-16; CRLF.
    text = decodeUserText(readFileSync(path));
  } catch (e) {
    throw new RegisterError(`Không đọc được tệp danh sách đơn vị: ${fsErrorMessage(e, path, 'read')}`);
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `Tệp danh sách đơn vị ${path}`);
  } catch (e) {
    throw new RegisterError((e as Error).message);
  }
  return parseRegister(json, path);
}
