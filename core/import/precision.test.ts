import { describe, expect, it } from 'vitest';
import { significantDigits } from './precision.js';

describe('significantDigits: from the first non-zero digit to the last digit of the integer part or the last non-zero decimal', () => {
  it.each([
    ['1668', 4],
    ['1.668', 4],
    ['-1.668', 4],
    ['1.500', 4], // trailing zeros of the integer part count
    ['1,5', 2],
    ['1,500', 2], // trailing decimal zeros do not
    ['1,050', 3],
    ['0,0370', 2],
    ['0,05', 1],
    ['00,5', 1],
    ['007', 1],
    [',5', 1],
    ['5,', 1],
    ['1,2,3', 3], // several commas: the last is the decimal one, the others are dropped
    ['37,36 %', 4],
    ['0', 0],
    ['0,000', 0],
    ['', 0],
    ['999.999.999.999.999', 15],
    ['9.007.199.254.740.993', 16],
    ['1.234.567.890.123,456', 16],
    ['１２,５', 3], // full-width digits are digits (NFKC)
  ])('%j has %i', (text, n) => {
    expect(significantDigits(text)).toBe(n);
  });
});
