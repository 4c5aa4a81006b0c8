/**
 * Test support (not shipped behaviour): a fake parse function that reads a return described
 * as JSON inside the bytes, and the deterministic operation sequence of the crash test.
 */
import { loadDefaultForm } from '../form/index.js';
import type { Finding, ParsedReturn, CellValue } from '../model/index.js';
import { cellRef, findingId } from '../model/index.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { ingestFiles, type ParseFn } from './ingest.js';
import { choose, explainFinding, reopenFinding, setProvinceInput, setReceivedAt, setReportSettings } from './ops.js';
import { sha256Hex, type Workspace } from './store.js';

/** A return described in JSON: what the fake parser will "read" from the bytes. */
export interface FakeReturn {
  unit?: string;
  period?: string;
  /** Indicator code → value; row numbers follow the order given, from row 10. */
  values?: Record<string, number>;
  /** Import findings on a code's cell. */
  findings?: { check: string; severity: 'error' | 'warning'; code: string; message: string }[];
  /** Not readable as a return at all. */
  reject?: string;
  /** Makes otherwise equal returns differ in bytes. */
  salt?: string;
}

export const SHEET = 'Số liệu';

/** Bytes of a fake return. */
export function fakeBytes(r: FakeReturn): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(r));
}

/** The {@link ParseFn} for fake returns: provenance names file, sheet "Số liệu", cell E<row>. */
export const fakeParse: ParseFn = async (bytes, fileName) => {
  const sha256 = sha256Hex(bytes);
  const r = JSON.parse(new TextDecoder().decode(bytes)) as FakeReturn;
  const base = { file: fileName, sha256, size: bytes.length };
  if (r.reject) {
    return {
      ...base,
      status: 'rejected',
      rejection: { code: 'NOT_XLSX', message: r.reject },
      identity: { sources: {} },
      values: {},
      findings: [],
    };
  }
  const rowOf = new Map(Object.keys(r.values ?? {}).map((c, i) => [c, 10 + i]));
  const src = (code: string, raw: string) => ({
    file: fileName,
    sha256,
    sheet: SHEET,
    cell: `E${rowOf.get(code) ?? 99}`,
    raw,
  });
  const values: Record<string, CellValue> = {};
  for (const [code, value] of Object.entries(r.values ?? {})) {
    values[code] = { code, value, decimals: 0, source: src(code, String(value)) };
  }
  const findings: Finding[] = (r.findings ?? []).map((f) => {
    const cells = [cellRef(src(f.code, ''))];
    return {
      id: findingId(f.check, r.unit ?? '', cells),
      check: f.check,
      severity: f.severity,
      scope: 'unit',
      ...(r.unit ? { unit: r.unit } : {}),
      file: fileName,
      values: [{ code: f.code, value: r.values?.[f.code] ?? null }],
      cells,
      message: f.message,
      status: 'open',
    };
  });
  const sources: ParsedReturn['identity']['sources'] = {};
  if (r.unit) sources.unitCode = { file: fileName, sha256, sheet: 'Thông tin', cell: 'B2', raw: r.unit };
  if (r.period) sources.period = { file: fileName, sha256, sheet: 'Thông tin', cell: 'B4', raw: r.period };
  return {
    ...base,
    status: 'parsed',
    identity: { ...(r.unit ? { unitCode: r.unit } : {}), ...(r.period ? { period: r.period } : {}), sources },
    values,
    findings,
  };
};

export const TEST_PERIOD: Period = {
  code: 'NQ08-SK2023',
  title: 'Sơ kết',
  shortTitle: 'Sơ kết',
  resolution: 'Nghị quyết số 08-NQ/TU',
  cutoff: '2023-06-30',
  deadline: '2023-07-15',
  tiers: ['so', 'huyen', 'xa'],
};

export const TEST_UNITS: Unit[] = [
  { code: 'S01', name: 'Sở Nội vụ', tier: 'so' },
  { code: 'S02', name: 'Sở Tư pháp', tier: 'so' },
  { code: 'H01', name: 'UBND huyện Tam Đường', tier: 'huyen' },
  { code: 'X01', name: 'UBND xã Bình Lư', tier: 'xa', parent: 'H01' },
];

