/**
 * What one unit's checklist says, independent of layout: every figure the unit's tier
 * reports, grouped by form section (with the value, or why there is none), and the unit's
 * open findings in short plain Vietnamese, numbered as in Part III.
 */
import { indicatorsForTier, type Severity } from '../form/index.js';
import { intakeOf, type Consolidation, type UnitIntake } from '../model/consolidation.js';
import { cellRef, type CellValue, type Finding } from '../model/index.js';
import { formatNumber, formatValue } from '../numbers/index.js';
import { withoutPlace } from '../reconcile/messages.js';
import { sectionHeading } from '../templates/layout.js';
import type { Unit } from '../units/index.js';
import { ChecklistError } from './settings.js';

/** One figure to verify on site (a row of Part II). */
export interface FigureRow {
  code: string;
  label: string;
  /** The indicator's unit of measure ("người"). */
  unitOfMeasure: string;
  /**
   * The reported value in Vietnamese notation, with its unit ("1.668 người", "37,36%"); for
   * a cell the importer could not read, `không đọc được: "1,5"`; for a blank cell, "để trống".
   */
  value: string;
  /** `value` (a figure), `unreadable` (typed but not readable), `blank` (left empty). */
  state: 'value' | 'unreadable' | 'blank';
  /** "Số liệu!E61", or "" when the return has no row for it. */
  cell: string;
  /** References to the Part III findings touching this figure ("Lỗi: III.1"). */
  findings: string[];
}

export interface FigureSection {
  /** "Đ. Cải cách tổ chức bộ máy" (Vietnamese alphabet). */
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
  /** Short plain Vietnamese: no file name (given once at the top), no internal code. */
  message: string;
  /** The cells involved, without the file name ("Số liệu!E61"). */
  cells: string[];
}

