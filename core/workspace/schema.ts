/**
 * The on-disk formats of a workspace folder, as zod schemas: whatever is read back from disk
 * is parsed here before the rest of the module trusts it.
 */
import * as z from 'zod';
import type { ParsedReturn } from '../model/index.js';

export const FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.string().min(10);

/** `workspace.json` */
export const workspaceInfoSchema = z.object({
  format: z.literal(FORMAT_VERSION),
  app: z.literal('tong-hop-cchc'),
  period: z.string().min(1),
  createdAt: iso,
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const AUDIT_ACTIONS = [
  'imported',
  'rejected',
  'duplicate-recorded',
  'superseded',
  'chosen',
  'explained',
  'reopened',
  'input-set',
  'settings-changed',
  'rebuilt',
  'register-changed',
  'value-corrected',
  'finding-fixed',
  'template-changed',
  'lock-taken-over',
  'received-set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of `audit.log`. `seq` increases by one per entry, across the whole life of the folder. */
export const auditEntrySchema = z.looseObject({
  seq: z.number().int().positive(),
  at: iso,
  by: z.string(),
  action: z.enum(AUDIT_ACTIONS),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const AUDIT_ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/**
 * {@link auditEntrySchema} written out by hand, for the log's lines: every operation reads the
 * whole log (to complete it after a crash), and zod took ~10 ms for 2,000 lines and ~80 ms for
 * 20,000 — per operation, twice. Same rules, same result, keys in the same order (the four
 * named ones first); `workspace.test.ts` holds it to the schema on the odd cases.
 */
export function auditEntryOf(v: unknown): AuditEntry | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { seq, at, by, action, ...rest } = v as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return undefined;
  if (typeof at !== 'string' || at.length < 10 || typeof by !== 'string') return undefined;
  if (typeof action !== 'string' || !AUDIT_ACTION_SET.has(action)) return undefined;
  return { seq, at, by, action: action as AuditAction, ...rest };
}

export const SUBMISSION_STATUSES = ['imported', 'rejected', 'duplicate', 'superseded'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

const severity = z.enum(['error', 'warning', 'info']);

/** One distinct content (one SHA-256) received, under one or more file names. */
export const submissionSchema = z.object({
  sha256,
  /** File names it arrived under, first one first. */
  names: z.array(z.string().min(1)).min(1),
  size: z.number().int().nonnegative(),
  /**
   * When the unit's return was received (ISO instant): the time it was imported, or the date
   * a person recorded (`receivedSetBy`), never the file's modification time.
   */
  receivedAt: iso,
  /** The file's own modified time, when known: shown to the clerk, never used for lateness. */
  modifiedAt: iso.optional(),
  /** Who recorded `receivedAt` by hand (absent: the import time). */
  receivedSetBy: z.string().optional(),
  /** The operation (manifest `seq`) that brought it in: files of one batch share it. */
  batch: z.number().int().positive(),
  /** Unit code (upper case) as read from the return, when readable. */
  unit: z.string().optional(),
  /** Intrinsically unusable (not a return, no unit code, another period): never accepted. */
  invalid: z.boolean(),
  status: z.enum(SUBMISSION_STATUSES),
  /** Vietnamese reason when `invalid`. */
  message: z.string().optional(),
  /**
   * Why it can never count, as a stable code: the importer's rejection code (`IMPORT_XLS`,
   * `IMPORT_TRUNCATED`…) or `WRONG_PERIOD`, `NO_PERIOD`, `NO_UNIT_CODE`.
   */
  refusal: z.string().optional(),
  /** Import findings of this content (ids and severities; the full findings live in `derived/`). */
  findings: z.array(z.object({ id: z.string(), severity })),
});
export type Submission = z.infer<typeof submissionSchema>;

export const choiceSchema = z.object({
  seq: z.number().int().positive(),
  unit: z.string(),
  sha256,
  by: z.string(),
  at: iso,
});
export type Choice = z.infer<typeof choiceSchema>;

/** One figure that moved between two submissions of a unit. */
export const changeSchema = z.object({
  code: z.string(),
  old: z.number().nullable(),
  new: z.number().nullable(),
  oldCell: z.string().optional(),
  newCell: z.string().optional(),
});
export type Change = z.infer<typeof changeSchema>;

/** The accepted submission of a unit was replaced by another one. */
export const supersessionSchema = z.object({
  seq: z.number().int().positive(),
  unit: z.string(),
  from: sha256,
  to: sha256,
  changes: z.array(changeSchema),
});
export type Supersession = z.infer<typeof supersessionSchema>;

export const unitStateSchema = z.object({
  accepted: sha256.optional(),
  duplicates: z.array(sha256),
});
export type UnitState = z.infer<typeof unitStateSchema>;

const resolutionSchema = z.object({
  status: z.enum(['explained', 'fixed']),
  note: z.string().min(1),
  by: z.string(),
  at: iso,
});

/** A unit of the period's own register (the register changes between periods). */
export const registerUnitSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{1,20}$/),
  name: z.string().min(1),
  tier: z.enum(['so', 'huyen', 'xa']),
  parent: z.string().optional(),
  /** Deactivated units are kept (with their files) but no longer expected to report. */
  active: z.boolean(),
});
export type RegisterUnit = z.infer<typeof registerUnitSchema>;

/**
 * A figure of a unit's accepted file corrected by the clerk after confirming it with the
 * unit. The original stays in the kept file; the correction applies only while that file
 * (`sha256`) is the unit's accepted one.
 */
export const correctionSchema = z.object({
  sha256,
  value: z.number().finite(),
  /** The value read from the file (null: the cell was blank or unreadable). */
  original: z.number().nullable(),
  note: z.string().min(1),
  confirmedWith: z.string().min(1),
  by: z.string(),
  at: iso,
});
export type Correction = z.infer<typeof correctionSchema>;

const provinceInputSchema = z.object({
  key: z.string().min(1),
  value: z.number().finite(),
  note: z.string().min(1),
  by: z.string(),
  at: iso,
});

/** `manifest.json`: the single commit point of every operation. */
export const manifestSchema = z.object({
  format: z.literal(FORMAT_VERSION),
  period: z.string(),
  /** Committed operations so far. */
  seq: z.number().int().nonnegative(),
  /** Last audit entry seq assigned. */
  auditSeq: z.number().int().nonnegative(),
  /** Audit entries of the last committed operation, re-appended on open if the log lacks them. */
  pendingAudit: z.array(auditEntrySchema),
  submissions: z.array(submissionSchema),
  choices: z.array(choiceSchema),
  supersessions: z.array(supersessionSchema),
  units: z.record(z.string(), unitStateSchema),
  resolutions: z.record(z.string(), resolutionSchema),
  provinceInputs: z.record(z.string(), provinceInputSchema),
  reportSettings: z.unknown().optional(),
  /** The period's register, once edited (absent: the built-in register). */
  register: z.array(registerUnitSchema).optional(),
  /** Corrections by unit, then indicator code. */
  corrections: z.record(z.string(), z.record(z.string(), correctionSchema)).optional(),
  /** The report text edited by the clerk (opaque here: the report module validates it). */
  reportTemplate: z.unknown().optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A fresh manifest for a period. */
export function emptyManifest(period: string): Manifest {
  return {
    format: FORMAT_VERSION,
    period,
    seq: 0,
    auditSeq: 0,
    pendingAudit: [],
    submissions: [],
    choices: [],
    supersessions: [],
    units: {},
    resolutions: {},
    provinceInputs: {},
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isProvenance(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.file === 'string' &&
    typeof v.sha256 === 'string' &&
    typeof v.sheet === 'string' &&
    typeof v.cell === 'string' &&
    typeof v.raw === 'string'
  );
}

/**
 * Structural check of a `derived/<sha256>.json` (a cached {@link ParsedReturn} this module
 * wrote itself). Hand-written rather than a zod schema: it runs over every kept value of every
 * return on each cold read, and zod made reading 40 returns ~4x slower.
 */
export function isParsedReturn(v: unknown): v is ParsedReturn {
  if (!isObj(v) || typeof v.file !== 'string' || typeof v.sha256 !== 'string' || typeof v.size !== 'number')
    return false;
  if (v.status !== 'parsed' && v.status !== 'rejected') return false;
  if (!isObj(v.identity) || !isObj(v.identity.sources) || !isObj(v.values) || !Array.isArray(v.findings)) return false;
  for (const [code, cv] of Object.entries(v.values)) {
    if (!isObj(cv) || cv.code !== code || typeof cv.value !== 'number' || typeof cv.decimals !== 'number') return false;
    if (!isProvenance(cv.source)) return false;
  }
  if (v.blanks !== undefined) {
    if (!isObj(v.blanks)) return false;
    for (const b of Object.values(v.blanks)) {
      if (!isObj(b) || typeof b.sheet !== 'string' || typeof b.cell !== 'string') return false;
    }
  }
  for (const f of v.findings) {
    if (!isObj(f) || typeof f.id !== 'string' || typeof f.check !== 'string' || typeof f.message !== 'string')
      return false;
    if (f.severity !== 'error' && f.severity !== 'warning' && f.severity !== 'info') return false;
    if (!Array.isArray(f.values) || !Array.isArray(f.cells)) return false;
  }
  return true;
}
