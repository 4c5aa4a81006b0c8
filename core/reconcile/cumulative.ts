import * as z from 'zod';
import { readResourceJson } from '../resources.js';

const schema = z.object({
  about: z.string(),
  indicators: z.array(z.object({ code: z.string().min(1), why: z.string().min(1) })),
});

let cached: ReadonlySet<string> | undefined;

/**
 * Indicators that accumulate from the start of the resolution and so cannot fall between
 * periods (`resources/cumulative-indicators.json`, each with its justification).
 */
export function cumulativeIndicators(): ReadonlySet<string> {
  cached ??= new Set(schema.parse(readResourceJson('cumulative-indicators.json')).indicators.map((i) => i.code));
  return cached;
}
