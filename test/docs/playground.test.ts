/**
 * The playground's logic, without a browser: the form comes from the event schemas, and the history replays to
 * the documented statuses. Expected values are PlexTrac's documented behaviour, written out here.
 */
import { describe, expect, it } from 'vitest';
import { eventFrom, fieldsOf } from '../../docs/.vitepress/theme/playground/fields.js';
import { CHOICES, diagram, eventTypes, inZone, replay } from '../../docs/.vitepress/theme/playground/session.js';

const plextrac = CHOICES.find((c) => c.key === 'plextrac')!;
const defectdojo = CHOICES.find((c) => c.key === 'defectdojo')!;

describe('the event form', () => {
  it('has a field per schema property, with enums as choices, lists and required marks', () => {
    const schema = plextrac.lifecycle.declaration.events.report_status_changed!;
    const fields = fieldsOf(schema);
    expect(fields.map((f) => f.name)).toEqual(['at', 'actor', 'reason', 'reportStatus']);
    const status = fields.find((f) => f.name === 'reportStatus')!;
    expect(status).toMatchObject({ kind: 'select', required: true });
    expect(status.options).toEqual(expect.arrayContaining(['Draft', 'Ready for Review', 'In Review', 'Approved', 'Published']));
    expect(fieldsOf(plextrac.lifecycle.declaration.events.approve!).find((f) => f.name === 'operators')).toMatchObject({ kind: 'list', required: false });
    expect(fieldsOf(defectdojo.lifecycle.declaration.events.create!).find((f) => f.name === 'threatModel')).toMatchObject({ kind: 'boolean' });
  });

  it('turns form values into an event: empty fields left out, lists split, JSON parsed', () => {
    const fields = fieldsOf(plextrac.lifecycle.declaration.events.approve!);
    expect(eventFrom('approve', fields, { at: '2026-03-03T09:30:00Z', actor: ' ', operators: 'alice, bob,' })).toEqual({
      type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice', 'bob'],
    });
  });

  it('offers creation events first, the others once the engagement exists', () => {
    expect(eventTypes(plextrac, false).sort()).toEqual(['request', 'schedule']);
    expect(eventTypes(plextrac, true)).toContain('approve');
    expect(eventTypes(plextrac, true)).not.toContain('request');
  });
});

describe('replaying the history', () => {
  const events = [
    { type: 'request', at: '2026-03-02T14:00:00Z', id: 'eng-1', clientId: 'acme', name: 'Web', startDate: '2026-03-09' },
    { type: 'report_status_changed', at: '2026-03-02T15:00:00Z', reportStatus: 'Published' },
    { type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice'] },
  ];

  it('keeps refusals in the history with code and message, and they change nothing', () => {
    const r = replay(plextrac, 'America/New_York', events);
    expect(r.steps.map((s) => [s.ok, s.status])).toEqual([[true, 'Pending'], [false, 'Pending'], [true, 'Scheduled']]);
    expect(r.steps[1]!.error?.code).toBe('transition_not_allowed');
    expect(r.steps[1]!.error?.message).toContain('report_status_changed');
    expect(r.steps[2]!.effects.map((e) => e.id)).toEqual([
      'plextrac:eng-1:2:status_changed', 'plextrac:eng-1:2:create_report', 'plextrac:eng-1:2:assign_operators',
    ]);
    // 00:00 on 9 March in New York, a day after summer time began: 04:00Z.
    expect(r.nextDue).toBe('2026-03-09T04:00:00.000Z');
    expect(inZone(r.nextDue!, 'America/New_York')).toContain('9 March 2026 at 00:00:00');
  });

  it('replays a prefix: undo is the same list without its last event', () => {
    expect(replay(plextrac, 'UTC', events.slice(0, 1)).state?.status).toBe('Pending');
    expect(replay(plextrac, 'UTC', []).state).toBeNull();
  });

  it('marks the current status on the diagram, a status with spaces through its alias', () => {
    expect(diagram(plextrac, 'In Review')).toMatch(/\n {2}class In_Review current\n$/);
    expect(diagram(plextrac, 'Pending')).toMatch(/\n {2}class Pending current\n$/);
    expect(diagram(plextrac, null)).not.toContain('current');
  });
});
