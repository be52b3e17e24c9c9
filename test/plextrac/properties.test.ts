import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { deriveStatus, plextrac, type PlextracEventInput, type PlextracState } from '../../src/plextrac/index.js';
import { ERROR_CODES, deepEqual, instant, type Effect } from '../../src/index.js';
import { plextracScenarioArb, type PlextracScenario } from '../../src/testing/arbitraries.js';

interface Step {
  readonly event: PlextracEventInput;
  readonly before: PlextracState;
  readonly result: ReturnType<typeof plextrac.apply>;
}

function runFast(scenario: PlextracScenario): { created: ReturnType<typeof plextrac.create>; steps: Step[] } {
  const engine = plextrac.with({ settings: { timeZone: scenario.timeZone } });
  const created = engine.create(scenario.create);
  const steps: Step[] = [];
  if (!created.ok) return { created, steps };
  let state = created.state;
  for (const event of scenario.events) {
    const result = engine.apply(state, event);
    steps.push({ event, before: state, result });
    if (result.ok) state = result.state;
  }
  return { created, steps };
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('PlexTrac properties', () => {
  test.prop([plextracScenarioArb({ maxEvents: 15 })], { numRuns: 150 })('the fast engine and the xstate machine agree on every step', (scenario) => {
    const options = { settings: { timeZone: scenario.timeZone } };
    const fast = plextrac.with(options);
    const machine = plextrac.machineEngine(options);
    const a = fast.create(scenario.create);
    const b = machine.create(scenario.create);
    expect(json(b)).toEqual(json(a));
    if (!a.ok || !b.ok) return;
    let sa = a.state;
    let sb = b.state;
    for (const event of scenario.events) {
      const ra = fast.apply(sa, event);
      const rb = machine.apply(sb, event);
      expect(json(rb)).toEqual(json(ra));
      if (ra.ok) sa = ra.state;
      if (rb.ok) sb = rb.state;
    }
  });

  test.prop([plextracScenarioArb()])('after every applied event, the status is the derivation at the event time', (scenario) => {
    const { created, steps } = runFast(scenario);
    expect(created.ok).toBe(true);
    for (const { result } of steps) {
      if (!result.ok) continue;
      const s = result.state;
      const at = result.changed ? s.updatedAt : result.event.at;
      expect(s.status).toBe(deriveStatus(s.data, Date.parse(at), scenario.timeZone));
    }
  });

  test.prop([plextracScenarioArb({ cancelWeight: 3 })])('Canceled absorbs: once Canceled, every event is refused with terminal_state', (scenario) => {
    const { steps } = runFast(scenario);
    for (const { before, result } of steps) {
      if (before.status === 'Canceled') {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('terminal_state');
      }
    }
  });

  test.prop([plextracScenarioArb()])('the version grows by exactly one per change, and not at all otherwise', (scenario) => {
    const { created, steps } = runFast(scenario);
    if (created.ok) expect(created.state.version).toBe(1);
    for (const { before, result } of steps) {
      if (!result.ok) continue;
      if (result.changed) {
        expect(result.state.version).toBe(before.version + 1);
        expect(result.state.updatedAt).toBe(result.event.at);
      } else {
        expect(result.state).toBe(before);
        expect(result.effects).toEqual([]);
      }
      const statusChanged = result.state.status !== before.status;
      expect(result.effects.some((e) => e.type === 'status_changed')).toBe(statusChanged);
    }
  });

  test.prop([plextracScenarioArb()])('effect ids are unique within a run and identical on replay', (scenario) => {
    const collect = (): string[] => {
      const { created, steps } = runFast(scenario);
      const effects: Effect[] = created.ok ? [...created.effects] : [];
      for (const { result } of steps) if (result.ok) effects.push(...result.effects);
      return effects.map((e) => e.id);
    };
    const ids = collect();
    expect(new Set(ids).size).toBe(ids.length);
    expect(collect()).toEqual(ids);
  });

  test.prop([plextracScenarioArb()])('inputs are never mutated, and deep-frozen inputs are accepted', (scenario) => {
    const options = { settings: { timeZone: scenario.timeZone } };
    const { steps } = runFast(scenario);
    for (const { before, event, result } of steps) {
      // An untrusted copy (as if loaded from a database), deep-frozen, with a frozen event.
      const state = deepFreezeCopy(before);
      const ev = deepFreezeCopy(event);
      const snapshotState = json(state);
      const snapshotEvent = json(ev);
      const again = plextrac.apply(state, ev, options);
      expect(json(state)).toEqual(snapshotState);
      expect(json(ev)).toEqual(snapshotEvent);
      expect(json(again)).toEqual(json(result));
      // A mutable copy stays untouched as well.
      const mutable = json(before);
      plextrac.apply(mutable, json(event), options);
      expect(mutable).toEqual(json(before));
    }
  });

  test.prop([plextracScenarioArb({ maxEvents: 10 })])('a clock event before nextDue changes nothing; at nextDue it does', (scenario) => {
    const { steps } = runFast(scenario);
    const engine = plextrac.with({ settings: { timeZone: scenario.timeZone } });
    for (const { result } of steps) {
      if (!result.ok) continue;
      const due = engine.nextDue(result.state);
      if (due === null) continue;
      if (due > result.state.updatedAt) {
        const before = instant(new Date(Date.parse(due) - 1));
        if (before >= result.state.updatedAt) expect(unwrapChanged(engine.apply(result.state, { type: 'clock', at: before }))).toBe(false);
        expect(unwrapChanged(engine.apply(result.state, { type: 'clock', at: due }))).toBe(true);
      }
    }
  });
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
    const m = plextrac.machineEngine().apply(pending, value as never);
    expect(m.ok).toBe(r.ok);
  });

  test.prop([junk])('any value as a state gives a typed error', (value) => {
    const r = plextrac.apply(value as never, { type: 'clock', at: '2024-01-02T00:00:00Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });

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

function unwrapChanged(r: ReturnType<typeof plextrac.apply>): boolean {
  if (!r.ok) throw r.error;
  return r.changed;
}

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
