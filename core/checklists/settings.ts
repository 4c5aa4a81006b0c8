import * as z from 'zod';
import { readResourceJson } from '../resources.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-mm-dd')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'ngày không có thật');

/** One member of the inspection team ("Trưởng đoàn", "Thành viên"). */
export const TeamMember = z.object({
  name: z.string().trim().min(1),
  role: z.string().trim().min(1),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** Who inspects, where and when: printed in the checklist header and signature block. */
export const ChecklistSettings = z.object({
  /** The inspecting body, printed bold in capitals ("SỞ NỘI VỤ TỈNH LAI CHÂU"). */
  inspectingBody: z.string().trim().min(1),
  /** The body above it ("UBND TỈNH LAI CHÂU"), printed above the inspecting body. */
  governingBody: z.string().trim().optional(),
  /** The team, head first. Empty: blank lines to fill in by hand. */
  team: z.array(TeamMember),
  /** Inspection date, ISO `yyyy-mm-dd`; absent: a blank "ngày … tháng … năm …" line. */
  date: isoDate.optional(),
  /** Place of the date line ("Lai Châu"). */
  place: z.string().trim().optional(),
});
export type ChecklistSettings = z.infer<typeof ChecklistSettings>;

/** A general item to verify on site (Part I of the checklist). */
export const ChecklistItem = z.object({
  id: z.string().trim().min(1),
  /** What the inspector verifies, as a statement that is either true or not. */
  text: z.string().trim().min(1),
  /** The documents to look at ("Quyết định ban hành kế hoạch CCHC năm"). */
  evidence: z.string().trim().optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** Settings or an item list that cannot be used; the message is a Vietnamese sentence. */
export class ChecklistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecklistError';
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const where = issue.path.join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Validate checklist settings from untrusted JSON (settings file, command line). */
export function parseChecklistSettings(json: unknown): ChecklistSettings {
  const parsed = ChecklistSettings.safeParse(json);
  if (!parsed.success) throw new ChecklistError(`Thiết lập phiếu kiểm tra không hợp lệ (${describe(parsed.error)}).`);
  return parsed.data;
}

/** Validate a list of general checklist items; ids must be unique. */
export function parseChecklistItems(json: unknown, source = 'checklist-items.json'): ChecklistItem[] {
  const parsed = z.array(ChecklistItem).min(1).safeParse(json);
  if (!parsed.success) {
    throw new ChecklistError(`Tệp ${source} không đúng định dạng (${describe(parsed.error)}).`);
  }
  const seen = new Set<string>();
  for (const item of parsed.data) {
    if (seen.has(item.id)) throw new ChecklistError(`Tệp ${source} có mục kiểm tra ${item.id} bị trùng.`);
    seen.add(item.id);
  }
  return parsed.data;
}

/** The general items of Part I, from `resources/checklist-items.json`. */
export function loadChecklistItems(): ChecklistItem[] {
  return parseChecklistItems(readResourceJson('checklist-items.json'));
}
