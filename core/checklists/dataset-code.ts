/** Prefix of every checklist QR payload, so a scanner can tell what it is reading. */
export const QR_PREFIX = 'TONGHOP-CCHC';

/**
 * The short dataset code printed on every page: the first 10 hex digits of the dataset
 * hash, upper-case, grouped 4-4-2 ("3F9A-C21B-07"). The same for every unit of one dataset.
 */
export function datasetCode(datasetHash: string): string {
  const hex = datasetHash.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length < 10) throw new Error(`dataset hash too short: "${datasetHash}"`);
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 10)}`;
}

/**
 * What the QR code on a checklist page encodes:
 * `TONGHOP-CCHC|<period>|<full dataset hash>|<unit>`.
 */
export function checklistQrPayload(period: string, datasetHash: string, unit: string): string {
  return [QR_PREFIX, period, datasetHash.toLowerCase(), unit].join('|');
}
