import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installPdfmakeSpeedups } from './pdfmake-speedups.js';

type Stack = {
  getProperty(p: string): unknown;
  push(x: unknown): void;
  styleOverrides: unknown[];
};
type StackClass = {
  new (dict: object, def?: object): Stack;
  prototype: Stack;
  getStyleProperty(item: object, stack: Stack | undefined, p: string, def: unknown): unknown;
};

const require = createRequire(import.meta.url);
const Stack = (require('pdfmake/js/StyleContextStack.js') as { default: StackClass }).default;
// pdfmake's own lookups, kept before the faster ones replace them.
const originalGet = Stack.prototype.getProperty;
const originalStatic = Stack.getStyleProperty;

const dictionary = {
  header: { fontSize: 14, bold: true },
  small: { fontSize: 9 },
  note: { extends: 'small', italics: true },
  quote: { extends: ['header', 'note'], color: 'gray' },
  loopA: { extends: 'loopB' },
  loopB: { extends: 'loopA', margin: 0 },
  nothing: { fontSize: null },
};
const defaults = { fontSize: 12, lineHeight: 1.1 };
const stacks: unknown[][] = [
  [],
  ['header'],
  ['note'],
  ['quote'],
  ['loopA'],
  ['missing', { fontSize: 0 }],
  ['header', { bold: false }, 'note'],
  [new String('small'), 'nothing'],
  [{ fontSize: undefined, color: null }, 'quote', { italics: false }],
];
const properties = ['fontSize', 'bold', 'italics', 'color', 'margin', 'lineHeight', 'font'];

describe("pdfmake's style lookups without allocations", () => {
  it('give exactly what pdfmake gives, for named styles, overrides, extends chains and cycles', () => {
    const expected = stacks.map((overrides) =>
      properties.map((p) => {
        const s = new Stack(dictionary, defaults);
        for (const o of overrides) s.push(o);
        return [
          originalGet.call(s, p),
          originalStatic({ style: 'header' }, s, p, 'default'),
          originalStatic({ [p]: 'own' }, s, p, 'default'),
          originalStatic({ style: ['note', 'quote'] }, s, p, 'default'),
          originalStatic({}, undefined, p, 'default'),
        ];
      }),
    );
    installPdfmakeSpeedups();
    expect(Stack.prototype.getProperty).not.toBe(originalGet);
    const actual = stacks.map((overrides) =>
      properties.map((p) => {
        const s = new Stack(dictionary, defaults);
        for (const o of overrides) s.push(o);
        const depth = s.styleOverrides.length;
        const r = [
          s.getProperty(p),
          Stack.getStyleProperty({ style: 'header' }, s, p, 'default'),
          Stack.getStyleProperty({ [p]: 'own' }, s, p, 'default'),
          Stack.getStyleProperty({ style: ['note', 'quote'] }, s, p, 'default'),
          Stack.getStyleProperty({}, undefined, p, 'default'),
        ];
        expect(s.styleOverrides.length).toBe(depth);
        return r;
      }),
    );
    expect(actual).toEqual(expected);
    expect(actual.flat(2)).toContain(14);
    expect(actual.flat(2)).toContain(9);
  });
});
