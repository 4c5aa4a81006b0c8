import { describe, expect, it } from 'vitest';
import { buildReturn, INFO_PART, mutatePart, replaceCell } from '../../test/fixtures/return-workbook.js';
import { indicatorsForTier, loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { foldLabel, IMPORT_CHECKS, parseReturn, REJECTIONS } from './index.js';

const form = loadDefaultForm();
const units = loadDefaultUnits();
const period = findPeriod('NQ08-SK2023')!;
const x03 = units.find((u) => u.code === 'X03')!;
const h02 = units.find((u) => u.code === 'H02')!;

describe('parseReturn', () => {
  it('hashes the file itself, or takes the hash its caller already has (the import pool)', async () => {
    const built = await buildReturn({ form, unit: h02, period, values: {} });
    const own = parseReturn(built.bytes, { fileName: 'H02.xlsx', form, units, period });
    const { createHash } = await import('node:crypto');
    expect(own.sha256).toBe(createHash('sha256').update(built.bytes).digest('hex'));
    const given = 'ab'.repeat(32);
    const r = parseReturn(built.bytes, { fileName: 'H02.xlsx', form, units, period, sha256: given });
    expect(r.sha256).toBe(given);
    expect(r.values.TT02?.source.sha256).toBe(given);
  });

  it('keeps every figure of a clean return with its provenance, and nothing else', async () => {
    const built = await buildReturn({ form, unit: h02, period, values: { TT01: null } });
    const r = parseReturn(built.bytes, { fileName: 'H02.xlsx', form, units, period });
    expect(r.status).toBe('parsed');
    expect(r.findings).toEqual([]);
    expect(r.identity).toMatchObject({
      unitCode: 'H02',
      period: 'NQ08-SK2023',
      cutoff: '2023-06-30',
      formVersion: 'CCHC-NQ08 2023.1',
      preparer: 'Nguyễn Văn An',
      phone: '0213 3876 543',
      head: 'Trần Thị Bình',
    });
    expect(r.identity.sources.cutoff).toMatchObject({ sheet: 'Thông tin', cell: 'B5', raw: '45107' });
    const codes = indicatorsForTier(form, 'huyen').map((i) => i.code);
    expect(Object.keys(r.values).sort()).toEqual(codes.filter((c) => c !== 'TT01').sort());
    expect(r.values.TT01).toBeUndefined(); // blank is no figure, not zero
    expect(r.blanks).toEqual({ TT01: { sheet: 'Số liệu', cell: built.cells.TT01 } }); // …but its cell is known
    for (const code of Object.keys(r.values)) {
      const v = r.values[code]!;
      expect(v.value).toBe(built.values[code]);
      expect(v.source).toEqual({
        file: 'H02.xlsx',
        sha256: r.sha256,
        sheet: 'Số liệu',
        cell: built.cells[code],
        raw: String(built.values[code]),
      });
    }
  });

  it('records the decimals a stated percentage shows, whether typed, text or percent-formatted', async () => {
    const typed = await buildReturn({ form, unit: x03, period, values: { TTHC05: 96 } });
    const text = await buildReturn({ form, unit: x03, period, values: { TTHC05: '2,28%' } });
    const fmt = await buildReturn({
      form,
      unit: x03,
      period,
      values: { TTHC05: 0.3736 },
      percentFormatted: ['TTHC05'],
    });
    const ctx = { fileName: 'X03.xlsx', form, units, period };
    expect(parseReturn(typed.bytes, ctx).values.TTHC05).toMatchObject({ value: 96, decimals: 0 });
    expect(parseReturn(text.bytes, ctx).values.TTHC05).toMatchObject({
      value: 2.28,
      decimals: 2,
      source: { raw: '2,28%' },
    });
    expect(parseReturn(fmt.bytes, ctx).values.TTHC05).toMatchObject({
      value: 37.36,
      decimals: 2,
      source: { raw: '0.3736' },
    });
  });

  it('gives findings stable ids, the unit, its tier and the cell', async () => {
    const built = await buildReturn({ form, unit: x03, period, values: { KL01: '1,668', TT01: -1 } });
    const r = parseReturn(built.bytes, { fileName: 'X03.xlsx', form, units, period });
    expect(r.findings.map((f) => [f.id, f.check, f.severity, f.scope, f.unit, f.tier, f.status])).toEqual([
      ['IMPORT_NEGATIVE|X03|X03.xlsx!Số liệu!E4', 'IMPORT_NEGATIVE', 'error', 'unit', 'X03', 'xa', 'open'],
      [
        'IMPORT_AMBIGUOUS_NUMBER|X03|X03.xlsx!Số liệu!E61',
        'IMPORT_AMBIGUOUS_NUMBER',
        'error',
        'unit',
        'X03',
        'xa',
        'open',
      ],
    ]);
    expect(r.findings[1]!.values).toEqual([
      {
        code: 'KL01',
        value: null,
        source: { file: 'X03.xlsx', sha256: r.sha256, sheet: 'Số liệu', cell: 'E61', raw: '1,668' },
      },
    ]);
    expect(r.values.KL01).toBeUndefined();
    expect(r.values.TT01).toBeUndefined();
    expect(r.values.KL02).toBeDefined();
  });

  it('reads an identity from the first non-empty cell right of its label, and from its first label', async () => {
    const built = await buildReturn({ form, unit: h02, period, values: {} });
    const text = (ref: string, t: string): string => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const bytes = mutatePart(built.bytes, INFO_PART, (xml) =>
      // Row 2: "Mã đơn vị" | blank | H02 | a note. Row 3 also holds "Mã đơn vị", further right.
      replaceCell(
        replaceCell(xml, 'B2', text('B2', '  ') + text('C2', 'H02') + text('D2', 'ghi chú của đơn vị')),
        'B3',
        `${text('B3', h02.name)}${text('E3', 'Mã đơn vị:')}${text('F3', 'X01')}`,
      ),
    );
    const r = parseReturn(bytes, { fileName: 'H02.xlsx', form, units, period });
    expect(r.identity.unitCode).toBe('H02');
    expect(r.identity.unitName).toBe(h02.name);
    expect(r.identity.sources.unitCode).toMatchObject({ sheet: 'Thông tin', cell: 'C2', raw: 'H02' });
  });

  it('rejects an empty file with the right message', () => {
    const r = parseReturn(new Uint8Array(), { fileName: 'trong.xlsx', form, units, period });
    expect(r).toMatchObject({
      status: 'rejected',
      size: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      rejection: { code: 'IMPORT_EMPTY_FILE', message: REJECTIONS.IMPORT_EMPTY_FILE('trong.xlsx') },
    });
  });
});

describe('labels and checks', () => {
  it('folds case, diacritics (NFC and NFD), đ and spaces alike', () => {
    expect(foldLabel('  MÃ ĐƠN VỊ: ')).toBe('ma don vi');
    expect(foldLabel('Mã đơn vị'.normalize('NFD'))).toBe('ma don vi');
    expect(foldLabel('Số\u00a0liệu  tính đến ngày')).toBe('so lieu tinh den ngay');
  });

  it('lists every check with a severity', () => {
    expect(Object.keys(IMPORT_CHECKS).every((c) => /^IMPORT_[A-Z_]+$/.test(c))).toBe(true);
    expect(IMPORT_CHECKS.IMPORT_FORM_VERSION.severity).toBe('warning');
    expect(IMPORT_CHECKS.IMPORT_FORM_ID.severity).toBe('error');
    expect(Object.keys(REJECTIONS).every((c) => /^IMPORT_[A-Z0-9_]+$/.test(c))).toBe(true);
  });
});
