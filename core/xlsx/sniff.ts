/**
 * What a file is, from its first bytes (and, for OLE compound files, its directory),
 * before any parsing is attempted.
 */

export type Sniffed = 'empty' | 'pdf' | 'zip' | 'xls' | 'encrypted' | 'ole-other' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** Identify a file by its magic bytes; OLE files are told apart by their stream names. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, OLE_MAGIC)) {
    const names = oleStreamNames(bytes).map((n) => n.toLowerCase());
    if (names.includes('encryptedpackage') || names.includes('encryptioninfo')) return 'encrypted';
    if (names.includes('workbook') || names.includes('book')) return 'xls';
    return 'ole-other';
  }
  return 'unknown';
}

/**
 * The names in an OLE compound file's directory (MS-CFB): header → FAT (via the header
 * DIFAT and the DIFAT chain) → directory sector chain → 128-byte entries.
 * Returns what it could read; a damaged file yields fewer names, never an exception.
 */
export function oleStreamNames(bytes: Uint8Array): string[] {
  if (bytes.length < 512) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return [];
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (s: number): number => (s + 1) * sectorSize;
  const readU32 = (off: number): number | undefined =>
    off + 4 <= bytes.length ? view.getUint32(off, true) : undefined;

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s <= MAX_SECTOR) fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  const perDifat = sectorSize / 4 - 1;
  for (let guard = 0; difat <= MAX_SECTOR && guard < 1000; guard++) {
    for (let i = 0; i < perDifat; i++) {
      const s = readU32(sectorOffset(difat) + i * 4);
      if (s !== undefined && s <= MAX_SECTOR) fatSectors.push(s);
    }
    difat = readU32(sectorOffset(difat) + perDifat * 4) ?? END_OF_CHAIN;
  }
  const perFat = sectorSize / 4;
  const next = (s: number): number => {
    const fatSector = fatSectors[Math.floor(s / perFat)];
    if (fatSector === undefined) return END_OF_CHAIN;
    return readU32(sectorOffset(fatSector) + (s % perFat) * 4) ?? END_OF_CHAIN;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = view.getUint32(0x30, true); s <= MAX_SECTOR && !seen.has(s) && seen.size < 10_000; s = next(s)) {
    seen.add(s);
    const base = sectorOffset(s);
    for (let e = 0; e < sectorSize / 128; e++) {
      const off = base + e * 128;
      if (off + 128 > bytes.length) break;
      const nameLen = view.getUint16(off + 0x40, true);
      const type = bytes[off + 0x42];
      if (nameLen < 2 || nameLen > 64 || (type !== 1 && type !== 2 && type !== 5)) continue;
      let name = '';
      for (let i = 0; i < nameLen / 2 - 1; i++) name += String.fromCharCode(view.getUint16(off + i * 2, true));
      names.push(name);
    }
  }
  return names;
}
