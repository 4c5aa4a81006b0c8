/**
 * The document settings of the consolidated report: who issues it, its number, date,
 * recipients and signer. Stored by the workspace as opaque JSON and validated here.
 */
import * as z from 'zod';
import { formatCount } from '../numbers/index.js';
import type { Period } from '../period/index.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-mm-dd')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'ngày không hợp lệ');

/** Validates report settings coming from the workspace or the UI. */
export const reportSettingsSchema = z.object({
  /** `state`: Nghị định 30/2020 layout; `party`: Party document layout (Hướng dẫn 36-HD/VPTW). */
  kind: z.enum(['state', 'party']),
  /** The body above the issuer ("UBND TỈNH LAI CHÂU"); may be empty. */
  governingBody: z.string().trim(),
  /** The issuing body ("SỞ NỘI VỤ", "TỈNH ỦY LAI CHÂU"). */
  issuingBody: z.string().trim().min(1, 'chưa nhập tên cơ quan ban hành'),
  /** Number and symbol ("123/BC-SNV", "15-BC/TU"). */
  number: z.string().trim().min(1, 'chưa nhập số, ký hiệu văn bản'),
  place: z.string().trim().min(1, 'chưa nhập địa danh'),
  /** ISO yyyy-mm-dd. */
  date: isoDate,
  title: z.string().trim().min(1),
  /** Trích yếu: the summary line under the title. */
  summary: z.string().trim().min(1, 'chưa nhập trích yếu'),
  recipients: z.array(z.string().trim().min(1)),
  /** Authority lines of the signature block ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). */
  authority: z.array(z.string().trim().min(1)).min(1),
  signerName: z.string().trim().min(1, 'chưa nhập họ tên người ký'),
  /** Optional line under the signer's name (rank, degree). */
  signerTitle: z.string().trim().optional(),
});

export type ReportSettings = z.infer<typeof reportSettingsSchema>;

/** A settings object that cannot be used; the message is a Vietnamese sentence. */
export class ReportSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportSettingsError';
  }
}

/** Validate settings JSON; throws {@link ReportSettingsError} naming the first bad field. */
export function parseReportSettings(json: unknown): ReportSettings {
  const r = reportSettingsSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  throw new ReportSettingsError(`Thiết lập báo cáo không hợp lệ ở mục "${field}": ${issue?.message ?? ''}.`);
}

/** Defaults for a period: a report of Sở Nội vụ tỉnh Lai Châu dated on the period's deadline. */
export function defaultReportSettings(period: Period): ReportSettings {
  return {
    kind: 'state',
    governingBody: 'UBND TỈNH LAI CHÂU',
    issuingBody: 'SỞ NỘI VỤ',
    number: '/BC-SNV',
    place: 'Lai Châu',
    date: period.deadline,
    title: 'BÁO CÁO',
    summary: period.title,
    recipients: [
      'Bộ Nội vụ (b/c);',
      'Thường trực Tỉnh ủy (b/c);',
      'Thường trực HĐND tỉnh (b/c);',
      'Chủ tịch, các PCT UBND tỉnh;',
      'Các sở, ban, ngành tỉnh;',
      'UBND các huyện, thành phố;',
      'Lãnh đạo Sở;',
      'Lưu: VT, CCHC.',
    ],
    authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    signerName: 'Nguyễn Văn A',
  };
}

/** "Lai Châu, ngày 05 tháng 9 năm 2023": days below 10 and months 1–2 with a leading 0 (NĐ 30/2020). */
export function formatPlaceDate(place: string, iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = formatCount(d, { leadingZero: true });
  const month = formatCount(m, { leadingZero: m <= 2 });
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}
