import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFECTDOJO_EVENTS_TO_PLEXTRAC,
  PLEXTRAC_EVENTS_TO_DEFECTDOJO,
  STATUS_LOSSES,
  defectDojoEventFor,
  plextracEventFor,
  toDefectDojoStatus,
  toPlextracStatus,
} from '../../src/bridge/index.js';
import { DEFECTDOJO_STATUSES, defectdojo, defectDojoEventSchemas, type DefectDojoStatus } from '../../src/defectdojo/index.js';
import { PLEXTRAC_STATUSES, plextrac, plextracEventSchemas, type PlextracState, type PlextracStatus } from '../../src/plextrac/index.js';
import type { StatusChangedEffect } from '../../src/index.js';

const AT = '2026-03-10T12:00:00.000Z';
const change = <S extends string>(from: S | null, to: S) => ({ type: 'status_changed', from, to, cause: 'x', at: AT }) as unknown as StatusChangedEffect<S>;

describe('statuses', () => {
  it('every status of each side maps to a status of the other', () => {
    for (const s of PLEXTRAC_STATUSES) expect(DEFECTDOJO_STATUSES).toContain(toDefectDojoStatus(s));
    for (const s of DEFECTDOJO_STATUSES) expect(PLEXTRAC_STATUSES).toContain(toPlextracStatus(s));
  });

  test.prop([fc.constantFrom(...PLEXTRAC_STATUSES)])('PlexTrac → DefectDojo → PlexTrac is stable after one round', (s) => {
    const once = toPlextracStatus(toDefectDojoStatus(s));
    expect(toPlextracStatus(toDefectDojoStatus(once))).toBe(once);
  });

  test.prop([fc.constantFrom(...DEFECTDOJO_STATUSES)])('DefectDojo → PlexTrac → DefectDojo is stable after one round', (s) => {
    const once = toDefectDojoStatus(toPlextracStatus(s));
    expect(toDefectDojoStatus(toPlextracStatus(once))).toBe(once);
  });

  it('a status is named in STATUS_LOSSES exactly when its round trip changes it, with what it returns as', () => {
    const changed = [
      ...PLEXTRAC_STATUSES.filter((s) => toPlextracStatus(toDefectDojoStatus(s)) !== s).map((s) => ({ side: 'plextrac', status: s, returnsAs: toPlextracStatus(toDefectDojoStatus(s)) as string })),
      ...DEFECTDOJO_STATUSES.filter((s) => toDefectDojoStatus(toPlextracStatus(s)) !== s).map((s) => ({ side: 'defectdojo', status: s, returnsAs: toDefectDojoStatus(toPlextracStatus(s)) as string })),
    ];
    expect(STATUS_LOSSES.map(({ side, status, returnsAs }) => ({ side, status, returnsAs }))).toEqual(changed);
  });

  it('the named pairs: In Review goes to In Progress, On Hold comes back as In Progress', () => {
    expect(toDefectDojoStatus('In Review')).toBe('In Progress');
    expect(toPlextracStatus('On Hold')).toBe('In Progress');
    expect(toDefectDojoStatus('Complete')).toBe('Completed');
    expect(toPlextracStatus('Cancelled')).toBe('Canceled');
  });
});

