/**
 * The audit log's lines are checked by hand (`auditEntryOf`) rather than by zod, for speed: held
 * here to `auditEntrySchema` on the odd cases, and to the log's own rules (torn last line,
 * lines that are not entries).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flushAudit, parseAuditLog } from './audit.js';
import { auditEntryOf, auditEntrySchema } from './schema.js';

const root = mkdtempSync(join(tmpdir(), 'audit-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ok = { seq: 3, at: '2023-07-10T02:00:00.000Z', by: 'chuyên viên A', action: 'imported' as const };

const cases: unknown[] = [
  ok,
  { ...ok, sha256: 'ab', name: 'BC_S01.xlsx', unit: 'S01' },
  { name: 'first', ...ok, note: 'sau' },
  { action: 'chosen', by: 'B', at: '2023-07-10', seq: 1, unit: 'S02' },
  { ...ok, seq: 0 },
  { ...ok, seq: -1 },
  { ...ok, seq: 1.5 },
  { ...ok, seq: 2 ** 53 },
  { ...ok, seq: 2 ** 53 - 1 },
  { ...ok, seq: '3' },
  { ...ok, seq: null },
  { ...ok, at: '2023-07-1' },
  { ...ok, at: 20230710 },
  { ...ok, by: 7 },
  { ...ok, by: '' },
  { ...ok, action: 'deleted' },
  { ...ok, action: 'IMPORTED' },
  { ...ok, action: 'toString' },
  { seq: 3, at: ok.at, action: 'imported' },
  { ...ok, nested: { a: [1, 2] }, flag: false },
  [ok],
  null,
  'imported',
  3,
  {},
];

describe('the audit log', () => {
  it('checks a line exactly as its schema does, keys in the same order', () => {
    for (const c of cases) {
      const z = auditEntrySchema.safeParse(c);
      const hand = auditEntryOf(c);
      expect(hand !== undefined, JSON.stringify(c)).toBe(z.success);
      if (z.success) expect(JSON.stringify(hand)).toBe(JSON.stringify(z.data));
    }
  });

  it('keeps the complete entries, reports a torn last line, and completes the log from the pending entries', () => {
    const path = join(root, 'audit.log');
    const line = (seq: number, extra: object = {}) => JSON.stringify({ ...ok, seq, ...extra });
    // A line that is not JSON, one that is not an entry, a blank line, then a torn tail.
    const text = [line(1), 'not json', JSON.stringify({ seq: 2 }), '', line(2, { unit: 'S01' })].join('\n') + '\n';
    writeFileSync(path, text + line(3).slice(0, 20));
    expect(parseAuditLog(readFileSync(path, 'utf8'))).toEqual({
      entries: [
        { ...ok, seq: 1 },
        { ...ok, seq: 2, unit: 'S01' },
      ],
      tornAt: Buffer.byteLength(text),
    });
    const pending = [2, 3, 4].map((seq) => ({ ...ok, seq }));
    expect(flushAudit(path, pending)).toEqual({ repaired: true, appended: 2 });
    expect(readFileSync(path, 'utf8')).toBe(text + line(3) + '\n' + line(4) + '\n');
    expect(flushAudit(path, pending)).toEqual({ repaired: false, appended: 0 });
  });
});
