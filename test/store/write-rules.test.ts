/**
 * `writeOf`'s rules (`src/store/write.ts`), each refusal word for word: what it accepts as the previous state, the
 * change and the options; which writes it marks as the engine's own (stores take those without validating them
 * again) and which it leaves to the store's validation; the copy of hand-made effects; and the bound lifecycle it
 * keeps per settings object only when that object is frozen (so a host's mutable settings object is read anew).
 * The expected messages are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { LifecycleError, unwrap, type Effect } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { parseWrite, writeOf } from '../../src/store/index.js';
import { at, probeA, probeB } from '../../src/testing/store-contract/probe.js';

const created = unwrap(probeA.create({ type: 'open', id: 'e1', at: at(0), asset: 'acme', dueMs: Date.parse(at(10)) }));
const edited = unwrap(probeA.apply(created.state, { type: 'edit', at: at(1), note: 'x' }));

/** The error `f` throws: a LifecycleError, else the test fails. */
function thrown(f: () => unknown): LifecycleError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(LifecycleError);
    return error as LifecycleError;
  }
  throw new Error('expected a refusal');
}

describe('writeOf refuses, saying what it expected', () => {
  const previousMessage = (got: string) => `writeOf expects the previous state to be a state (or null for a creation), got ${got}`;
  const { version: _v, ...noVersion } = created.state;
  const { status: _s, ...noStatus } = created.state;
  const { id: _i, ...noId } = created.state;
  const { lifecycle: _l, ...noLifecycle } = created.state;
  const previousCases: [string, unknown, string][] = [
    ['undefined', undefined, 'undefined'],
    ['a string', 'e1', '"e1"'],
    ['no lifecycle', noLifecycle, 'an object'],
    ['no id', noId, 'an object'],
    ['no status', noStatus, 'an object'],
    ['no version', noVersion, 'an object'],
    ['a fractional version', { ...created.state, version: 1.5 }, 'an object'],
  ];
  it.each(previousCases)('a previous state that is not one (%s)', (_name, previous, got) => {
    const e = thrown(() => writeOf(probeA, previous as never, edited));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe(previousMessage(got));
  });

  const changeCases: [string, unknown, string][] = [
    ['null', null, 'writeOf expects the change to be a create or apply success ({ state, effects, event }), got null'],
    ['a number', 5, 'writeOf expects the change to be a create or apply success ({ state, effects, event }), got 5'],
    ['effects not an array', { ...edited, effects: 'none' }, 'writeOf expects the change\'s effects to be an array, got "none"'],
    ['no event', { ...edited, event: null }, "writeOf expects the change's event to be an event with a type, got null"],
    ['an event that is a string', { ...edited, event: 'edit' }, 'writeOf expects the change\'s event to be an event with a type, got "edit"'],
    ['an event without a type', { ...edited, event: { at: at(1) } }, "writeOf expects the change's event to be an event with a type, got an object"],
    ['changed: false', { ...edited, changed: false }, 'Nothing changed (changed: false): there is nothing to save'],
  ];
  it.each(changeCases)('a change that is not one (%s)', (_name, change, message) => {
    const e = thrown(() => writeOf(probeA, created.state, change as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe(message);
  });

  it('a state of another lifecycle, of another version of it, or no state: lifecycle_mismatch naming both', () => {
    expect(thrown(() => writeOf(probeB, created.state, edited))).toMatchObject({
      code: 'lifecycle_mismatch',
      message: 'This state belongs to lifecycle "probe-a" version 1, not "probe-b" version 1.',
    });
    const later = { ...edited, state: { ...edited.state, lifecycleVersion: 2 } };
    expect(thrown(() => writeOf(probeA, created.state, later))).toMatchObject({
      code: 'lifecycle_mismatch',
      message: 'This state belongs to lifecycle "probe-a" version 2, not "probe-a" version 1.',
    });
    expect(thrown(() => writeOf(probeA, created.state, { ...edited, state: undefined } as never))).toMatchObject({
      code: 'lifecycle_mismatch',
      message: 'This state belongs to lifecycle undefined version undefined, not "probe-a" version 1.',
    });
  });

  it('a state the lifecycle refuses: its own refusal', () => {
    const e = thrown(() => writeOf(probeA, created.state, { ...edited, state: { ...edited.state, status: 'Nope' } } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/status/);
  });

  it('a change of another engagement, or with a version that does not follow', () => {
    expect(thrown(() => writeOf(probeA, { ...created.state, id: 'e2' }, edited)).message).toBe('The previous state is engagement "probe-a/e2", the new one "probe-a/e1"');
    expect(thrown(() => writeOf(probeA, { ...created.state, lifecycle: 'probe-b' }, edited)).message).toBe('The previous state is engagement "probe-b/e1", the new one "probe-a/e1"');
    expect(thrown(() => writeOf(probeA, null, edited)).message).toBe('The new state has version 2; after creation it must be 1');
    expect(thrown(() => writeOf(probeA, edited.state, edited)).message).toBe('The new state has version 2; after version 2 it must be 3');
  });

  it('options that are not an object; a throwing getter in the options or the change names where it was read', () => {
    expect(thrown(() => writeOf(probeA, null, created, null as never)).message).toBe('writeOf expects options { settings }, got null');
    expect(thrown(() => writeOf(probeA, null, created, 'UTC' as never)).message).toBe('writeOf expects options { settings }, got "UTC"');
    const options = Object.defineProperty({}, 'settings', {
      get() {
        throw new Error('no settings here');
      },
    });
    expect(thrown(() => writeOf(probeA, null, created, options)).message).toBe('Invalid input to writeOf options: reading it threw (Error: no settings here)');
    const change = new Proxy(created, {
      get(target, key, receiver) {
        if (key === 'event') throw new TypeError('revoked');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(thrown(() => writeOf(probeA, null, change)).message).toBe('Invalid input to writeOf: reading it threw (TypeError: revoked)');
  });

  it('effects that are not plain data: invalid_input, with the copy\'s error as the cause', () => {
    const effects = [{ ...created.effects[0]!, engagementId: 'other', callback: () => 1 }] as unknown as Effect[];
    const e = thrown(() => writeOf(probeA, null, { ...created, effects }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('writeOf: the effects must be plain data (they are copied into the write)');
    expect(e.cause).toBeInstanceOf(Error);
  });
});

describe('the engine\'s own writes, and the others', () => {
  it('a change exactly as the engine made it is trusted: parseWrite gives the write back as it is', () => {
    const w = writeOf(probeA, created.state, edited);
    expect(parseWrite(w)).toBe(w);
  });

  // Each variant is a valid change, but not the engine's own object: the store must validate it (parseWrite makes a
  // new, parsed write instead of handing this one back).
  const stamp = created.effects[0]!;
  const variants: [string, () => Parameters<typeof writeOf>[2]][] = [
    ['a copy of the state', () => ({ ...created, state: structuredClone(created.state) })],
    ['an effects array that is not frozen', () => ({ ...created, effects: [stamp] })],
    ['an effect that is not frozen', () => ({ ...created, effects: Object.freeze([{ ...stamp }]) })],
    ['an effect of another lifecycle', () => ({ ...created, effects: Object.freeze([Object.freeze({ ...stamp, lifecycle: 'probe-b' })]) })],
    ['an effect of another engagement', () => ({ ...created, effects: Object.freeze([Object.freeze({ ...stamp, engagementId: 'e9' })]) })],
    ['an effect of another version', () => ({ ...created, effects: Object.freeze([Object.freeze({ ...stamp, version: 7 })]) })],
  ];
  it.each(variants)('%s is not trusted', (_name, change) => {
    const w = writeOf(probeA, null, change() as never);
    let parsed: unknown;
    try {
      parsed = parseWrite(w);
    } catch (error) {
      // Refused by the store's validation: not trusted either.
      expect((error as LifecycleError).code).toBe('invalid_input');
      return;
    }
    expect(parsed).not.toBe(w);
  });

  it('hand-made effects are copied into a frozen write; the caller\'s objects are neither kept nor frozen', () => {
    const mine = [{ ...created.effects[0]! }];
    const w = writeOf(probeA, null, { ...created, effects: mine });
    expect(w.effects).toEqual(mine);
    expect(w.effects).not.toBe(mine);
    expect(w.effects[0]).not.toBe(mine[0]);
    expect(Object.isFrozen(w) && Object.isFrozen(w.effects) && Object.isFrozen(w.effects[0])).toBe(true);
    expect(Object.isFrozen(mine) || Object.isFrozen(mine[0])).toBe(false);
    expect(w.engagement).toEqual({ state: created.state, dueAt: at(10), asset: 'acme', active: true });
    expect(w.audit).toMatchObject({ engagementId: 'e1', version: 1, event: 'open' });
  });
});

describe('the audit record', () => {
  it('records the event\'s actor and reason when they are text, null otherwise', () => {
    const said = unwrap(probeA.apply(created.state, { type: 'edit', at: at(1), note: 'x', actor: 'alice', reason: 'typo' } as never));
    expect(writeOf(probeA, created.state, said).audit).toMatchObject({ actor: 'alice', reason: 'typo', from: 'Open', to: 'Open', event: 'edit', version: 2 });
    expect(writeOf(probeA, created.state, edited).audit).toMatchObject({ actor: null, reason: null });
  });
});

describe('settings', () => {
  it('settings that are not an object are refused with the typed error', () => {
    const schedule = { type: 'schedule', id: 'p', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2026-03-09' } as const;
    const r = unwrap(plextrac.create(schedule));
    for (const settings of ['UTC', 5, true]) expect(thrown(() => writeOf(plextrac, null, r, { settings } as never)).code).toBe('invalid_input');
  });

  const schedule = { type: 'schedule', id: 'p', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2026-03-09' } as const;
  const r = unwrap(plextrac.create(schedule));

  it('a settings object the host changes between writes is read anew (only frozen settings are kept)', () => {
    const settings = { timeZone: 'Asia/Kolkata' };
    expect(writeOf(plextrac, null, r, { settings }).engagement.dueAt).toBe('2026-03-08T18:30:00.000Z');
    settings.timeZone = 'America/New_York';
    expect(writeOf(plextrac, null, r, { settings }).engagement.dueAt).toBe('2026-03-09T04:00:00.000Z'); // EDT since March 8
  });

  it('frozen settings give the same due instants on every call; no settings are the defaults (UTC)', () => {
    const settings = Object.freeze({ timeZone: 'Asia/Kolkata' });
    expect(writeOf(plextrac, null, r, { settings }).engagement.dueAt).toBe('2026-03-08T18:30:00.000Z');
    expect(writeOf(plextrac, null, r, { settings }).engagement.dueAt).toBe('2026-03-08T18:30:00.000Z');
    expect(writeOf(plextrac, null, r, {}).engagement.dueAt).toBe('2026-03-09T00:00:00.000Z');
    expect(writeOf(plextrac, null, r).engagement.dueAt).toBe('2026-03-09T00:00:00.000Z');
  });

  it('binds the lifecycle to a frozen settings object, or to none, once; to a mutable one on every write', () => {
    // The sweep writes up to a page of engagements with one tenant's settings: binding them once per frozen object
    // is what keeps that cheap. Counted through a lifecycle whose `with` is wrapped.
    let binds = 0;
    const counted = { ...plextrac, with: (options: never) => (binds++, plextrac.with(options)) } as typeof plextrac;
    const frozen = Object.freeze({ timeZone: 'Asia/Kolkata' });
    for (let i = 0; i < 3; i++) expect(writeOf(counted, null, r, { settings: frozen }).engagement.dueAt).toBe('2026-03-08T18:30:00.000Z');
    expect(binds).toBe(1);
    for (let i = 0; i < 3; i++) writeOf(counted, null, r);
    expect(binds).toBe(2);
    const mutable = { timeZone: 'Asia/Kolkata' };
    for (let i = 0; i < 3; i++) writeOf(counted, null, r, { settings: mutable });
    expect(binds).toBe(5);
    const other = Object.freeze({ timeZone: 'Asia/Kolkata' });
    writeOf(counted, null, r, { settings: other });
    writeOf(plextrac, null, r, { settings: other });
    writeOf(counted, null, r, { settings: frozen });
    writeOf(counted, null, r);
    expect(binds).toBe(6); // the first two bindings are still kept beside the new one
  });
});
