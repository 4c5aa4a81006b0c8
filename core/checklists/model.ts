/**
 * What one unit's checklist says, independent of layout: the figures to verify grouped by
 * form section, and the unit's open findings, numbered as in Part III.
 */
import type { Severity } from '../form/types.js';
import type { Consolidation } from '../model/consolidation.js';
import { cellRef, type CellValue, type Finding } from '../model/index.js';
import { formatValue } from '../numbers/index.js';
import type { Unit } from '../units/index.js';
import { ChecklistError } from './settings.js';

/** One reported figure to verify on site (a row of Part II). */
export interface FigureRow {
  code: string;
  label: string;
  /** The reported value in Vietnamese notation, with its unit ("1.668 người", "37,36%"). */
  value: string;
  /** "Số liệu!E61" */
  cell: string;
  /** Short notes on the open findings touching this figure ("Lỗi, xem III.1: …"). */
  findings: string[];
}

export interface FigureSection {
  title: string;
  rows: FigureRow[];
}

/** One open finding of the unit (a row of Part III). */
export interface FindingEntry {
  /** 1-based number in Part III. */
  no: number;
  check: string;
  severity: Severity;
  /** "Lỗi", "Cảnh báo", "Lưu ý" */
  severityLabel: string;
  message: string;
  /** The cells involved, without the file name ("Số liệu!E61"). */
  cells: string[];
}

export interface UnitChecklist {
  unit: Unit;
  /** False when the unit has no usable return: only Part I is printed, with a note. */
  hasData: boolean;
  /** Files the figures were read from. */
  files: string[];
  sections: FigureSection[];
  findings: FindingEntry[];
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SHORT_NOTE = 110;

/** "BC_X03.xlsx!Số liệu!E61" → "Số liệu!E61"; a bare "Số liệu!E61" stays as it is. */
function withoutFile(ref: string): string {
  const parts = ref.split('!');
  return parts.length >= 3 ? parts.slice(-2).join('!') : ref;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function formatFigure(cell: CellValue, unitOfMeasure: string, kind: Parameters<typeof formatValue>[1]): string {
  const text = formatValue(cell.value, kind);
  return kind === 'percent' ? text : `${text} ${unitOfMeasure}`;
}

/**
 * Build the checklist content of one unit from a consolidation: its reported figures in form
 * order grouped by section, and its open findings (errors first). Throws a
 * {@link ChecklistError} when the unit is not in the consolidation's register.
 */
export function unitChecklist(consolidation: Consolidation, unitCode: string): UnitChecklist {
  const code = unitCode.trim().toUpperCase();
  const unit = consolidation.units.find((u) => u.code.toUpperCase() === code);
  if (!unit) {
    throw new ChecklistError(
      `Không có đơn vị mã ${unitCode} trong danh sách đơn vị của kỳ ${consolidation.period.code}.`,
    );
  }
  const form = consolidation.form;
  const values = consolidation.values[unit.code] ?? {};
  const hasData = Object.keys(values).length > 0;

  const open: Finding[] = hasData
    ? consolidation.findings
        .filter((f) => f.unit === unit.code && f.status === 'open')
        .map((f, i) => ({ f, i }))
        .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
        .map(({ f }) => f)
    : [];
  const findings: FindingEntry[] = open.map((f, i) => ({
    no: i + 1,
    check: f.check,
    severity: f.severity,
    severityLabel: SEVERITY_LABEL[f.severity],
    message: f.message,
    cells: [...new Set(f.cells.map(withoutFile))],
  }));

  const ruleLabel = new Map(form.rules.map((r) => [r.id, r.label]));
  const notesFor = (cell: CellValue): string[] => {
    const ref = cellRef(cell.source);
    const notes: string[] = [];
    open.forEach((f, i) => {
      const touches = f.values.some((v) => v.code === cell.code) || f.cells.includes(ref);
      if (!touches) return;
      const label = ruleLabel.get(f.check);
      const what = label ? `chưa thỏa điều kiện "${label}"` : f.message;
      notes.push(shorten(`${SEVERITY_LABEL[f.severity]} (xem III.${i + 1}): ${what}`, SHORT_NOTE));
    });
    return notes;
  };

  const sections: FigureSection[] = [];
  for (const section of form.sections) {
    const rows: FigureRow[] = [];
    for (const indicator of form.indicators) {
      if (indicator.section !== section.id) continue;
      const cell = values[indicator.code];
      if (!cell) continue;
      rows.push({
        code: indicator.code,
        label: indicator.label,
        value: formatFigure(cell, indicator.unit, indicator.kind),
        cell: `${cell.source.sheet}!${cell.source.cell}`,
        findings: notesFor(cell),
      });
    }
    if (rows.length > 0) sections.push({ title: `${section.id}. ${section.title}`, rows });
  }

  const files = [...new Set(Object.values(values).map((v) => v.source.file))].sort();
  return { unit, hasData, files, sections, findings };
}