describe('events', () => {
  it('every event type of each side has an entry, and every counterpart is an event type of the other side', () => {
    expect(Object.keys(PLEXTRAC_EVENTS_TO_DEFECTDOJO).sort()).toEqual(Object.keys(plextracEventSchemas).sort());
    expect(Object.keys(DEFECTDOJO_EVENTS_TO_PLEXTRAC).sort()).toEqual(Object.keys(defectDojoEventSchemas).sort());
    for (const c of Object.values(PLEXTRAC_EVENTS_TO_DEFECTDOJO)) for (const t of c.to) expect(Object.keys(defectDojoEventSchemas)).toContain(t);
    for (const c of Object.values(DEFECTDOJO_EVENTS_TO_PLEXTRAC)) for (const t of c.to) expect(Object.keys(plextracEventSchemas)).toContain(t);
  });

  /** A DefectDojo engagement created in the given status. */
  function dojoIn(status: DefectDojoStatus) {
    const r = defectdojo.create({ type: 'create', id: 'dd-1', at: '2026-03-01T00:00:00Z', productId: 1, targetStart: '2026-03-01', targetEnd: '2026-03-31', status } as never);
    if (!r.ok) throw r.error;
    return r.state;
  }

  it("every PlexTrac change gives DefectDojo the mapped status, applied by DefectDojo's own lifecycle", () => {
    for (const from of PLEXTRAC_STATUSES.filter((s) => s !== 'Canceled')) {
      for (const to of PLEXTRAC_STATUSES.filter((s) => s !== from)) {
        const event = defectDojoEventFor(change<PlextracStatus>(from, to));
        const dojo = dojoIn(toDefectDojoStatus(from));
        if (event === null) {
          expect(toDefectDojoStatus(to), `${from} → ${to}`).toBe(toDefectDojoStatus(from));
          continue;
        }
        const r = defectdojo.apply(dojo, event);
        expect(r.ok && r.state.status, `${from} → ${to} via ${event.type}`).toBe(toDefectDojoStatus(to));
      }
    }
  });

  /** A PlexTrac engagement in the given status, started (start date past) unless Scheduled. */
  function plextracIn(status: PlextracStatus): PlextracState {
    const base = { id: 'p-1', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n' } as const;
    const make = (e: object) => {
      const r = plextrac.create(e as never);
      if (!r.ok) throw r.error;
      return r.state;
    };
    const then = (s: PlextracState, e: object) => {
      const r = plextrac.apply(s, { at: '2026-03-05T00:00:00Z', ...e } as never);
      if (!r.ok) throw r.error;
      return r.state;
    };
    if (status === 'Pending') return make({ type: 'request', ...base, startDate: '2026-03-02' });
    if (status === 'Scheduled') return make({ type: 'schedule', ...base, startDate: '2026-12-01' });
    const started = make({ type: 'schedule', ...base, startDate: '2026-03-01' });
    if (status === 'In Progress') return started;
    if (status === 'In Review') return then(started, { type: 'report_status_changed', reportStatus: 'In Review' });
    if (status === 'Complete') return then(started, { type: 'report_status_changed', reportStatus: 'Published' });
    return then(started, { type: 'cancel' });
  }

  it('every DefectDojo change that PlexTrac can follow gives it the mapped status; the others are named losses', () => {
    const byDates = new Set<string>(['Scheduled', 'In Progress']);
    for (const from of DEFECTDOJO_STATUSES) {
      for (const to of DEFECTDOJO_STATUSES.filter((s) => s !== from)) {
        const p = plextracIn(toPlextracStatus(from));
        const event = plextracEventFor(change<DefectDojoStatus>(from, to));
        const want = toPlextracStatus(to);
        if (event === null) {
          // Nothing to send: the same PlexTrac status, a status PlexTrac's dates decide, or one it cannot go back to.
          const same = want === p.status;
          const dates = byDates.has(want) && p.status !== 'Complete' && p.status !== 'Canceled' && p.status !== 'Pending';
          const lost = want === 'Pending' || p.status === 'Canceled' || p.status === 'Pending';
          expect(same || dates || lost, `${from} → ${to}`).toBe(true);
          continue;
        }
        const r = plextrac.apply(p, { ...event, at: '2026-03-06T00:00:00Z' });
        // Canceled is final in PlexTrac, and a Pending engagement has no report yet: PlexTrac refuses, typed.
        if (p.status === 'Canceled' || (p.status === 'Pending' && event.type === 'report_status_changed')) {
          expect(!r.ok && r.error.code, `${from} → ${to}: PlexTrac refuses`).toMatch(/^(terminal_state|transition_not_allowed)$/);
          continue;
        }
        // Back to Draft: PlexTrac's dates say Scheduled or In Progress (the engagement here has started).
        expect(r.ok && r.state.status, `${from} → ${to} via ${event.type}`).toBe(byDates.has(want) ? 'In Progress' : want);
      }
    }
  });
});
