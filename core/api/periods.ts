/**
 * The reporting periods the app knows: the built-in ones (resources/periods.json) and those
 * the clerk creates, kept in `periods.json` of the data folder. A created period's tiers
 * follow its cut-off date like the built-in ones'.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { CreatePeriodRequest } from '../../shared-api/app-api.js';
import { builtInPeriods, parsePeriod, type Period } from '../period/index.js';
import { writeFileAtomic } from '../workspace/atomic.js';
import { ApiError } from './errors.js';

const FILE = 'periods.json';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

/** A period as the clerk writes it. */
export const createPeriodSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/),
  title: z.string().trim().min(1).max(300),
  shortTitle: z.string().trim().max(100).optional(),
  resolution: z.string().trim().min(1).max(200),
  cutoff: isoDate,
  deadline: isoDate,
});

export const PERIOD_LABELS: Readonly<Record<string, string>> = {
  code: 'Mã kỳ báo cáo (chỉ gồm chữ không dấu, số, "-" và "_")',
  title: 'Tên kỳ báo cáo',
  shortTitle: 'Tên ngắn',
  resolution: 'Nghị quyết, văn bản được đánh giá',
  cutoff: 'Ngày chốt số liệu',
  deadline: 'Hạn nộp báo cáo',
};

/** The periods known to the app, kept in a data folder. */
export class PeriodStore {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE);
  }

  /** The periods the clerk created (an unreadable file is treated as none; it is never overwritten silently). */
  userPeriods(): Period[] {
    if (!existsSync(this.path)) return [];
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      throw new ApiError(`Tệp danh sách kỳ báo cáo ${this.path} bị hỏng; hãy khôi phục tệp này hoặc xoá nó.`);
    }
    const list = z.array(z.unknown()).safeParse(json);
    if (!list.success) throw new ApiError(`Tệp danh sách kỳ báo cáo ${this.path} không đúng định dạng.`);
    const out: Period[] = [];
    for (const p of list.data) {
      try {
        out.push(parsePeriod(p));
      } catch {
        // One bad entry does not hide the others.
      }
    }
    return out;
  }

  /** Built-in and created periods, oldest cut-off first. */
  all(): Array<Period & { builtIn: boolean }> {
    const built = builtInPeriods().map((p) => ({ ...p, builtIn: true }));
    const user = this.userPeriods().map((p) => ({ ...p, builtIn: false }));
    return [...built, ...user].sort((a, b) => a.cutoff.localeCompare(b.cutoff) || a.code.localeCompare(b.code));
  }

  find(code: string): (Period & { builtIn: boolean }) | undefined {
    const key = code.trim().toUpperCase();
    return this.all().find((p) => p.code.toUpperCase() === key);
  }

  /** The period, or an {@link ApiError} naming the known ones. */
  require(code: string): Period & { builtIn: boolean } {
    const p = this.find(code);
    if (!p) {
      const known = this.all()
        .map((x) => x.code)
        .join(', ');
      throw new ApiError(`Không có kỳ báo cáo ${code}. Các kỳ hiện có: ${known}.`);
    }
    return p;
  }

  /** Add a period; its code must be new. Returns it with its tiers. */
  create(req: CreatePeriodRequest): Period {
    const code = req.code.trim();
    if (this.find(code)) throw new ApiError(`Đã có kỳ báo cáo mã ${code}; hãy chọn mã khác.`);
    if (req.deadline < req.cutoff) {
      throw new ApiError('Hạn nộp báo cáo phải từ ngày chốt số liệu trở đi.');
    }
    const period = parsePeriod({
      code,
      title: req.title.trim(),
      shortTitle: req.shortTitle?.trim() || req.title.trim(),
      resolution: req.resolution.trim(),
      cutoff: req.cutoff,
      deadline: req.deadline,
    });
    const stored = this.userPeriods().map(({ tiers: _tiers, ...rest }) => rest);
    const { tiers: _t, ...plain } = period;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomic(this.path, JSON.stringify([...stored, plain], null, 2) + '\n');
    return period;
  }
}