export interface UnitChecklist {
  unit: Unit;
  /** False when the unit has no usable return: Part II is a blank table to fill in by hand. */
  hasData: boolean;
  /** Why the unit has no usable return (when `hasData` is false), one Vietnamese sentence. */
  noDataReason?: string;
  /** The files `noDataReason` names (printed so that no name is broken across lines). */
  noDataFiles?: string[];
  /** Files the figures were read from. */
  files: string[];
  /** Every indicator of the unit's tier, by section, whether or not it has a value. */
  sections: FigureSection[];
  findings: FindingEntry[];
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** "BC_X03.xlsx!Số liệu!E61" → "Số liệu!E61"; a bare "Số liệu!E61" stays as it is. */
function withoutFile(ref: string): string {
  const parts = ref.split('!');
  return parts.length >= 3 ? parts.slice(-2).join('!') : ref;
}

function formatFigure(cell: CellValue, unitOfMeasure: string, kind: Parameters<typeof formatValue>[1]): string {
  const text = formatValue(cell.value, kind);
  return kind === 'percent' ? text : `${text} ${unitOfMeasure}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A finding's message as the checklist prints it: the unit and file are named once at the
 * top of the checklist, so the message starts at what is wrong; no rule code; the request
 * to the unit ("Hãy …", "Đề nghị …") is the inspector's to make on site.
 */
export function shortFindingText(f: Finding, unit: Unit): string {
  if (f.check === 'MISSING_VALUE') {
    const list = f.values.map((v) => (v.source ? `${v.code} (ô ${v.source.cell})` : v.code));
    return `Bỏ trống ${list.join(', ')}: ô trống là không có số liệu, không phải số 0.`;
  }
  let text = withoutPlace(f.message, unit, f.file);
  text = text.replace(/\s*\(Quy tắc [^:()]+: [^()]*\)\s*$/, '');
  // Drop the closing requests to the unit, keeping at least the first sentence.
  const sentences = text.split(/(?<=\.)\s+(?=[A-ZĐ])/);
  while (sentences.length > 1 && /^(Hãy|Đề nghị)(?=\s)/.test(sentences[sentences.length - 1] ?? '')) sentences.pop();
  return capitalise(sentences.join(' ').trim());
}

/** Why a unit without a usable return has none, for the checklist's Part II. */
export function noDataReason(intake: UnitIntake): string {
  switch (intake.status) {
    case 'rejected': {
      const files = (intake.refused ?? []).map((r) => `${r.file}: ${r.reason}`);
      return `Đơn vị đã gửi báo cáo nhưng tệp không sử dụng được (${files.join('; ')}).`;
    }
    case 'duplicate':
      return `Đơn vị gửi ${formatNumber(intake.files?.length ?? 2, { decimals: 0 })} tệp báo cáo khác nhau (${(intake.files ?? []).join('; ')}), chưa xác định tệp sử dụng.`;
    default:
      return 'Đơn vị chưa gửi báo cáo.';
  }
}

/**
 * Build the checklist content of one unit from a consolidation: every indicator its tier
 * reports, in form order grouped by section, with the value, or what was typed when it
 * could not be read, or "để trống"; and its open findings (errors first), each once.
 * Throws a {@link ChecklistError} when the unit is not in the consolidation's register.
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
  const hasData = consolidation.values[unit.code] !== undefined;

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
    message: shortFindingText(f, unit),
    cells: [...new Set(f.cells.map(withoutFile))],
  }));

  // What the importer saw in cells it could not read, and where the blank cells are (whether
  // or not the finding was explained since).
  const unreadable = new Map<string, { raw: string; cell: string }>();
  const blankCell = new Map<string, string>();
  for (const f of consolidation.findings) {
    if (f.unit !== unit.code || !hasData) continue;
    for (const v of f.values) {
      if (!v.source || values[v.code]) continue;
      const at = `${v.source.sheet}!${v.source.cell}`;
      if (f.check === 'MISSING_VALUE') blankCell.set(v.code, at);
      else if (f.check.startsWith('IMPORT_') && !unreadable.has(v.code))
        unreadable.set(v.code, { raw: v.source.raw, cell: at });
    }
  }

  const notesFor = (indicatorCode: string, cell: CellValue | undefined): string[] => {
    const ref = cell ? cellRef(cell.source) : undefined;
    const notes: string[] = [];
    open.forEach((f, i) => {
      const touches = f.values.some((v) => v.code === indicatorCode) || (ref !== undefined && f.cells.includes(ref));
      if (touches) notes.push(`${SEVERITY_LABEL[f.severity]}: III.${i + 1}`);
    });
    return notes;
  };

  const tierIndicators = indicatorsForTier(form, unit.tier);
  const sections: FigureSection[] = [];
  for (const section of form.sections) {
    const rows: FigureRow[] = [];
    for (const indicator of tierIndicators) {
      if (indicator.section !== section.id) continue;
      const cell = values[indicator.code];
      const bad = unreadable.get(indicator.code);
      const row: FigureRow = {
        code: indicator.code,
        label: indicator.label,
        unitOfMeasure: indicator.unit,
        value: '',
        state: 'blank',
        cell: '',
        findings: hasData ? notesFor(indicator.code, cell) : [],
      };
      if (cell) {
        row.value = formatFigure(cell, indicator.unit, indicator.kind);
        row.state = 'value';
        row.cell = `${cell.source.sheet}!${cell.source.cell}`;
      } else if (bad) {
        row.value = bad.raw ? `không đọc được: "${bad.raw}"` : 'không đọc được';
        row.state = 'unreadable';
        row.cell = bad.cell;
      } else if (hasData) {
        row.value = 'để trống';
        row.cell = blankCell.get(indicator.code) ?? '';
      }
      rows.push(row);
    }
    if (rows.length > 0) sections.push({ title: sectionHeading(form, section.id), rows });
  }

  const files = [...new Set(Object.values(values).map((v) => v.source.file))].sort();
  const model: UnitChecklist = { unit, hasData, files, sections, findings };
  if (!hasData) {
    const intake = intakeOf(consolidation, unit.code);
    model.noDataReason = noDataReason(intake);
    model.noDataFiles = [...(intake.refused ?? []).map((r) => r.file), ...(intake.files ?? [])];
  }
  return model;
}
