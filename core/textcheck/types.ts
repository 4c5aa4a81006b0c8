/**
 * The shapes of "Kiểm tra số liệu trong văn bản": a document read into paragraphs, and the
 * findings about its figures. Plain data, so a screen can list the findings, show each one's
 * sentence, and jump between them (paragraph index and character offsets of the span).
 */
import type { Severity } from '../form/types.js';

export type { Severity };

/** Where a paragraph sits in its document. */
export type ParagraphWhere = 'body' | 'table' | 'footnote';

export interface DocParagraph {
  text: string;
  where: ParagraphWhere;
  /** PDF only: the page (1-based) where the paragraph starts. */
  page?: number;
  /** A paragraph of a table (Word's, or one rebuilt from a PDF's page): the cell it is in (see {@link DocTable}). */
  cell?: CellPlace;
  /**
   * Word only, a footnote's paragraph: where its mark is in the text — the paragraph (1-based)
   * and the offset right after the words the note is about ("… là 3.429 thủ tục³").
   */
  mark?: { paragraph: number; at: number };
}

/** Where a cell is: the table's rank in the document, its row and its column in the grid (1-based). */
export interface CellPlace {
  table: number;
  row: number;
  column: number;
  /** A merged cell: the columns and rows it spans (absent when 1). */
  colSpan?: number;
  rowSpan?: number;
}

/** A cell of a {@link DocTable}: its text (its paragraphs joined) and where those paragraphs are. */
export interface DocTableCell {
  text: string;
  /** 1-based indexes into the document's paragraphs; empty for a blank cell. */
  paragraphs: number[];
  /** First grid column (1-based) and how many columns and rows the cell spans (merged cells). */
  column: number;
  colSpan: number;
  rowSpan: number;
}

/**
 * A table as a grid (a Word document's, or one rebuilt from a PDF's page): its rows of cells. (Which rows are headings is not kept:
 * mammoth reads `<w:tblHeader w:val="off"/>`, as some writers put on every row, as a heading.)
 */
export interface DocTable {
  /** 1-based rank in the document (nested tables counted where they start). */
  index: number;
  rows: { cells: DocTableCell[] }[];
}

export type DocFormat = 'docx' | 'pdf' | 'txt';

/** A document as the checker sees it: its paragraphs in reading order (body first, then notes). */
export interface TextDocument {
  format: DocFormat;
  paragraphs: DocParagraph[];
  /** Things the reader noticed about the file itself (encoding guessed, no text layer…), in Vietnamese. */
  notes: string[];
  /** The tables, for check 9 — Word's, or rebuilt from a PDF's pages (their cells' paragraphs are among `paragraphs` too). */
  tables?: DocTable[];
  /** A Word copy of the app's report: the period and the dataset code it was written from. */
  origin?: { period: string; dataset: string };
}

/**
 * What a finding is about:
 * - `fraction-rate` (check 1): a rate printed beside its own fraction that does not match it;
 * - `impossible-rate` (check 2): a numerator above its denominator where a share or completion is claimed,
 *   or a rate stated elsewhere in the clause that the fraction contradicts;
 * - `whole-parts` (check 3): parts that do not add up to their whole, or a part's percentage of the whole;
 * - `shares` (check 4): percentages of one population adding to more than 100 %;
 * - `notation` (check 5): a decimal point, mixed thousands grouping;
 * - `change` (check 8): a rise or fall that does not match the two figures it is between;
 * - `data` (check 7): a figure compared with the consolidated data of the period;
 * - `table` (check 9): a table of a Word draft whose total row, total column or rate column does
 *   not match the figures beside it;
 * - `gap` (check 10): a figure still missing — "[thiếu số liệu: KL01]" as the app prints a gap, or
 *   a placeholder "{{KL01}}" left from the report's template;
 * - `date` (check 11): a date — the data's cut-off as the text states it against the period's, the
 *   document's own date before that cut-off, an annex's date or number not the document's.
 */
export type TextFindingKind =
  | 'fraction-rate'
  | 'impossible-rate'
  | 'whole-parts'
  | 'shares'
  | 'change'
  | 'notation'
  | 'data'
  | 'table'
  | 'gap'
  | 'date';

