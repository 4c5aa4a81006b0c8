/**
 * Check 5: notation. A decimal point where Vietnamese writes a decimal comma ("99.5%"),
 * English grouping ("1,234,567"), and numbers of four digits or more written without the
 * thousands dot in a document that groups others ("1586" beside "1.586"). Warnings only.
 */
import { formatNumber } from '../numbers/index.js';
import type { ParagraphContext } from './context.js';

const COUNT_NOUN_AFTER =
  /^\s*(hồ sơ|người|văn bản|thủ tục|lượt|cuộc|đơn vị|hội nghị|tin|bài|biên chế|giao dịch|dịch vụ|phản ánh|kiến nghị|cán bộ|công chức|viên chức|tổ chức|chứng thư|hòm thư|lớp|hộ|trường hợp|đồng|triệu đồng|tỷ đồng)(?![\p{L}])/u;

/**
 * Check 5 over the whole document (grouping is judged against the document's own habit), but for
 * the paragraphs in `skip` (1-based: the cells of tables read in English notation).
 */
export function checkNotation(paragraphs: ParagraphContext[], skip: ReadonlySet<number> = new Set()): void {
  let grouped = 0;
  for (const ctx of paragraphs)
    for (const t of ctx.tokens) {
      const styles = [t.num, t.a, t.b].filter(Boolean).map((n) => n!.style);
      if (styles.includes('grouped')) grouped++;
    }
  for (const ctx of paragraphs) {
    // A table read in English notation has one warning of its own (check-tables.ts).
    if (skip.has(ctx.index)) continue;
    for (const t of ctx.tokens) {
      for (const n of [t.num, t.a, t.b]) {
        if (!n) continue;
        const at = t.start + (n === t.b ? t.raw.indexOf('/') + 1 : 0);
        const end = at + n.raw.length;
        const fixed = formatNumber(n.value, { decimals: n.decimals });
        if (n.style === 'decimal-point') {
          ctx.emit({
            kind: 'notation',
            severity: 'warning',
            start: at,
            end: t.kind === 'pct' ? t.end : end,
            stated: n.raw,
            computed: null,
            suggestion: fixed,
            message: `Số ${n.raw} dùng dấu chấm thập phân; văn bản tiếng Việt dùng dấu phẩy: ${fixed}.`,
          });
        } else if (n.style === 'english') {
          ctx.emit({
            kind: 'notation',
            severity: 'warning',
            start: at,
            end,
            stated: n.raw,
            computed: null,
            suggestion: fixed,
            message: `Số ${n.raw} viết theo kiểu tiếng Anh (dấu phẩy ngăn cách hàng nghìn); viết theo kiểu Việt Nam là ${fixed}.`,
          });
        } else if (
          n.style === 'decimal-comma' &&
          n.decimals === 3 &&
          t.kind === 'num' &&
          COUNT_NOUN_AFTER.test(ctx.lower.slice(t.end, t.end + 20))
        ) {
          // "1,586 hồ sơ": a count cannot have a fraction — an English thousands comma.
          const asThousands = formatNumber(Math.round(n.value * 1000), { decimals: 0 });
          ctx.emit({
            kind: 'notation',
            severity: 'warning',
            start: at,
            end,
            stated: n.raw,
            computed: null,
            suggestion: asThousands,
            message: `Số ${n.raw} đọc theo cách viết Việt Nam là một số thập phân, nhưng đây là số đếm; nếu là ${asThousands} thì phải viết bằng dấu chấm: ${asThousands}.`,
          });
        } else if (
          n.style === 'plain' &&
          n.value >= 1000 &&
          grouped > 0 &&
          (t.kind === 'num' || t.kind === 'pct' || t.kind === 'frac')
        ) {
          ctx.emit({
            kind: 'notation',
            severity: 'warning',
            start: at,
            end,
            stated: n.raw,
            computed: null,
            suggestion: fixed,
            message: `Số ${n.raw} không có dấu chấm ngăn cách hàng nghìn trong khi văn bản viết các số khác có dấu chấm; nên viết ${fixed}.`,
          });
        }
      }
    }
  }
}
