/** Writing filled sample returns: realistic data for tests, benchmarks and "thử với dữ liệu mẫu". */
import { mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Form } from '../form/index.js';
import { formatNumber } from '../numbers/index.js';
import { builtInPeriods, type Period } from '../period/index.js';
import {
  SHEET_DATA,
  SHEET_INFO,
  infoCell,
  layoutRows,
  renderReturn,
  templateFileName,
  unitsInPeriod,
  type ReturnFill,
  type SkippedUnit,
} from '../templates/index.js';
import type { Unit } from '../units/index.js';
import { Rng } from './random.js';
import { DEFAULT_SAMPLE_SEED, generateSampleValues } from './values.js';
import { writeFileDurable } from '../workspace/atomic.js';

/** A deliberate slip in a sample return. `cell` is sheet-qualified: "Số liệu!E61", "Thông tin!B6". */
export interface SampleFault {
  unit: string;
  kind: 'discipline-total' | 'rate-over-100' | 'ambiguous-text-number' | 'wrong-period';
  code?: string;
  cell?: string;
  /** What the cell holds, as written (a number as JS prints it, or the text typed). */
  raw?: string;
  /** A Vietnamese sentence describing the slip. */
  detail: string;
}

/** A figure a sample unit typed as Vietnamese text ("1.668"); it must import as `value`. */
export interface SampleTextValue {
  unit: string;
  code: string;
  /** Sheet-qualified cell: "Số liệu!E70". */
  cell: string;
  raw: string;
  value: number;
}

export interface WriteSampleRequest {
  form: Form;
  period: Period;
  units: Unit[];
  outDir: string;
  /** Add the four deliberate slips of {@link SampleFault}, in four different units. */
  faults?: boolean;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface WriteSampleResult {
  files: { unit: string; path: string; receivedAt: string }[];
  /** What each unit meant to report (unit → code → value); the faults are departures from it. */
  values: Record<string, Record<string, number>>;
  faults: SampleFault[];
  /** Figures typed as Vietnamese text, in fault-free units. */
  textValues: SampleTextValue[];
  /** Units whose tier does not exist in the period. */
  skipped: SkippedUnit[];
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đỗ',
  'Lò',
  'Tòng',
  'Lường',
  'Giàng',
  'Sùng',
  'Tẩn',
  'Vàng',
];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Thanh', 'Ngọc', 'Phương'];
const GIVEN_MALE = ['Hùng', 'Dũng', 'Tuấn', 'Thành', 'Cường', 'Sơn', 'Khánh', 'Long', 'Phong', 'Chiến', 'Páo', 'Sử'];
const GIVEN_FEMALE = ['Hương', 'Lan', 'Mai', 'Hà', 'Thảo', 'Nga', 'Huyền', 'Dung', 'Xuân', 'Mỷ', 'Chá', 'Lả'];

function personName(rng: Rng): string {
  const female = rng.next() < 0.5;
  return [
    rng.pick(FAMILY),
    rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE),
    rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE),
  ].join(' ');
}

