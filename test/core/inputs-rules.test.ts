/**
 * What both engines check before they decide anything (`src/core/inputs.ts`), stated from the documented contract:
 * each refusal of call options, events, states and the id generator, word for word; unknown option keys refused
 * (with a hint for a misplaced time zone); a frozen settings object parsed once, an unfrozen one every call; an
 * event the engine returned and a state it produced taken back without a second parse; the state checked before
 * the event. Expected wordings are written out here.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineLifecycle, instant, isLifecycleError, unwrap, type LifecycleError } from '../../src/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';
import { trap } from '../fuzz/refusals.js';

const at = (h: number) => instant(new Date(Date.UTC(2024, 0, 1, h)));
const open = { type: 'open', id: 't1', at: at(0), title: 'Scope call', points: 3, dueMs: Date.UTC(2024, 0, 1, 10) } as const;
const { id: _id, ...noId } = open;
const TOO_BIG = '"estimate" is not allowed for engagement "t1" (Open) now: the estimate is above the maximum.';

/** The error of a refused result. */
function refused(result: { readonly ok: boolean; readonly error?: LifecycleError }): LifecycleError {
  if (result.ok || !result.error) throw new Error('expected a refusal');
  expect(isLifecycleError(result.error)).toBe(true);
  return result.error;
}

/** A copy of the ticket declaration (its own compiled form and caches) with `parse` counting each settings parse. */
function countingSettings() {
  const counter = { parses: 0 };
  const settings = z.object({ maxPoints: z.number().int().default(13) }).transform((s) => {
    counter.parses++;
    return s;
  });
  return { counter, lifecycle: defineLifecycle({ ...ticketDeclaration, settings: settings as never }) };
}

