import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { machineEngine } from '../../src/machine/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { ERROR_CODES } from '../../src/index.js';
import { deepEqual } from '../../src/core/index.js';
import { effectIdsFollowTheRule, statusFollowsTheDocumentation } from './spec-properties.js';
import {
  checkLifecycle,
  checkScenario,
  effectIdsUnique,
  enginesAgree,
  nextDueExact,
  noChangeNoEffects,
  plextracCanceledAbsorbs,
  plextracScenarioArb,
  statusChangeReported,
  timeMovesForward,
  versionGrowsByOne,
  type Invariant,
  type PlextracScenario,
} from '../../src/testing/index.js';

/** Runs a scenario through the fast engine only, checking nothing: its steps, for the properties below. */
const stepsOf = (scenario: PlextracScenario) => checkScenario(plextrac, scenario, { invariants: [], machine: false }).steps;

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

// Each property is one of the kit's named invariants, checked after every step of generated PlexTrac lives.
function holds(invariants: Invariant[], options: { maxEvents?: number; cancelWeight?: number; numRuns?: number; machine?: boolean } = {}): void {
  const { maxEvents, cancelWeight, numRuns, machine } = options;
  checkLifecycle(plextrac, {
    invariants,
    scenarios: plextracScenarioArb({ ...(maxEvents !== undefined ? { maxEvents } : {}), ...(cancelWeight !== undefined ? { cancelWeight } : {}) }),
    numRuns: numRuns ?? 100,
    machine: machine ?? false,
  });
}

describe('PlexTrac properties', () => {
  it('the fast engine and the xstate machine agree on every step', () => {
    holds([enginesAgree], { maxEvents: 15, numRuns: 150, machine: true });
  }, 60_000);

  it('after every event, the status is the documentation\'s table at the event time (an independent model)', () => {
    fc.assert(statusFollowsTheDocumentation(plextrac), { numRuns: 150 });
  }, 60_000);


  it('Canceled absorbs: once Canceled, every event is refused with terminal_state', () => {
    holds([plextracCanceledAbsorbs], { cancelWeight: 3 });
  }, 60_000);

  it('the version grows by exactly one per change, and not at all otherwise', () => {
    // versionGrowsByOne: 1 at creation, +1 per change; noChangeNoEffects: no change, same state and no effects;
    // timeMovesForward: a change is stamped with its event's time; statusChangeReported: status_changed iff the status changed.
    holds([versionGrowsByOne, noChangeNoEffects, timeMovesForward, statusChangeReported]);
  }, 60_000);

  it('effect ids are unique within a run', () => {
    holds([effectIdsUnique]);
  }, 60_000);

  it('effect ids are <lifecycle>:<engagement>:<version>:<type>[:n], the version counting changes; a redelivery repeats them', () => {
    fc.assert(effectIdsFollowTheRule(plextrac), { numRuns: 100 });
  }, 60_000);

  test.prop([plextracScenarioArb()])('inputs are never mutated, and deep-frozen inputs are accepted', (scenario) => {
    const options = { settings: { timeZone: scenario.timeZone } };
    for (const { before, event, result } of stepsOf(scenario).slice(1)) {
      // An untrusted copy (as if loaded from a database), deep-frozen, with a frozen event.
      const state = deepFreezeCopy(before);
      const ev = deepFreezeCopy(event);
      const snapshotState = json(state);
      const snapshotEvent = json(ev);
      const again = plextrac.apply(state as never, ev as never, options);
      expect(json(state)).toEqual(snapshotState);
      expect(json(ev)).toEqual(snapshotEvent);
      expect(json(again)).toEqual(json(result));
      // A mutable copy stays untouched as well.
      const mutable = json(before);
      plextrac.apply(mutable, json(event), options);
      expect(mutable).toEqual(json(before));
    }
  });

  it('a clock event before nextDue changes nothing; at nextDue it does', () => {
    holds([nextDueExact], { maxEvents: 10 });
  }, 60_000);
});