/** Remove every `at` key (wall-clock times differ between runs), recursively. */
export function stripTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripTimes);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => k !== 'at')
        .map(([k, x]) => [k, stripTimes(x)]),
    );
  }
  return v;
}

/** The form the crash sequence's province inputs are checked against. */
const CRASH_FORM = loadDefaultForm();

const minute = (i: number): string => new Date(Date.UTC(2023, 6, 1) + i * 60_000).toISOString();

/** The bytes the crash sequence ingests at operation `i` under `name`. */
function crashFile(i: number, r: FakeReturn): { name: string; bytes: Uint8Array; receivedAt: string } {
  return {
    name: `${r.unit ?? 'X'}-${i}.xlsx`,
    bytes: fakeBytes({ period: TEST_PERIOD.code, ...r }),
    receivedAt: minute(i),
  };
}

/**
 * Operation number `i` (1, 2, …) of the crash test. Every one commits exactly one manifest
 * version, so after it the manifest's `seq` is `i`. Deterministic: the same `i` always does
 * the same thing with the same bytes.
 */
export async function crashOp(ws: Workspace, i: number): Promise<void> {
  const k = Math.floor((i - 1) / 11);
  const by = 'kiểm-thử';
  switch ((i - 1) % 11) {
    case 0:
      await ingestFiles(ws, [crashFile(i, { unit: 'S01', values: { KL01: 100 + k, KL02: k } })], fakeParse, { by });
      return;
    case 10:
      await setReceivedAt(
        ws,
        sha256Hex(crashFile(i - 10, { unit: 'S01', values: { KL01: 100 + k, KL02: k } }).bytes),
        minute(i - 20),
        { by, note: `Thư điện tử số ${k}` },
      );
      return;
    case 1:
      await ingestFiles(
        ws,
        [
          crashFile(i, { unit: `D${k}`, values: { KL01: 1 } }),
          crashFile(i, { unit: `D${k}`, values: { KL01: 2 }, salt: 'b' }),
        ].map((f, n) => ({ ...f, name: `D${k}-${n}.xlsx` })),
        fakeParse,
        { by },
      );
      return;
    case 2:
      await choose(ws, `D${k}`, sha256Hex(crashFile(i - 1, { unit: `D${k}`, values: { KL01: 1 } }).bytes), by);
      return;
    case 3:
      await explainFinding(ws, `F${k}`, `Giải trình số ${k}`, by);
      return;
    case 4:
      await setProvinceInput(ws, CRASH_FORM, { key: 'MT3', value: k, note: `Quyết định số ${k}/QĐ-BNV`, by });
      return;
    case 5: {
      const same = crashFile(i - 5, { unit: 'S01', values: { KL01: 100 + k, KL02: k } });
      await ingestFiles(
        ws,
        [
          { ...same, name: `S01-ban-sao-${k}.xlsx` },
          crashFile(i, { unit: 'S02', period: 'NQ08-TK2025', salt: String(k) }),
        ],
        fakeParse,
        { by },
      );
      return;
    }
    case 6:
      await setReportSettings(ws, { number: `${k}/BC-SNV`, place: 'Lai Châu' }, by);
      return;
    case 7:
      await reopenFinding(ws, `F${k}`, by);
      return;
    case 8:
      await ingestFiles(
        ws,
        [
          crashFile(i, { unit: 'S02', values: { KL01: k } }),
          crashFile(i, {
            unit: 'H01',
            values: { KL01: -k - 1 },
            findings: [{ check: 'IMPORT_NEGATIVE', severity: 'error', code: 'KL01', message: 'Số âm' }],
          }),
          crashFile(i, { unit: 'X01', values: { KL01: k * 2 } }),
        ],
        fakeParse,
        { by },
      );
      return;
    default:
      await explainFinding(
        ws,
        `IMPORT_NEGATIVE|H01|H01-${i - 1}.xlsx!${SHEET}!E10`,
        `Đơn vị đã giải thích lần ${k}`,
        by,
      );
  }
}