describe('call options', () => {
  const state = unwrap(ticket.create(open)).state;
  const estimate = { type: 'estimate', at: at(1), points: 20 } as const;

  it('none at all means the default settings and no id generator', () => {
    expect(refused(ticket.apply(state, estimate)).message).toBe(TOO_BIG);
    expect(refused(ticket.create(noId)).message).toBe('"open" has no "id" and no id generator was passed (options.newId)');
  });

  it('what is not an object is refused', () => {
    for (const options of [null, 5, 'settings', true]) {
      const e = refused(ticket.apply(state, estimate, options as never));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toBe('Invalid options: expected an object such as { settings, newId }');
    }
  });

  it('options whose keys cannot be read are refused as such', () => {
    const e = refused(ticket.apply(state, estimate, trap() as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('Invalid options: its keys cannot be read; expected a plain object such as { settings, newId }');
  });

  it('an unknown key is refused with its name, and a time zone is pointed to the settings', () => {
    const e = refused(ticket.apply(state, estimate, { settings: {}, budget: 3 } as never));
    expect([e.code, e.message]).toEqual(['invalid_input', 'Invalid options: unknown key "budget"; expected { settings, newId }']);
    expect(e.issues).toEqual([{ path: ['budget'], message: 'unknown key', code: 'unrecognized_keys' }]);
    expect(refused(ticket.apply(state, estimate, { timeZone: 'Europe/Paris' } as never)).message).toBe(
      'Invalid options: unknown key "timeZone"; expected { settings, newId } (a time zone belongs in the settings: { settings: { timeZone } })',
    );
  });

  it('both known keys are accepted, each alone or together, and an explicit undefined counts as absent', () => {
    expect(unwrap(ticket.apply(state, estimate, { settings: { maxPoints: 20 } })).state.data.points).toBe(20);
    expect(unwrap(ticket.create(noId, { newId: () => 'n1' })).state.id).toBe('n1');
    expect(unwrap(ticket.create(noId, { settings: { maxPoints: 20 }, newId: () => 'n2' })).state.id).toBe('n2');
    expect(refused(ticket.apply(state, estimate, { settings: undefined, newId: undefined } as never)).message).toBe(TOO_BIG);
  });

  it('a newId that is not a function is refused', () => {
    for (const newId of ['gen', 1, null, {}]) {
      const e = refused(ticket.create(noId, { newId } as never));
      expect([e.code, e.message]).toEqual(['invalid_input', 'Invalid options: newId must be a function that returns a new id']);
    }
  });

  it('settings are parsed by the declaration: a bad one is refused, defaults are filled in', () => {
    const e = refused(ticket.apply(state, estimate, { settings: { maxPoints: 'many' } } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message.startsWith('Invalid settings:\n')).toBe(true);
    expect(e.issues?.[0]?.path).toEqual(['maxPoints']);
    expect(refused(ticket.apply(state, estimate, { settings: null } as never)).message.startsWith('Invalid settings:\n')).toBe(true);
    expect(refused(ticket.apply(state, estimate, { settings: {} })).message).toBe(TOO_BIG);
  });

  it('a frozen settings object is parsed once; an unfrozen one, which may change, every call', () => {
    const { counter, lifecycle } = countingSettings();
    const s = unwrap(lifecycle.create(open)).state;
    const before = counter.parses;
    const frozen = Object.freeze({ maxPoints: 20 });
    for (let i = 0; i < 3; i++) expect(unwrap(lifecycle.apply(s, estimate, { settings: frozen })).state.data.points).toBe(20);
    expect(counter.parses - before).toBe(1);
    const open20 = { maxPoints: 20 };
    expect(unwrap(lifecycle.apply(s, estimate, { settings: open20 })).state.data.points).toBe(20);
    open20.maxPoints = 5;
    expect(refused(lifecycle.apply(s, estimate, { settings: open20 })).message).toBe(TOO_BIG);
    expect(counter.parses - before).toBe(3);
    expect(Object.isFrozen(open20)).toBe(false);
  });

  it('settings that are not objects, where a declaration accepts them, are parsed on every call', () => {
    let parses = 0;
    const settings = z.union([z.null(), z.string(), z.object({ maxPoints: z.number().int().default(13) })]).transform((v) => {
      parses++;
      return typeof v === 'object' && v !== null ? v : { maxPoints: v === null ? 1 : 100 };
    });
    const lifecycle = defineLifecycle({ ...ticketDeclaration, settings: settings as never });
    const s = unwrap(lifecycle.create(open)).state;
    const before = parses;
    for (let i = 0; i < 2; i++) {
      expect(refused(lifecycle.apply(s, estimate, { settings: null } as never)).message).toBe(TOO_BIG);
      expect(unwrap(lifecycle.apply(s, estimate, { settings: 'generous' } as never)).state.data.points).toBe(20);
    }
    expect(parses - before).toBe(4);
  });

  it('the parsed settings the rules see are frozen', () => {
    let seen: unknown;
    const probe = defineLifecycle({
      ...ticketDeclaration,
      transitions: [{ from: '*', on: 'tick', update: ({ state, settings }: { state: { data: unknown }; settings: unknown }) => ((seen = settings), state.data) }],
    } as never);
    const s = unwrap(probe.create(open)).state;
    unwrap(probe.apply(s, { type: 'tick', at: at(1) }, { settings: { maxPoints: 4 } }));
    expect(seen).toEqual({ maxPoints: 4 });
    expect(Object.isFrozen(seen)).toBe(true);
  });
});

describe('events', () => {
  const state = unwrap(ticket.create(open)).state;

  it('what is not a plain object is refused', () => {
    for (const event of [null, 3, 'tick', [{ type: 'tick', at: at(1) }]]) {
      const e = refused(ticket.apply(state, event as never));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toBe('Invalid event: expected an object with a "type" and an "at"');
    }
  });

  it('an undefined event is refused, even before the declaration has validated any event', () => {
    const fresh = defineLifecycle({ ...ticketDeclaration });
    expect(refused(fresh.apply(state, undefined as never)).message).toBe('Invalid event: expected an object with a "type" and an "at"');
  });

  it('a type that is missing, not a string or only inherited is refused', () => {
    const inherited = Object.create({ type: 'tick' }) as object;
    Object.assign(inherited, { at: at(1) });
    for (const event of [{ at: at(1) }, { type: 7, at: at(1) }, inherited]) {
      const e = refused(ticket.apply(state, event as never));
      expect([e.code, e.message]).toEqual(['invalid_input', 'Invalid event: "type" must be a string']);
      expect(e.issues).toEqual([{ path: ['type'], message: 'expected a string', code: 'invalid_type' }]);
    }
  });

  it('an unknown type is refused with the list of the lifecycle\'s events', () => {
    const e = refused(ticket.apply(state, { type: 'reopen', at: at(1) } as never));
    expect(e.code).toBe('unknown_event');
    expect(e.message).toBe(
      'Unknown event "reopen" for lifecycle "ticket": expected one of open, block, unblock, finish, estimate, tick, archive, explode, rename',
    );
    expect(e.details).toEqual({ event: 'reopen', lifecycle: 'ticket' });
  });

  it('an event of no fields of its own without an "at", or with one that is not text, is refused by its schema', () => {
    for (const event of [{ type: 'tick' }, { type: 'tick', at: null }, { type: 'tick', at: 5 }]) {
      const e = refused(ticket.apply(state, event as never));
      expect(e.message.startsWith('Invalid "tick" event:\n')).toBe(true);
      expect(e.issues?.[0]?.path).toEqual(['at']);
    }
  });

  it('a payload that does not match its schema is refused naming the event', () => {
    const e = refused(ticket.apply(state, { type: 'estimate', at: at(1), points: -1 } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message.startsWith('Invalid "estimate" event:\n')).toBe(true);
    expect(e.details).toEqual({ event: 'estimate' });
    expect(e.issues?.[0]?.path).toEqual(['points']);
  });

  it('the validated event the engine returned is taken back without a second parse; an equal copy is parsed', () => {
    let parses = 0;
    const counted = z
      .object({ type: z.literal('estimate'), at: z.string(), points: z.number().int().min(0) })
      .strict()
      .transform((e) => {
        parses++;
        return e;
      });
    const lifecycle = defineLifecycle({ ...ticketDeclaration, events: { ...ticketDeclaration.events, estimate: counted } } as never);
    const s = unwrap(lifecycle.create(open)).state;
    const first = unwrap(lifecycle.apply(s, { type: 'estimate', at: at(1), points: 5 } as never));
    expect(parses).toBe(1);
    unwrap(lifecycle.apply(first.state, first.event));
    expect(parses).toBe(1);
    unwrap(lifecycle.apply(first.state, { ...first.event }));
    expect(parses).toBe(2);
  });
});

describe('states', () => {
  it('what is not a plain object is refused', () => {
    for (const state of [null, 'Open', 4, [open]]) {
      const e = refused(ticket.apply(state as never, { type: 'tick', at: at(1) }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toBe('Invalid engagement state: expected an object');
    }
  });

  it('a state of the wrong shape is refused with zod\'s issues', () => {
    const s = unwrap(ticket.create(open)).state;
    const e = refused(ticket.apply({ ...s, version: 'one' } as never, { type: 'tick', at: at(1) }));
    expect(e.code).toBe('invalid_input');
    expect(e.message.startsWith('Invalid engagement state:\n')).toBe(true);
    expect(e.issues?.[0]?.path).toEqual(['version']);
  });

  it('a state whose status disagrees with its data is refused by the declaration\'s own rule', () => {
    const lifecycle = defineLifecycle({ ...ticketDeclaration, consistency: (s) => (s.status === 'Blocked' && s.data.points <= 8 ? 'a blocked ticket is a big one' : null) });
    const s = unwrap(lifecycle.create(open)).state;
    const e = refused(lifecycle.apply({ ...s, status: 'Blocked' }, { type: 'tick', at: at(1) }));
    expect([e.code, e.message]).toEqual(['invalid_input', 'Inconsistent engagement state "t1": a blocked ticket is a big one']);
    expect(e.issues).toEqual([{ path: [], message: 'a blocked ticket is a big one', code: 'inconsistent_state' }]);
    // The engine's own state is not re-checked; a copy of it is, and passes.
    expect(unwrap(lifecycle.apply(s, { type: 'tick', at: at(1) })).ok).toBe(true);
    expect(unwrap(lifecycle.apply({ ...s }, { type: 'tick', at: at(1) })).ok).toBe(true);
  });

  it('the consistency rule is given the call\'s settings', () => {
    const lifecycle = defineLifecycle({
      ...ticketDeclaration,
      consistency: (s, settings) => (s.data.points > (settings?.maxPoints ?? 13) ? 'above the maximum' : null),
    });
    const s = unwrap(lifecycle.create({ ...open, points: 10 })).state;
    const copy = { ...s };
    expect(refused(lifecycle.apply(copy, { type: 'tick', at: at(1) }, { settings: { maxPoints: 9 } })).message).toBe(
      'Inconsistent engagement state "t1": above the maximum',
    );
    expect(unwrap(lifecycle.apply(copy, { type: 'tick', at: at(1) }, { settings: { maxPoints: 10 } })).ok).toBe(true);
  });

  it('the state is checked before the event: both wrong, the state\'s refusal is given', () => {
    expect(refused(ticket.apply(null as never, null as never)).message).toBe('Invalid engagement state: expected an object');
  });
});

describe('the id of a new engagement', () => {
  it('is the event\'s own id, else the generator\'s, and the generator is not asked when the event has one', () => {
    let asked = 0;
    const newId = () => `g${++asked}`;
    expect(unwrap(ticket.create(open, { newId })).state.id).toBe('t1');
    expect(asked).toBe(0);
    expect(unwrap(ticket.create(noId, { newId })).state.id).toBe('g1');
  });

  it('a generator that throws, or returns no non-empty string, is refused with what it did', () => {
    const throwing = (thrown: unknown) => () => {
      throw thrown;
    };
    const thrown = refused(ticket.create(noId, { newId: throwing(new Error('pool empty')) }));
    expect([thrown.code, thrown.message]).toEqual(['invalid_input', 'The id generator threw: pool empty']);
    expect(refused(ticket.create(noId, { newId: throwing('no ids left') })).message).toBe('The id generator threw: no ids left');
    for (const made of ['', 42, undefined, null]) {
      const e = refused(ticket.create(noId, { newId: () => made as never }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toBe('The id generator must return a non-empty string');
    }
  });
});