describe('junk input', () => {
  const pending = (() => {
    const r = plextrac.create({ type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-02-01' });
    if (!r.ok) throw r.error;
    return r.state;
  })();

  const junk = fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.record({ type: fc.constantFrom('clock', 'approve', 'request', 'cancel', 'report_status_changed', 'reschedule'), at: fc.anything() }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'type', 'at', 'prototype'), fc.jsonValue()),
  );

  test.prop([junk])('any value as an event gives a typed error or a result, never a throw', (value) => {
    const r = plextrac.apply(pending, value as never);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
    const c = plextrac.create(value as never);
    if (!c.ok) expect(ERROR_CODES).toContain(c.error.code);
    const m = machineEngine(plextrac).apply(pending, value as never);
    expect(m.ok).toBe(r.ok);
  });

  test.prop([junk])('any value as a state gives a typed error', (value) => {
    const r = plextrac.apply(value as never, { type: 'clock', at: '2024-01-02T00:00:00Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });

  // Junk values above are refused by the state's schema before the lifecycle looks at them. These states pass the
  // schema (real states after a JSON round trip, one fact changed) and must be refused by the lifecycle's own check,
  // with the code and a message that names the disagreement.
  const STATUSES = plextrac.statuses;
  const MUTATIONS = ['none', 'status', 'order', 'cancelled', 'lifecycle'] as const;
  const expected: Record<(typeof MUTATIONS)[number], { code: string; message: RegExp } | null> = {
    none: null,
    status: { code: 'invalid_input', message: /^Inconsistent engagement state .*status is .* but its facts .* give / },
    order: { code: 'invalid_input', message: /^Inconsistent engagement state .*updatedAt .* is before createdAt/ },
    cancelled: { code: 'invalid_input', message: /^Inconsistent engagement state .*status is .* but its facts .* give / },
    lifecycle: { code: 'lifecycle_mismatch', message: /belongs to lifecycle "defectdojo"/ },
  };

  it('schema-valid but inconsistent states reach the lifecycle check and are refused, naming the disagreement', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(plextracScenarioArb({ maxEvents: 8 }), fc.nat(), fc.constantFrom(...MUTATIONS), fc.nat(), fc.integer({ min: 1, max: 86_400_000 }), (scenario, pick, mutation, other, later) => {
        const states = stepsOf(scenario).flatMap((step) => (step.result.ok ? [step.result.state] : []));
        fc.pre(states.length > 0);
        const state = json(states[pick % states.length]);
        const changed = { ...state, data: { ...state.data } };
        if (mutation === 'status') changed.status = STATUSES.filter((s) => s !== state.status)[other % (STATUSES.length - 1)];
        if (mutation === 'order') changed.createdAt = new Date(Date.parse(state.updatedAt) + later).toISOString();
        if (mutation === 'cancelled') changed.data.cancelled = !state.data.cancelled;
        if (mutation === 'lifecycle') changed.lifecycle = 'defectdojo';
        const r = plextrac.apply(changed, { type: 'clock', at: state.updatedAt }, { settings: { timeZone: scenario.timeZone } });
        const want = expected[mutation];
        seen.add(mutation);
        // Unchanged, the state passes the check: the clock is applied, or refused only because Canceled is final.
        if (want === null) expect(r.ok || r.error.code === 'terminal_state', !r.ok ? r.error.message : '').toBe(true);
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe(want.code);
            expect(r.error.message).toMatch(want.message);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual([...MUTATIONS].sort());
  }, 60_000);

  test.prop([junk])('any value as options gives a typed error or a result', (value) => {
    const r = plextrac.apply(pending, { type: 'clock', at: '2024-01-02T00:00:00Z' }, value as never);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });

  test('a JSON "__proto__" key is refused, and nothing is polluted', () => {
    const event = JSON.parse('{"type":"clock","at":"2024-01-02T00:00:00Z","__proto__":{"polluted":true}}');
    const r = plextrac.apply(pending, event);
    expect(!r.ok && r.error.code).toBe('invalid_input');
    const state = JSON.parse(JSON.stringify(pending).replace('"data":{', '"data":{"__proto__":{"polluted":true},'));
    const s = plextrac.apply(state, { type: 'clock', at: '2024-01-02T00:00:00Z' });
    expect(s.ok).toBe(true);
    if (s.ok) expect(deepEqual(Object.keys(s.state.data), Object.keys(pending.data))).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

function deepFreezeCopy<T>(value: T): T {
  const copy = JSON.parse(JSON.stringify(value));
  const freeze = (v: unknown): void => {
    if (v && typeof v === 'object') {
      Object.freeze(v);
      for (const k of Object.keys(v)) freeze((v as Record<string, unknown>)[k]);
    }
  };
  freeze(copy);
  return copy;
}
