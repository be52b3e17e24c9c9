/**
 * The lifecycle object (`src/core/lifecycle.ts`), stated from its documentation: what it carries from the
 * declaration; every method a public boundary (a caller's throwing getter becomes the typed error naming the
 * lifecycle and the method, thrown by the `parse*` methods and `facets`, the failed result elsewhere); `nextDue`'s
 * instant or null; `facets`' default; the `parse*` / `safeParse*` pairs; the bound engine of `with`.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, unwrap, type LifecycleError } from '../../src/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';
import { thrownCode, thrownMessage, trap } from '../fuzz/refusals.js';

const at = '2026-01-01T00:00:00.000Z';
const opened = unwrap(ticket.create({ type: 'open', id: 't1', at, title: 'x', points: 1, dueMs: 0 })).state;
const tick = { type: 'tick', at } as const;
/** An event whose `at` throws when read. */
const unreadableAt = (type: string) => Object.defineProperty({ type, id: 't1', title: 'x', points: 1, dueMs: 0 }, 'at', { enumerable: true, get: () => { throw new Error('at'); } });
const failed = (result: { readonly ok: boolean; readonly error?: LifecycleError }) => (result.ok ? 'ok' : `${result.error!.code}: ${result.error!.message}`);

describe('what the lifecycle carries from its declaration', () => {
  it('its id, version, statuses, terminal statuses and the declaration itself', () => {
    expect(ticket.id).toBe('ticket');
    expect(ticket.version).toBe(1);
    expect(ticket.statuses).toEqual(['Open', 'Blocked', 'Done', 'Archived']);
    expect(ticket.terminal).toEqual(['Archived']);
    expect(ticket.declaration).toBe(ticketDeclaration);
  });

  it('its regions\' values, as a frozen copy; none without regions', () => {
    expect(ticket.regions).toEqual({ schedule: ['on_time', 'late'] });
    const schedule = (ticket.regions as Readonly<Record<string, readonly string[]>>)['schedule'];
    expect(schedule).not.toBe(ticketDeclaration.regions!['schedule']!.values);
    expect(Object.isFrozen(ticket.regions) && Object.isFrozen(schedule)).toBe(true);
    expect(small().regions).toEqual({});
  });
});

describe('each method names itself when a caller\'s value throws', () => {
  it('create and apply, and the bound engine\'s: the failed result', () => {
    expect(failed(ticket.create(unreadableAt('open') as never))).toBe('invalid_input: Invalid input to ticket.create: reading it threw (Error: at)');
    expect(failed(ticket.apply(trap() as never, tick))).toBe('invalid_input: Invalid input to ticket.apply: reading it threw (Error: trap)');
    const bound = ticket.with({});
    expect(failed(bound.create(unreadableAt('open') as never))).toBe('invalid_input: Invalid input to ticket.create: reading it threw (Error: at)');
    expect(failed(bound.apply(trap() as never, tick))).toBe('invalid_input: Invalid input to ticket.apply: reading it threw (Error: trap)');
    expect(failed(bound.nextDue(trap() as never))).toBe('invalid_input: Invalid input to ticket.nextDue: reading it threw (Error: trap)');
    expect(failed(ticket.nextDue(trap() as never))).toBe('invalid_input: Invalid input to ticket.nextDue: reading it threw (Error: trap)');
  });

  it('parse* and facets throw; safeParse* return the failure', () => {
    expect(thrownMessage(() => ticket.facets(trap() as never))).toBe('Invalid input to ticket.facets: reading it threw (Error: trap)');
    expect(thrownMessage(() => ticket.parseState(trap()))).toBe('Invalid input to ticket.parseState: reading it threw (Error: trap)');
    expect(failed(ticket.safeParseState(trap()))).toBe('invalid_input: Invalid input to ticket.safeParseState: reading it threw (Error: trap)');
    expect(thrownMessage(() => ticket.parseSettings(trap()))).toBe('Invalid input to ticket.parseSettings: reading it threw (Error: trap)');
    expect(failed(ticket.safeParseSettings(trap()))).toBe('invalid_input: Invalid input to ticket.safeParseSettings: reading it threw (Error: trap)');
    expect(thrownMessage(() => ticket.parseEvent(unreadableAt('tick')))).toBe('Invalid input to ticket.parseEvent: reading it threw (Error: at)');
    expect(failed(ticket.safeParseEvent(unreadableAt('tick')))).toBe('invalid_input: Invalid input to ticket.safeParseEvent: reading it threw (Error: at)');
  });

  it('with, for options whose settings throw when read', () => {
    const options = Object.defineProperty({}, 'settings', { enumerable: true, get: () => { throw new Error('s'); } });
    expect(thrownMessage(() => ticket.with(options as never))).toBe('Invalid input to ticket.with: reading it threw (Error: s)');
  });

  it('defineLifecycle, for a declaration that throws when read', () => {
    const declaration = new Proxy({ ...ticketDeclaration }, { get: () => { throw new Error('no'); } });
    expect(thrownMessage(() => defineLifecycle(declaration as never))).toBe('Invalid input to defineLifecycle: reading it threw (Error: no)');
  });
});

