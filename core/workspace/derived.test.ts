import { describe, expect, it } from 'vitest';
import { decodeDerived, encodeDerived } from './derived.js';
import { fakeBytes, fakeParse } from './test-helpers.js';

describe('the derived cache format', () => {
  it('round-trips a parsed return, packing values that name the return itself', async () => {
    const p = await fakeParse(
      fakeBytes({ unit: 'S01', period: 'NQ08-SK2023', values: { KL01: 118, TT04: 37.36 } }),
      'S01.xlsx',
    );
    p.values.KL09 = {
      code: 'KL09',
      value: 7,
      decimals: 0,
      source: { file: 'khac.xlsx', sha256: 'ab', sheet: 'Số liệu', cell: 'E70', raw: '07' },
    };
    const text = encodeDerived(p);
    expect(JSON.parse(text).values.KL01).toEqual([118, 0, 'Số liệu', 'E10', '118']);
    expect(JSON.parse(text).values.KL09.source.file).toBe('khac.xlsx');
    expect(decodeDerived(text)).toEqual(p);
  });

  it('treats a damaged or foreign file as absent', () => {
    expect(decodeDerived('{"derivedFormat":1,"file":"a"')).toBeUndefined();
    expect(decodeDerived('{"file":"a","sha256":"b","values":{}}')).toBeUndefined();
    expect(
      decodeDerived(
        '{"derivedFormat":1,"file":"a","sha256":"b","size":1,"status":"parsed","identity":{"sources":{}},"values":{"KL01":[1,0,"S","E1"]},"findings":[]}',
      ),
    ).toBeUndefined();
  });
});