export interface TextFinding {
  kind: TextFindingKind;
  severity: Severity;
  /** 1-based index into {@link TextCheckResult.paragraphs}. */
  paragraph: number;
  /** Character offsets (UTF-16 code units) of `text` in the paragraph's text. */
  start: number;
  end: number;
  /** The exact span the finding is about, as written. */
  text: string;
  /** The sentence that holds the span. */
  sentence: string;
  /** The figure as the document states it ("64,5%"), when there is one. */
  stated: string | null;
  /** The figure computed from the document's own numbers or from the data ("64,20%"). */
  computed: string | null;
  /** What to write instead ("64,2%"), when one correction is clear. */
  suggestion: string | null;
  /** One Vietnamese sentence (or two) for the clerk. */
  message: string;
  /** Check 7: the indicator or target compared ("TT01", "targets"). */
  indicator?: string;
  /** Check 7 of one unit's figure: the SHA-256 of the kept return it was compared with (to open it). */
  original?: string;
}

export interface TextCheckResult {
  format: DocFormat;
  paragraphs: DocParagraph[];
  /** Sorted by paragraph, then position. */
  findings: TextFinding[];
  counts: Record<Severity, number>;
  notes: string[];
}

/** The consolidated figures of a period that check 7 compares with (built from a Consolidation). */
export interface DataFacts {
  /** Additive indicators: code → label, unit and consolidated totals per scope. */
  indicators: {
    code: string;
    label: string;
    unit: string;
    kind: 'count' | 'money' | 'days' | 'percent';
    province: number | null;
    tiers: Partial<Record<'so' | 'huyen' | 'xa', number | null>>;
  }[];
  /**
   * Percentages the text may state: the form's ratios (in percent units, the province's and each
   * tier's; null where none can be computed), each also named by the targets judged from it, and
   * the targets given as a percentage entered by the department (MT3…).
   */
  ratios: {
    code: string;
    label: string;
    /** Other names of the same figure: the labels of the targets judged from this ratio. */
    also: string[];
    /** Its numerator and denominator as sums of indicators ("TTHC08 + TTHC09"; −1 subtracts). */
    terms?: { num: [string, 1 | -1][]; den: [string, 1 | -1][] };
    province: number | null;
    tiers: Partial<Record<'so' | 'huyen' | 'xa', number | null>>;
  }[];
  /** The resolution's targets: met or exceeded, not met, and all (the rest have no data to judge). */
  targets: { met: number; unmet: number; total: number };
  /**
   * What each target of the resolution asks, as the form says: a percentage at least (one for all
   * tiers, or one per tier), or a rank at most ("trong nhóm 50 … dẫn đầu"); with the names a text
   * gives the target by (its label, the label of the ratio it is judged on).
   */
  goals?: {
    id: string;
    label: string;
    names: string[];
    op: '>=' | '<=';
    value: number | null;
    byTier?: Partial<Record<'so' | 'huyen' | 'xa', number>>;
    /** '%' or 'hạng'. */
    unit: string;
    /** A target the department enters (a rank, a percentage): what it entered; null when not yet. */
    entered: number | null;
  }[];
  /**
   * The figures of each unit with a return, as imported: a table whose rows (or columns) name
   * units ("Sở Tư pháp", "S02", "Huyện Tam Đường") is compared with them.
   */
  unitFigures?: UnitFacts[];
  /** The period and the dataset code of the data (to tell a Word copy written from other data). */
  source?: { period: string; dataset: string };
  /** The period's name and its data's cut-off date (ISO `yyyy-mm-dd`), for check 11. */
  period?: { shortTitle: string; cutoff: string };
  /** Units with data to consolidate, of all the period's units: the province's and each tier's. */
  units?: {
    reported: number;
    all: number;
    /** Units that sent nothing yet (not those whose file was refused, nor those that sent several). */
    missing?: number;
    /** Units whose only files were refused, and units that sent several files none chosen yet. */
    rejected?: number;
    duplicate?: number;
    tiers?: Partial<Record<'so' | 'huyen' | 'xa', { reported: number; all: number; missing?: number }>>;
  };
}

/** One unit's own figures, as the consolidation holds them. */
export interface UnitFacts {
  code: string;
  name: string;
  tier: 'so' | 'huyen' | 'xa';
  /**
   * Additive indicators' figures by code, each with the cell it was read from ("tệp X, trang Y,
   * ô E12"), the SHA-256 of the kept return, and whether the clerk corrected it after confirming
   * it with the unit.
   */
  indicators: Record<string, { value: number; from: string; corrected?: boolean; sha256?: string }>;
  /** The unit's ratios in percent units by code; a ratio its figures cannot give is absent. */
  ratios: Record<string, number>;
}
