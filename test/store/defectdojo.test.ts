/**
 * The store and the sweep with DefectDojo beside PlexTrac: one store, one sweep, each lifecycle with its own
 * settings; and a settings change (auto-close days) caught up by the sweep (earlier) or by reindex (later).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { instant, unwrap, type EngagementState } from '../../src/index.js';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, reindex, sweep } from '../../src/store/index.js';
import { calendarDateNear, clockArb } from '../../src/testing/arbitraries.js';

const DAY = 86_400_000;
const ddSettings = { timeZone: 'Europe/Paris', autoClose: { enabled: true, days: 3 } };
const ptSettings = { timeZone: 'America/New_York' };
const settings = { defectdojo: ddSettings, plextrac: ptSettings };

const lifeArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).chain((t0) =>
  fc.record({
    t0: fc.constant(t0),
    dojo: fc.array(fc.tuple(calendarDateNear(t0 + 3 * DAY, 4), fc.integer({ min: 0, max: 12 }), fc.constantFrom('Interactive', 'CI/CD' as const)), { minLength: 1, maxLength: 8 }),
    plex: fc.array(calendarDateNear(t0 + 4 * DAY, 6), { maxLength: 5 }),
    sweeps: clockArb(t0 + 3_600_000, 8),
  }),
);

describe('DefectDojo and PlexTrac in one store', () => {
  test.prop([lifeArb], { numRuns: 40 })('sweeps end where clock events sent to every engagement of both lifecycles end', async ({ t0, dojo, plex, sweeps }) => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [defectdojo, plextrac], settings });
    const oracle = new Map<string, { bound: { apply: (s: never, ev: unknown) => unknown }; state: EngagementState }>();
    const dd = defectdojo.with({ settings: ddSettings });
    const pt = plextrac.with({ settings: ptSettings });
    const at = instant(new Date(t0));
    for (const [i, [targetStart, length, engagementType]] of dojo.entries()) {
      const targetEnd = new Date(Date.parse(targetStart) + length * DAY).toISOString().slice(0, 10) as typeof targetStart;
      const event = { type: 'create' as const, id: `d${i}`, at, productId: `p${i % 2}`, targetStart, targetEnd, engagementType, status: 'In Progress' as const };
      unwrap(await e.create(defectdojo, event));
      oracle.set(`defectdojo/d${i}`, { bound: dd as never, state: unwrap(dd.create(event)).state });
    }
    for (const [i, startDate] of plex.entries()) {
      const event = { type: 'schedule' as const, id: `p${i}`, at, clientId: 'acme', name: 'n', startDate };
      unwrap(await e.create(plextrac, event));
      oracle.set(`plextrac/p${i}`, { bound: pt as never, state: unwrap(pt.create(event)).state });
    }
    for (const now of sweeps) {
      await e.sweep({ now, batchSize: 3 });
      for (const [key, o] of oracle) {
        const r = o.bound.apply(o.state as never, { type: 'clock', at: now, actor: 'sweep' }) as { ok: boolean; state: EngagementState; error?: { code: string } };
        if (r.ok) o.state = r.state;
        else expect(['out_of_order', 'terminal_state'], key).toContain(r.error!.code);
      }
    }
    for (const [key, o] of oracle) {
      const [lifecycle, id] = key.split('/') as [string, string];
      expect((await store.get({ lifecycle, id }))?.state, key).toEqual(o.state);
    }
    const again = await e.sweep({ now: sweeps.at(-1)! });
    expect(again.changed + again.effects).toBe(0);
  });

  it('a longer auto-close delay is caught by the sweep; a shorter one needs reindex', async () => {
    const store = createMemoryStore();
    const create = { type: 'create', at: '2026-03-01T10:00:00Z', productId: 'p1', targetStart: '2026-03-02', targetEnd: '2026-03-10', status: 'In Progress' } as const;
    const withDays = (days: number) => ({ defectdojo: { ...ddSettings, autoClose: { enabled: true, days } } });
    // Created under 3 days; the tenant moves to 10: the stored due instants are early, and the sweep moves them.
    const e3 = createEngagements(store, { lifecycles: [defectdojo], settings: withDays(3) });
    unwrap(await e3.create(defectdojo, { ...create, id: 'early' }));
    await sweep(store, { now: '2026-03-11T00:00:00Z', lifecycles: [defectdojo], settings: withDays(10) });
    const s = await sweep(store, { now: '2026-03-14T00:00:00Z', lifecycles: [defectdojo], settings: withDays(10) });
    expect(s.changed).toBe(0);
    expect((await store.get({ lifecycle: 'defectdojo', id: 'early' }))?.state.status).toBe('In Progress');
    // Created under 10 days; the tenant moves to 3: the due instant is late until reindex.
    const e10 = createEngagements(store, { lifecycles: [defectdojo], settings: withDays(10) });
    unwrap(await e10.create(defectdojo, { ...create, id: 'late' }));
    await sweep(store, { now: '2026-03-11T00:00:00Z', lifecycles: [defectdojo], settings: withDays(10) });
    const before = await sweep(store, { now: '2026-03-14T00:00:00Z', lifecycles: [defectdojo], settings: withDays(3) });
    expect(before.changed).toBe(0);
    const r = await reindex(store, { lifecycles: [defectdojo], settings: withDays(3) });
    expect(r.rescheduled).toBeGreaterThan(0);
    await sweep(store, { now: '2026-03-14T00:00:00Z', lifecycles: [defectdojo], settings: withDays(3) });
    for (const id of ['early', 'late']) expect((await store.get({ lifecycle: 'defectdojo', id }))?.state.status).toBe('Completed');
  });
});