function phone(rng: Rng): string {
  const digits = (n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  return `${rng.pick(['091', '094', '097', '098', '083', '0213'])}${digits(1)} ${digits(3)} ${digits(3)}`;
}

/** Choose a unit not yet used: the preferred one, else the first free one of the register. */
function choose(preferred: Unit | undefined, present: Unit[], used: Set<string>): Unit | undefined {
  const unit = preferred && !used.has(preferred.code) ? preferred : present.find((u) => !used.has(u.code));
  if (unit) used.add(unit.code);
  return unit;
}

/**
 * Write one filled return per unit whose tier exists in the period (file names as the
 * templates: `BC_CCHC_<unit>_<period>.xlsx`), with the figures of {@link generateSampleValues},
 * plausible preparer, phone and head names, and a few figures typed as Vietnamese text
 * (listed in `textValues`). With `faults`, four units each carry one slip (see {@link SampleFault}).
 */
export async function writeSampleReturns(req: WriteSampleRequest): Promise<WriteSampleResult> {
  const { form, period } = req;
  const seed = req.seed ?? DEFAULT_SAMPLE_SEED;
  const { included: present, skipped } = unitsInPeriod(req.units, period);
  const values = generateSampleValues(form, period, present, seed);
  const tier = (t: Unit['tier']): Unit[] => present.filter((u) => u.tier === t);
  const [so, huyen, xa] = [tier('so'), tier('huyen'), tier('xa')];
  const used = new Set<string>();
  const cellOf = (unit: Unit, code: string): string =>
    `${SHEET_DATA}!E${layoutRows(form, unit.tier).rowByCode.get(code) ?? '?'}`;

  const fills = new Map<string, ReturnFill>(present.map((u) => [u.code, { info: {}, values: { ...values[u.code] } }]));
  const faults: SampleFault[] = [];
  if (req.faults) {
    if (present.length < 4) {
      throw new Error(`Cần ít nhất 4 đơn vị trong kỳ ${period.code} để tạo các lỗi cố ý của bộ báo cáo mẫu.`);
    }
    const units = [xa[2], so[1], huyen[0], so[4]].map((p) => choose(p, present, used) as Unit);
    const [discipline, rate, ambiguous, wrongPeriod] = units as [Unit, Unit, Unit, Unit];

    const kl01 = values[discipline.code]?.KL01 as number;
    (fills.get(discipline.code)?.values as Record<string, number | string>).KL01 = kl01 + 1;
    faults.push({
      unit: discipline.code,
      kind: 'discipline-total',
      code: 'KL01',
      cell: cellOf(discipline, 'KL01'),
      raw: String(kl01 + 1),
      detail: `KL01 ghi ${formatNumber(kl01 + 1)} nhưng tổng các hình thức kỷ luật KL02 đến KL07 là ${formatNumber(kl01)} (lệch 1).`,
    });

    (fills.get(rate.code)?.values as Record<string, number | string>).TTHC05 = 112.5;
    faults.push({
      unit: rate.code,
      kind: 'rate-over-100',
      code: 'TTHC05',
      cell: cellOf(rate, 'TTHC05'),
      raw: '112.5',
      detail: `TTHC05 ghi ${formatNumber(112.5)}%: tỷ lệ phần trăm vượt quá 100.`,
    });

    (values[ambiguous.code] as Record<string, number>).TTHC17 = 1668;
    (fills.get(ambiguous.code)?.values as Record<string, number | string>).TTHC17 = '1,668';
    faults.push({
      unit: ambiguous.code,
      kind: 'ambiguous-text-number',
      code: 'TTHC17',
      cell: cellOf(ambiguous, 'TTHC17'),
      raw: '1,668',
      detail: 'TTHC17 gõ dạng chữ "1,668": không xác định được là 1.668 hay 1,668, ô chỉ nhận số nguyên.',
    });

    const other = builtInPeriods().find((p) => p.code !== period.code)?.code ?? `${period.code}-CU`;
    (fills.get(wrongPeriod.code)?.info as Record<string, string>).period = other;
    faults.push({
      unit: wrongPeriod.code,
      kind: 'wrong-period',
      cell: `${SHEET_INFO}!${infoCell('period')}`,
      raw: other,
      detail: `Kỳ báo cáo ghi ${other} thay vì ${period.code}.`,
    });
  }

  const textValues: SampleTextValue[] = [];
  for (const [unit, codes] of [
    [choose(so[2], present, used), ['CQS01', 'TTHC06', 'TTHC05']],
    [choose(xa[1], present, used), ['CQS01', 'TTHC06']],
  ] as const) {
    if (!unit) continue;
    for (const code of codes) {
      const value = values[unit.code]?.[code];
      if (value === undefined) continue;
      const raw = formatNumber(value);
      (fills.get(unit.code)?.values as Record<string, number | string>)[code] = raw;
      textValues.push({ unit: unit.code, code, cell: cellOf(unit, code), raw, value });
    }
  }

  const people = new Rng(seed ^ 0x5eed);
  const sent = new Rng(seed ^ 0xda7e);
  const lateUnit = present[present.length - 1]?.code;
  await mkdir(req.outDir, { recursive: true });
  const files: { unit: string; path: string; receivedAt: string }[] = [];
  const writes: Promise<void>[] = [];
  for (const unit of present) {
    const fill = fills.get(unit.code) as ReturnFill;
    fill.info = { preparer: personName(people), phone: phone(people), head: personName(people), ...fill.info };
    const path = join(req.outDir, templateFileName(unit, period));
    // When the unit "emailed" it (returned in `files[].receivedAt`, and set as the file's
    // modification time): office hours in the ten days before the deadline; the last unit is late.
    const days = unit.code === lateUnit ? -3 : sent.int(0, 9);
    const at = new Date(
      Date.parse(
        `${period.deadline}T${String(sent.int(8, 16)).padStart(2, '0')}:${String(sent.int(0, 59)).padStart(2, '0')}:00+07:00`,
      ) -
        days * 86_400_000,
    );
    writes.push(writeFileDurable(path, await renderReturn(form, period, unit, fill)).then(() => utimes(path, at, at)));
    files.push({ unit: unit.code, path, receivedAt: at.toISOString() });
    req.onProgress?.(files.length, present.length);
  }
  await Promise.all(writes);
  return { files, values, faults, textValues, skipped };
}