describe('the parse* / safeParse* pairs', () => {
  it('give the parsed value, or its refusal thrown or returned', () => {
    expect(ticket.parseEvent(tick)).toEqual(tick);
    expect(unwrap(ticket.safeParseEvent(tick)).event).toEqual(tick);
    expect(ticket.parseState(opened)).toEqual(opened);
    expect(unwrap(ticket.safeParseState(opened)).state).toEqual(opened);
    expect(ticket.parseSettings({})).toEqual({ maxPoints: 13 });
    expect(unwrap(ticket.safeParseSettings({ maxPoints: 5 })).settings).toEqual({ maxPoints: 5 });
    expect(thrownCode(() => ticket.parseEvent({ type: 'tick' }))).toBe('invalid_input');
    expect(ticket.safeParseEvent({ type: 'tick' }).ok).toBe(false);
    expect(thrownCode(() => ticket.parseState({ ...opened, status: 'Lost' }))).toBe('invalid_input');
    expect(ticket.safeParseState({ ...opened, status: 'Lost' }).ok).toBe(false);
    expect(thrownCode(() => ticket.parseSettings({ maxPoints: 'many' }))).toBe('invalid_input');
    expect(ticket.safeParseSettings({ maxPoints: 'many' }).ok).toBe(false);
  });
});

describe('nextDue and facets', () => {
  it('nextDue: the hook\'s instant as ISO, or null when it gives none; the bound engine\'s the same, and its refusal', () => {
    const lifecycle = small();
    const state = unwrap(lifecycle.create({ type: 'open', id: 'd1', at })).state;
    expect(unwrap(lifecycle.nextDue(state)).due).toBe('2026-01-01T01:00:00.000Z');
    expect(unwrap(lifecycle.with({}).nextDue(state)).due).toBe('2026-01-01T01:00:00.000Z');
    const closed = unwrap(lifecycle.apply(state, { type: 'snooze', at })).state;
    expect(unwrap(lifecycle.nextDue(closed)).due).toBeNull();
    expect(unwrap(lifecycle.with({}).nextDue(closed)).due).toBeNull();
    // An invalid state: the state's own refusal, as parseState gives it, from both.
    const lost = { ...state, status: 'Lost' } as never;
    const refusal = failed(lifecycle.safeParseState(lost));
    expect(refusal).toMatch(/^invalid_input: Invalid engagement state:/);
    expect(failed(lifecycle.with({}).nextDue(lost))).toBe(refusal);
    expect(failed(lifecycle.nextDue(lost))).toBe(refusal);
    // Options it cannot use: their refusal, before the state is looked at.
    expect(failed(lifecycle.nextDue(state, { timeZone: 'UTC' } as never))).toBe(
      'invalid_input: Invalid options: unknown key "timeZone"; expected { settings, newId } (a time zone belongs in the settings: { settings: { timeZone } })',
    );
  });

  it('facets: the declaration\'s own, else no asset and active unless terminal', () => {
    const lifecycle = small();
    const state = unwrap(lifecycle.create({ type: 'open', id: 'd1', at })).state;
    expect(lifecycle.facets(state)).toEqual({ asset: null, active: true });
    expect(lifecycle.facets(unwrap(lifecycle.apply(state, { type: 'close', at })).state)).toEqual({ asset: null, active: false });
    const owned = small({ facets: () => ({ asset: 'acme', active: false }) });
    expect(owned.facets(unwrap(owned.create({ type: 'open', id: 'd1', at })).state)).toEqual({ asset: 'acme', active: false });
  });
});

/** A two-status lifecycle whose next due instant is an hour after its last change, unless snoozed. */
function small(extra: object = {}) {
  const events = { open: creationEventSchema('open', {}), close: eventSchema('close', {}), snooze: eventSchema('snooze', {}) };
  type Events = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];
  return defineLifecycle(
    declareLifecycle<'Open' | 'Closed', { readonly snoozed: boolean }, Events, Record<string, never>, never>({
      id: 'door',
      version: 1,
      statuses: ['Open', 'Closed'],
      terminal: ['Closed'],
      data: z.object({ snoozed: z.boolean() }) as never,
      events: events as never,
      settings: z.object({}) as never,
      create: [{ on: 'open', to: 'Open', init: () => ({ snoozed: false }) }],
      transitions: [
        { from: ['Open'], on: 'close', to: 'Closed' },
        { from: ['Open'], on: 'snooze', update: () => ({ snoozed: true }) },
      ],
      nextDue: (state) => (state.data.snoozed ? null : Date.parse(state.updatedAt) + 3_600_000),
      ...extra,
    }),
  );
}
