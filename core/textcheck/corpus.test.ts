/**
 * The corpus of realistic report sentences (test/fixtures/textcheck-corpus.json): every slip
 * is found exactly where it is, and a right sentence yields no error and no warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/load.js';
import { checkText, factsFromForm, type TextFinding } from './index.js';

interface Expected {
  kind: string;
  severity: string;
  text: string;
  stated?: string;
  computed?: string;
  suggestion?: string;
  indicator?: string;
  /** Words the message must contain. */
  message?: string;
}
interface Sentence {
  id: string;
  text: string;
  trap?: string;
  data?: boolean;
  findings: Expected[];
}
interface Corpus {
  data: Parameters<typeof factsFromForm>[1] & { tiers?: never };
  sentences: Sentence[];
}

const corpus = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/fixtures/textcheck-corpus.json'), 'utf8'),
) as Corpus;
const facts = factsFromForm(loadDefaultForm(), corpus.data);

function shape(f: TextFinding, e: Expected | undefined): Record<string, unknown> {
  return {
    kind: f.kind,
    severity: f.severity,
    text: f.text,
    ...(e?.stated !== undefined ? { stated: f.stated } : {}),
    ...(e?.computed !== undefined ? { computed: f.computed } : {}),
    ...(e?.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(e?.indicator !== undefined ? { indicator: f.indicator } : {}),
  };
}

describe('text check corpus', () => {
  it('holds at least 80 sentences, right and wrong, with every trap of check 6', () => {
    const s = corpus.sentences;
    expect(s.length).toBeGreaterThanOrEqual(80);
    expect(s.filter((x) => x.findings.length === 0).length).toBeGreaterThanOrEqual(40);
    expect(s.filter((x) => x.findings.some((f) => f.severity === 'error')).length).toBeGreaterThanOrEqual(25);
    const traps = s.map((x) => x.trap ?? '').join(' ');
    for (const t of ['date', 'period', 'document number', 'rank', 'target count', 'month'])
      expect(traps, `trap "${t}"`).toContain(t);
    for (const kind of ['fraction-rate', 'impossible-rate', 'whole-parts', 'shares', 'change', 'notation', 'data'])
      expect(
        s.some((x) => x.findings.some((f) => f.kind === kind)),
        kind,
      ).toBe(true);
  });

  for (const s of corpus.sentences) {
    it(`${s.id}: ${s.text.slice(0, 70)}…`, () => {
      const r = checkText(s.text, s.data ? { data: facts } : {});
      const got = r.findings.filter((f) => s.data || f.severity !== 'info');
      const byText = <T extends { text: string; kind: string }>(list: T[]): T[] =>
        [...list].sort((a, b) => a.text.localeCompare(b.text) || a.kind.localeCompare(b.kind));
      const exp = byText(s.findings);
      const act = byText(got);
      expect(act.map((f, i) => shape(f, exp[i]))).toEqual(
        exp.map((e) => {
          const { message: _m, ...rest } = e;
          return rest;
        }),
      );
      exp.forEach((e, i) => {
        const f = act[i] as TextFinding;
        if (e.message) expect(f.message).toContain(e.message);
        // The span is quoted exactly and sits where the offsets say.
        expect(s.text.slice(f.start, f.end)).toBe(f.text);
        expect(f.message.length).toBeGreaterThan(20);
      });
    });
  }
});
