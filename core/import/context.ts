import { loadDefaultForm, parseForm } from '../form/load.js';
import type { Form } from '../form/types.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import type { ImportContext, ImportLimits } from './parse-return.js';

/**
 * An import context that can cross a thread boundary (structured clone): the form travels
 * as its raw JSON (parsed once per worker), or is omitted for the built-in form.
 */
export interface SerializableContext {
  /**
   * The form, already validated (it survives structured cloning: plain objects and Maps).
   * Preferred: a worker given it never loads the form loader and its schema library.
   */
  form?: Form;
  /** The raw JSON of the form definition; with neither: `resources/form-cchc.json`. */
  formJson?: unknown;
  units: Unit[];
  period: Period;
  limits?: Partial<ImportLimits>;
}

/** Turn a serialisable context into an {@link ImportContext} (without the file name). */
export function toImportContext(ctx: SerializableContext): Omit<ImportContext, 'fileName'> {
  const form = ctx.form ?? (ctx.formJson === undefined ? loadDefaultForm() : parseForm(ctx.formJson));
  const out: Omit<ImportContext, 'fileName'> = { form, units: ctx.units, period: ctx.period };
  if (ctx.limits) out.limits = ctx.limits;
  return out;
}

export { rejectedReturn } from './rejected.js';
