import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineLifecycle, eventSchema, creationEventSchema, instant, LifecycleError, unwrap, isLifecycleError } from '../../src/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';
import { machineEngine } from '../../src/machine/index.js';

const at = (h: number) => instant(new Date(Date.UTC(2024, 0, 1, h)));
const open = { type: 'open', id: 't1', at: at(0), title: 'Scope call', points: 3, dueMs: Date.UTC(2024, 0, 1, 10) } as const;

describe('fast engine', () => {
  it('creates with a dynamic target', () => {
    expect(unwrap(ticket.create(open)).state.status).toBe('Open');
    expect(unwrap(ticket.create({ ...open, points: 13 })).state.status).toBe('Blocked');
  });

  it('chooses the first transition whose guard passes, and explains a guard refusal', () => {
    const s = unwrap(ticket.create({ ...open, points: 0 })).state;
    const r = ticket.apply(s, { type: 'finish', at: at(1) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('transition_not_allowed');
      expect(r.error.message).toContain('an unestimated ticket cannot be finished');
      expect(r.error.details).toMatchObject({ engagementId: 't1', status: 'Open', event: 'finish' });
    }
  });

  it('reject refuses with the declaration\'s own error, in both engines', () => {
    const s = unwrap(ticket.create(open)).state;
    const r = ticket.apply(s, { type: 'rename', at: at(1), title: ' ' });
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(!r.ok && r.error.message).toBe('A ticket needs a title');
    expect(machineEngine(ticket).apply(s, { type: 'rename', at: at(1), title: ' ' })).toEqual(r);
    expect(unwrap(ticket.apply(s, { type: 'rename', at: at(1), title: 'Kick-off' })).state.data.title).toBe('Kick-off');
  });

  it('guards see the settings', () => {
    const s = unwrap(ticket.create(open)).state;
    expect(ticket.apply(s, { type: 'estimate', at: at(1), points: 20 }).ok).toBe(false);
    expect(ticket.apply(s, { type: 'estimate', at: at(1), points: 20 }, { settings: { maxPoints: 40 } }).ok).toBe(true);
  });

  it('a change of data alone bumps the version; effects of one type get distinct ids', () => {
    const s = unwrap(ticket.create(open)).state;
    const r = unwrap(ticket.apply(s, { type: 'estimate', at: at(1), points: 5 }));
    expect(r.changed).toBe(true);
    expect(r.state.version).toBe(2);
    expect(r.effects).toEqual([expect.objectContaining({ id: 'ticket:t1:2:reestimated', type: 'reestimated', from: 3, to: 5, version: 2 })]);
  });

  it('an event that changes nothing returns the same state, unchanged, with no effects', () => {
    const s = unwrap(ticket.create(open)).state;
    const r = unwrap(ticket.apply(s, { type: 'estimate', at: at(1), points: 3 }));
    expect(r).toMatchObject({ changed: false, effects: [] });
    expect(r.state).toBe(s);
  });

  it('not allowed in this status: the message lists where it is allowed', () => {
    const s = unwrap(ticket.create(open)).state;
    const r = ticket.apply(s, { type: 'unblock', at: at(1) });
    expect(!r.ok && r.error.message).toBe('Cannot apply "unblock" to engagement "t1" in status Open: it is allowed only when the status is Blocked.');
  });

  it('terminal statuses refuse everything', () => {
    let s = unwrap(ticket.create(open)).state;
    s = unwrap(ticket.apply(s, { type: 'finish', at: at(1) })).state;
    s = unwrap(ticket.apply(s, { type: 'archive', at: at(2) })).state;
    const r = ticket.apply(s, { type: 'tick', at: at(3) });
    expect(!r.ok && r.error.code).toBe('terminal_state');
  });

  it('a declaration function that throws becomes an invalid_declaration error, not a crash', () => {
    const s = unwrap(ticket.create(open)).state;
    const r = ticket.apply(s, { type: 'explode', at: at(1) });
    expect(!r.ok && r.error.code).toBe('invalid_declaration');
    if (!r.ok) expect(r.error.message).toContain('boom');
    const m = machineEngine(ticket).apply(s, { type: 'explode', at: at(1) });
    expect(!m.ok && m.error.code).toBe('invalid_declaration');
  });

  it('an id generator that misbehaves is reported', () => {
    const { id: _id, ...noId } = open;
    expect(ticket.create(noId, { newId: () => '' }).ok).toBe(false);
    const r = ticket.create(noId, {
      newId: () => {
        throw new Error('pool empty');
      },
    });
    expect(!r.ok && r.error.message).toContain('pool empty');
    expect(ticket.create(noId, { newId: 'x' } as never).ok).toBe(false);
  });

  it('nextDue comes from the declaration, as an instant', () => {
    const s = unwrap(ticket.create(open)).state;
    expect(unwrap(ticket.nextDue(s)).due).toBe('2024-01-01T10:00:00.000Z');
    expect(unwrap(ticket.with({}).nextDue(s)).due).toBe('2024-01-01T10:00:00.000Z');
  });

  it('parseSettings fills in defaults', () => {
    expect(unwrap(ticket.safeParseSettings({})).settings).toEqual({ maxPoints: 13 });
    expect(ticket.safeParseSettings({ maxPoints: 'many' }).ok).toBe(false);
  });
});

describe('declaration checks', () => {
  const minimal = {
    id: 'mini',
    version: 1,
    statuses: ['A', 'B'],
    terminal: [],
    data: z.object({}),
    events: { make: creationEventSchema('make', {}), go: eventSchema('go', {}) },
    settings: z.object({}),
    create: [{ on: 'make', to: 'A', init: () => ({}) }],
    transitions: [{ from: ['A'], on: 'go', to: 'B' }],
  };
  // Each refusal of a declaration, word for word, is in compile-rules.test.ts.
  it('refuses a dynamic target whose select leaves oneOf, at run time', () => {
    const bad = defineLifecycle({
      ...minimal,
      id: 'bad',
      transitions: [{ from: ['A'], on: 'go', to: { oneOf: ['B'], select: () => 'A' } }],
    } as never);
    const s = unwrap(bad.create({ type: 'make', id: 'x', at: at(0) } as never)).state;
    const r = bad.apply(s, { type: 'go', at: at(1) } as never);
    expect(!r.ok && r.error.code).toBe('invalid_declaration');
  });
  it('the ticket fixture is valid', () => expect(ticketDeclaration.id).toBe('ticket'));
});

describe('states of one lifecycle are refused by another', () => {
  it('even a state the engines produced (trusted) is lifecycle_mismatch in another lifecycle of the same statuses', () => {
    const twin = defineLifecycle({ ...ticketDeclaration, id: 'ticket-twin' });
    const s = unwrap(ticket.create(open)).state;
    const r = twin.apply(s as never, { type: 'tick', at: at(1) } as never);
    expect(!r.ok && r.error.code).toBe('lifecycle_mismatch');
    const v2 = defineLifecycle({ ...ticketDeclaration, version: 2 });
    expect(v2.safeParseState(s).ok).toBe(false);
  });
});
