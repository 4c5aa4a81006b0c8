import type { Period } from '../period/index.js';
import type { ReportSettings } from '../report/index.js';
import type { Workspace } from '../workspace/index.js';

/** The report settings kept in the workspace, or the defaults for the period. */
export async function reportSettingsFor(ws: Workspace, period: Period): Promise<ReportSettings> {
  const { defaultReportSettings, parseReportSettings } = await import('../report/index.js');
  const { getReportSettings } = await import('../workspace/index.js');
  const stored = getReportSettings(ws);
  return stored === null || stored === undefined ? defaultReportSettings(period) : parseReportSettings(stored);
}
