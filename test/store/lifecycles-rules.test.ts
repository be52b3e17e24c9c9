/**
 * The lifecycle set every store command takes (`src/store/lifecycles.ts`), stated from its documentation: at least
 * one lifecycle, each once, settings only for a lifecycle in the set, each bound to its own settings (or none);
 * a state of a lifecycle outside the set refused naming those in it; each refusal in words, naming the option.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { handledFor, resolveLifecycles } from '../../src/store/lifecycles.js';
import { thrownCode, thrownMessage } from '../fuzz/refusals.js';

describe('resolveLifecycles', () => {
  it('binds each lifecycle to its own settings, or to none', () => {
    const set = resolveLifecycles({ lifecycles: [plextrac, defectdojo], settings: { plextrac: { timeZone: 'Europe/Vienna' } } });
    expect([...set.keys()]).toEqual(['plextrac', 'defectdojo']);
    expect(set.get('plextrac')!.lifecycle).toBe(plextrac);
    expect(set.get('plextrac')!.options).toEqual({ settings: { timeZone: 'Europe/Vienna' } });
    expect(set.get('defectdojo')!.options).toStrictEqual({});
    expect(set.get('plextrac')!.clockEvent).toBe('clock');
    // The bound engine uses the lifecycle's own settings: Vienna's midnight, not UTC's.
    const scheduled = plextrac.create({ type: 'schedule', id: 'e1', at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web', startDate: '2026-01-12' });
    if (!scheduled.ok) throw scheduled.error;
    const due = set.get('plextrac')!.bound.nextDue(scheduled.state);
    expect(due.ok && due.due).toBe('2026-01-11T23:00:00.000Z');
  });

  it('refuses no lifecycle, a lifecycle twice, and settings for a lifecycle not in the set, in words', () => {
    expect(thrownMessage(() => resolveLifecycles({ lifecycles: [] }))).toContain('name at least one lifecycle');
    expect(thrownMessage(() => resolveLifecycles({ lifecycles: [plextrac, plextrac] }))).toBe('Lifecycle "plextrac" is listed twice');
    expect(thrownCode(() => resolveLifecycles({ lifecycles: [plextrac, plextrac] }))).toBe('invalid_input');
    expect(thrownMessage(() => resolveLifecycles({ lifecycles: [plextrac, defectdojo], settings: { review: {} } }))).toBe(
      'Settings given for lifecycle "review", which is not among the lifecycles (plextrac, defectdojo)',
    );
    expect(thrownCode(() => resolveLifecycles({ lifecycles: [plextrac], settings: { review: {} } }))).toBe('invalid_input');
  });

  it('refuses what is not a lifecycle, naming the option, and invalid settings', () => {
    const refusal = thrownMessage(() => resolveLifecycles({ lifecycles: [{ id: 'plextrac' }] as never }));
    expect(refusal).toContain('lifecycles');
    expect(refusal).toContain('expected a lifecycle (from defineLifecycle, e.g. plextrac)');
    expect(thrownCode(() => resolveLifecycles({ lifecycles: [plextrac], settings: { plextrac: { timeZone: 'Mars/Olympus' } } }))).toBe('invalid_input');
    const unreadable = Object.defineProperty({}, 'lifecycles', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(thrownMessage(() => resolveLifecycles(unreadable as never))).toBe('Invalid input to the lifecycles option: reading it threw (Error: no)');
  });
});

describe('handledFor', () => {
  const set = resolveLifecycles({ lifecycles: [plextrac, defectdojo] });

  it('finds a lifecycle of the set by its id', () => {
    expect(handledFor(set, 'defectdojo').lifecycle).toBe(defectdojo);
  });

  it('refuses an id not in the set, naming those in it, and an id that is not text', () => {
    expect(thrownMessage(() => handledFor(set, 'review'))).toBe('Lifecycle "review" is not among the handled lifecycles (plextrac, defectdojo)');
    expect(thrownCode(() => handledFor(set, 'review'))).toBe('invalid_input');
    expect(thrownMessage(() => handledFor(set, 7 as never))).toBe('Expected a lifecycle id, got 7');
    expect(thrownCode(() => handledFor(set, 7 as never))).toBe('invalid_input');
  });
});
