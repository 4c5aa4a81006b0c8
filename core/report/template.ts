/**
 * The report template: an ordered list of editable blocks (headings, paragraphs with
 * placeholders and footnotes, the generated targets list). JSON-serialisable; validated
 * with zod and against the form before use.
 */
import * as z from 'zod';
import type { Form } from '../form/types.js';
import { checkRatesBesideFigures, parseText, ReportTemplateError, type Segment } from './placeholders.js';

const headingBlock = z.object({
  type: z.literal('heading'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  text: z.string().min(1),
});
const paragraphBlock = z.object({
  type: z.literal('paragraph'),
  text: z.string().min(1),
  /** Italic paragraph (e.g. a quoted evaluation). */
  italics: z.boolean().optional(),
});
const targetsBlock = z.object({
  type: z.literal('targets-list'),
  /** Ids of the targets to list, in order; all of the form's targets when absent. */
  targets: z.array(z.string()).optional(),
});

/** Validates a template coming from the workspace or the UI. */
export const reportTemplateSchema = z.object({
  version: z.literal(1),
  blocks: z.array(z.discriminatedUnion('type', [headingBlock, paragraphBlock, targetsBlock])).min(1),
});

export type ReportTemplate = z.infer<typeof reportTemplateSchema>;
export type ReportBlock = ReportTemplate['blocks'][number];

/** A block whose text has been scanned and checked. */
export type CheckedBlock =
  | { type: 'heading'; level: 1 | 2 | 3; segments: Segment[]; where: string }
  | { type: 'paragraph'; italics: boolean; segments: Segment[]; where: string }
  | { type: 'targets-list'; targets: string[]; where: string };

/** Where a block is, for messages: "mục 3 (đề mục)", "mục 12 (đoạn văn)". */
function blockWhere(i: number, b: ReportBlock): string {
  const kind = b.type === 'heading' ? 'đề mục' : b.type === 'paragraph' ? 'đoạn văn' : 'danh sách mục tiêu';
  return `mục ${i + 1} (${kind})`;
}

/**
 * Validate a template (JSON from storage or the UI) against the form: shape, then every
 * placeholder. Throws {@link ReportTemplateError} naming the first bad placeholder.
 */
export function checkReportTemplate(json: unknown, form: Form): CheckedBlock[] {
  const r = reportTemplateSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue ? issue.path.join('.') : '';
    throw new ReportTemplateError(`Mẫu báo cáo không đúng cấu trúc ở "${path}": ${issue?.message ?? ''}.`, path);
  }
  return r.data.blocks.map((b, i): CheckedBlock => {
    const where = blockWhere(i, b);
    switch (b.type) {
      case 'heading':
        return { type: 'heading', level: b.level, segments: parseText(b.text, form, where), where };
      case 'paragraph': {
        const segments = parseText(b.text, form, where);
        checkRatesBesideFigures(segments, form, where);
        return { type: 'paragraph', italics: b.italics ?? false, segments, where };
      }
      case 'targets-list': {
        const ids = b.targets ?? form.targets.map((t) => t.id);
        for (const id of ids) {
          if (!form.targets.some((t) => t.id === id)) {
            throw new ReportTemplateError(
              `Mẫu báo cáo, ${where}: không có mục tiêu ${id} trong biểu mẫu ${form.formId}.`,
              id,
            );
          }
        }
        return { type: 'targets-list', targets: ids, where };
      }
    }
  });
}

/** Parse template JSON (e.g. read from the workspace) into a {@link ReportTemplate}, checked against the form. */
export function parseReportTemplate(json: unknown, form: Form): ReportTemplate {
  checkReportTemplate(json, form);
  return reportTemplateSchema.parse(json);
}
