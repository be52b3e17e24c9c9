/**
 * Rules of the fast engine (`src/core/engine.ts`) that mutation testing asks for, stated from the documented
 * contract: a terminal engagement is never due, a lifecycle without `nextDue` is never due, the id generator makes
 * ids for creations only, and results are deeply frozen while the caller's objects are left as they were.
 */
import { describe, expect, it } from 'vitest';
import { defineLifecycle, instant, unwrap } from '../../src/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';

const at = (h: number) => instant(new Date(Date.UTC(2024, 0, 1, h)));
const open = { type: 'open', id: 't1', at: at(0), title: 'Scope call', points: 3, dueMs: Date.UTC(2024, 0, 1, 10) } as const;

describe('when an engagement is due', () => {
  it('a terminal engagement is never due, whatever the declaration would say', () => {
    let s = unwrap(ticket.create(open)).state;
    s = unwrap(ticket.apply(s, { type: 'finish', at: at(1) })).state;
    // Done is not terminal: still due at its due instant.
    expect(unwrap(ticket.nextDue(s)).due).toBe('2024-01-01T10:00:00.000Z');
    s = unwrap(ticket.apply(s, { type: 'archive', at: at(2) })).state;
    expect(s.status).toBe('Archived');
    expect(unwrap(ticket.nextDue(s)).due).toBeNull();
  });

  it('a lifecycle that declares no nextDue is never due', () => {
    const { nextDue: _n, ...rest } = ticketDeclaration;
    const noClock = defineLifecycle(rest as typeof ticketDeclaration);
    const s = unwrap(noClock.create(open)).state;
    expect(unwrap(noClock.nextDue(s)).due).toBeNull();
  });
});

describe('create and apply', () => {
  it('the id generator is asked for a creation without an id, and only then', () => {
    const { id: _id, ...noId } = open;
    let asked = 0;
    const newId = () => `gen-${++asked}`;
    expect(unwrap(ticket.create(noId, { newId })).state.id).toBe('gen-1');
    expect(unwrap(ticket.create(open, { newId })).state.id).toBe('t1');
    const notACreation = ticket.create({ type: 'tick', at: at(1) } as never, { newId });
    expect(notACreation.ok).toBe(false);
    expect(asked).toBe(1);
  });

  it('the event in the result is the validated event, deeply frozen; the caller\'s event is not frozen', () => {
    const input = { ...open, at: new Date(Date.UTC(2024, 0, 1, 0)) };
    const created = unwrap(ticket.create(input as never));
    expect(created.event).toMatchObject({ type: 'open', id: 't1', at: '2024-01-01T00:00:00.000Z' });
    expect(Object.isFrozen(created.event)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    const tick = { type: 'tick' as const, at: at(11) };
    const applied = unwrap(ticket.apply(created.state, tick));
    expect(applied.event).toEqual({ type: 'tick', at: '2024-01-01T11:00:00.000Z' });
    expect(Object.isFrozen(applied.event)).toBe(true);
    expect(Object.isFrozen(tick)).toBe(false);
    expect(applied).toMatchObject({ changed: true, effects: [expect.objectContaining({ type: 'late' })] });
  });
});
