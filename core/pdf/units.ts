/**
 * Page units shared by every PDF the app draws (report, checklists, data warnings). No
 * dependencies: the report's and the checklists' printing load it without pdfmake.
 */

/** Millimetres to PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

/** An A4 page in PDF points, portrait. */
export const A4 = { width: 595.28, height: 841.89 } as const;
