/**
 * The statuses of submissions as a pure function of what arrived, in which batch, and what
 * the user chose. Every commit and every rebuild recomputes them with {@link replay}, so a
 * rebuild from the originals cannot drift from the incremental result.
 */
import type { CellValue } from '../model/index.js';
import { cellRef } from '../model/index.js';
import type { Change, Choice, Submission, SubmissionStatus, Supersession, UnitState } from './schema.js';

export interface ReplayResult {
  status: Record<string, SubmissionStatus>;
  units: Record<string, UnitState>;
  supersessions: Supersession[];
}

/** Figures that differ between two returns of a unit (appeared, vanished or changed), by code. */
export function diffValues(oldVals: Record<string, CellValue>, newVals: Record<string, CellValue>): Change[] {
  const codes = [...new Set([...Object.keys(oldVals), ...Object.keys(newVals)])].sort();
  const changes: Change[] = [];
  for (const code of codes) {
    const a = oldVals[code];
    const b = newVals[code];
    if (a && b && a.value === b.value) continue;
    const c: Change = { code, old: a ? a.value : null, new: b ? b.value : null };
    if (a) c.oldCell = cellRef(a.source);
    if (b) c.newCell = cellRef(b.source);
    changes.push(c);
  }
  return changes;
}

interface UnitRun {
  accepted?: string;
  /** The last accepted submission, kept while the unit waits for a choice among newer duplicates. */
  lastAccepted?: string;
  duplicates: string[];
  superseded: Set<string>;
}

type Event = { seq: number; kind: 'batch'; subs: Submission[] } | { seq: number; kind: 'choice'; choice: Choice };

/**
 * Replay batches and choices in operation order.
 * - A fresh unit with one new content in a batch: accepted. With several: all `duplicate`.
 * - A unit waiting on duplicates: new contents join the duplicates.
 * - A unit with an accepted content: a newer content (later `receivedAt`) supersedes it, with
 *   the change list; several newer ones in one batch supersede it and wait as duplicates; an
 *   older one than the accepted is recorded as `superseded` straight away.
 * - A choice makes that content accepted; every other content of the unit becomes `superseded`.
 */
export function replay(
  submissions: readonly Submission[],
  choices: readonly Choice[],
  valuesOf: (sha256: string) => Record<string, CellValue>,
): ReplayResult {
  const bySha = new Map(submissions.map((s) => [s.sha256, s]));
  const status: Record<string, SubmissionStatus> = {};
  const runs = new Map<string, UnitRun>();
  const supersessions: Supersession[] = [];
  const run = (unit: string): UnitRun => {
    let r = runs.get(unit);
    if (!r) runs.set(unit, (r = { duplicates: [], superseded: new Set() }));
    return r;
  };
  const supersede = (seq: number, unit: string, from: string, to: string): void => {
    supersessions.push({ seq, unit, from, to, changes: diffValues(valuesOf(from), valuesOf(to)) });
  };
  const time = (sha: string): number => Date.parse(bySha.get(sha)?.receivedAt ?? '');

  const batches = new Map<number, Submission[]>();
  for (const s of submissions) {
    if (s.invalid || !s.unit) {
      status[s.sha256] = 'rejected';
      continue;
    }
    const list = batches.get(s.batch) ?? [];
    list.push(s);
    batches.set(s.batch, list);
  }
  const events: Event[] = [
    ...[...batches].map(([seq, subs]): Event => ({ seq, kind: 'batch', subs })),
    ...choices.map((choice): Event => ({ seq: choice.seq, kind: 'choice', choice })),
  ].sort((a, b) => a.seq - b.seq || (a.kind === 'batch' ? -1 : 1));

  for (const ev of events) {
    if (ev.kind === 'choice') {
      const { unit, sha256 } = ev.choice;
      const sub = bySha.get(sha256);
      if (!sub || sub.invalid || sub.unit !== unit) continue;
      const r = run(unit);
      if (r.accepted === sha256) continue;
      const previous = r.accepted ?? r.lastAccepted;
      if (r.accepted) r.superseded.add(r.accepted);
      for (const d of r.duplicates) if (d !== sha256) r.superseded.add(d);
      r.superseded.delete(sha256);
      r.duplicates = [];
      r.accepted = sha256;
      r.lastAccepted = undefined;
      if (previous && previous !== sha256) supersede(ev.seq, unit, previous, sha256);
      continue;
    }
    const perUnit = new Map<string, Submission[]>();
    for (const s of ev.subs) perUnit.set(s.unit!, [...(perUnit.get(s.unit!) ?? []), s]);
    for (const [unit, subs] of perUnit) {
      const fresh = subs.map((s) => s.sha256).sort((a, b) => time(a) - time(b) || (a < b ? -1 : 1));
      const r = run(unit);
      if (r.duplicates.length > 0) {
        r.duplicates.push(...fresh);
      } else if (!r.accepted) {
        if (fresh.length === 1) r.accepted = fresh[0];
        else r.duplicates = fresh;
      } else {
        const current = r.accepted;
        const newer = fresh.filter((sha) => time(sha) > time(current));
        for (const sha of fresh) if (!newer.includes(sha)) r.superseded.add(sha);
        if (newer.length === 1) {
          r.superseded.add(current);
          r.accepted = newer[0];
          supersede(ev.seq, unit, current, newer[0]!);
        } else if (newer.length > 1) {
          r.superseded.add(current);
          r.lastAccepted = current;
          r.accepted = undefined;
          r.duplicates = newer;
        }
      }
    }
  }

  const units: Record<string, UnitState> = {};
  for (const [unit, r] of [...runs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const state: UnitState = { duplicates: [...r.duplicates] };
    if (r.accepted) {
      state.accepted = r.accepted;
      status[r.accepted] = 'imported';
    }
    for (const d of r.duplicates) status[d] = 'duplicate';
    for (const s of r.superseded) if (s !== r.accepted && !r.duplicates.includes(s)) status[s] = 'superseded';
    units[unit] = state;
  }
  return { status, units, supersessions };
}
