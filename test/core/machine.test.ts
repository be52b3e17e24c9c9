import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { NEW_STATE, instant, unwrap, type Effect } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { ticket } from './fixtures.js';
import { machineEngine, machineOf, snapshotOf, stateOf } from '../../src/machine/index.js';

const at = (h: number) => instant(new Date(Date.UTC(2024, 0, 1, h)));
const open = { type: 'open', id: 't1', at: at(0), title: 'Scope call', points: 3, dueMs: Date.UTC(2024, 0, 1, 10) } as const;

describe('the xstate machine', () => {
  it('has one state node per status plus the pre-creation state, and final terminal states', () => {
    const m = machineOf(plextrac);
    expect(Object.keys(m.root.states)).toEqual([NEW_STATE, 'Pending', 'Scheduled', 'In Progress', 'In Review', 'Complete', 'Canceled']);
    expect(m.root.states['Canceled']!.type).toBe('final');
    expect(Object.keys(m.root.states['Pending']!.on)).toEqual(['approve', 'clock', 'reschedule', 'cancel']);
  });

  it('a declaration with regions gives a parallel machine whose region follows the data', () => {
    const m = machineOf(ticket);
    expect(m.root.type).toBe('parallel');
    const created = unwrap(machineEngine(ticket).create(open)).state;
    const snap = snapshotOf(ticket, created);
    expect(snap.value).toEqual({ status: 'Open', schedule: 'on_time' });
    const [late, actions] = transition(m, snap, { type: 'tick', at: at(11) } as never);
    expect(late.value).toEqual({ status: 'Open', schedule: 'late' });
    expect(actions.filter((a) => a.type === 'effects').flatMap((a) => a.params as Effect[]).map((e) => e.type)).toEqual(['late']);
  });

  it('pure transition() from the initial snapshot creates an engagement; an unhandled event returns the same snapshot', () => {
    const m = machineOf(plextrac, { settings: { timeZone: 'UTC' } });
    const [s0] = initialTransition(m);
    expect(s0.value).toBe(NEW_STATE);
    const [s1] = transition(m, s0, { type: 'request', id: 'e', at: '2024-01-01T00:00:00.000Z', clientId: 'c', name: 'n', startDate: '2024-02-01' } as never);
    expect(s1.value).toBe('Pending');
    const [s2, actions] = transition(m, s1, { type: 'report_status_changed', at: '2024-01-02T00:00:00.000Z', reportStatus: 'Draft' } as never);
    expect(s2).toBe(s1);
    expect(actions).toEqual([]);
  });

  it('a live actor runs the lifecycle and hands effects to the provided implementation', () => {
    const delivered: Effect[] = [];
    const m = machineOf(plextrac).provide({ actions: { effects: (_, effects) => void delivered.push(...effects) } });
    const actor = createActor(m).start();
    actor.send({ type: 'request', id: 'e', at: '2024-01-01T00:00:00.000Z', clientId: 'c', name: 'n', startDate: '2024-02-01' } as never);
    actor.send({ type: 'approve', at: '2024-01-02T00:00:00.000Z', operators: ['alice'] } as never);
    actor.send({ type: 'clock', at: '2024-02-01T00:00:00.000Z' } as never);
    expect(actor.getSnapshot().value).toBe('In Progress');
    expect(delivered.map((e) => `${e.type}@${e.version}`)).toEqual([
      'status_changed@1',
      'status_changed@2',
      'create_report@2',
      'assign_operators@2',
      'status_changed@3',
    ]);
    // Invalid events are ignored by a live actor: validate them with parseEvent first.
    actor.send({ type: 'clock', at: 'yesterday' } as never);
    expect(actor.getSnapshot().context.engagement!.version).toBe(3);
    actor.stop();
  });

  it('a persisted snapshot restores through resolveState and continues', () => {
    const m = machineOf(plextrac);
    const actor = createActor(m).start();
    actor.send({ type: 'schedule', id: 'e', at: '2024-01-01T00:00:00.000Z', clientId: 'c', name: 'n', startDate: '2024-02-01', operators: [] } as never);
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const state = unwrap(plextrac.safeParseState(persisted.context.engagement)).state;
    const restored = snapshotOf(plextrac, state);
    expect(restored.value).toBe('Scheduled');
    const [next] = transition(m, restored, { type: 'clock', at: '2024-02-01T00:00:00.000Z' } as never);
    expect(stateOf(plextrac, next)!.status).toBe('In Progress');
  });

  const ticketEvent = (atIso: string) =>
    fc.oneof(
      fc.constant({ type: 'block', at: atIso }),
      fc.constant({ type: 'unblock', at: atIso }),
      fc.constant({ type: 'finish', at: atIso }),
      fc.integer({ min: 0, max: 20 }).map((points) => ({ type: 'estimate', at: atIso, points })),
      fc.constant({ type: 'tick', at: atIso }),
      fc.constant({ type: 'archive', at: atIso }),
    );
  const ticketRun = fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 15 }))
    .chain(([points, hours]) => {
      let h = 0;
      return fc.tuple(fc.constant(points), fc.tuple(...hours.map((d) => ticketEvent(at((h += d))))));
    });

  test.prop([ticketRun])('both engines agree on the ticket fixture, regions included', ([points, events]) => {
    const fast = ticket.with({});
    const slow = machineEngine(ticket);
    const a = fast.create({ ...open, points });
    const b = slow.create({ ...open, points });
    expect(b).toEqual(a);
    if (!a.ok || !b.ok) return;
    let sa = a.state;
    let sb = b.state;
    for (const event of events) {
      const ra = fast.apply(sa, event as never);
      const rb = slow.apply(sb, event as never);
      expect(JSON.parse(JSON.stringify(rb))).toEqual(JSON.parse(JSON.stringify(ra)));
      if (ra.ok) sa = ra.state;
      if (rb.ok) {
        sb = rb.state;
        expect(snapshotOf(ticket, sb).value).toEqual({ status: sb.status, schedule: sb.data.late ? 'late' : 'on_time' });
      }
    }
  });
});
