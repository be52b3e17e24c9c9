/** extendWorkflow: a built-in with statuses and transitions added or removed, keeping its base invariants. */
import { describe, expect, it } from 'vitest';
import { defectdojo } from '../../src/defectdojo/index.js';
import { instant, isLifecycleError, unwrap, type LifecycleError } from '../../src/index.js';
import { deriveStatus, plextrac } from '../../src/plextrac/index.js';
import { invariantsFor } from '../../src/testing/index.js';
import { extendWorkflow, findWorkflowProblems, statusGraph, workflowInfo } from '../../src/workflow/index.js';
import { machineEngine } from '../../src/machine/index.js';

const at = (day: number, hour = 12) => instant(new Date(Date.UTC(2026, 2, day, hour)));
const request = { type: 'request', id: 'e1', at: at(1), clientId: 'acme', name: 'Web app pentest', startDate: '2026-03-10' } as const;

const onHold = extendWorkflow(plextrac, {
  id: 'on-hold',
  statuses: ['On Hold'],
  events: { hold: {}, resume: {} },
  transitions: [
    { from: ['Scheduled', 'In Progress'], on: 'hold', to: 'On Hold' },
    {
      from: 'On Hold',
      on: 'resume',
      to: { oneOf: ['Scheduled', 'In Progress'], select: (ctx, data) => deriveStatus(data, ctx.now, ctx.settings.timeZone) },
    },
  ],
  alsoFrom: { cancel: ['On Hold'] },
  dropInvariants: ['plextracDerivation'],
});

function declarationError(define: () => unknown): LifecycleError {
  try {
    define();
  } catch (error) {
    if (isLifecycleError(error) && error.code === 'invalid_declaration') return error;
    throw error;
  }
  throw new Error('expected invalid_declaration');
}

describe('extendWorkflow', () => {
  it('adds a status, its events and transitions; the base keeps working', () => {
    const approved = unwrap(onHold.apply(unwrap(onHold.create(request)).state, { type: 'approve', at: at(2), operators: [] })).state;
    expect(approved.status).toBe('Scheduled');
    const held = unwrap(onHold.apply(approved, { type: 'hold', at: at(3), reason: 'client asked' })).state;
    expect(held.status).toBe('On Hold');
    // The base's clock does not apply to the new status: no transition was given for it.
    expect(onHold.apply(held, { type: 'clock', at: at(11) })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } });
    const resumed = unwrap(machineEngine(onHold).apply(held, { type: 'resume', at: at(11) })).state;
    expect(resumed.status).toBe('In Progress');
    // alsoFrom: the base's cancel (with its update) also leaves On Hold.
    const canceled = unwrap(onHold.apply(held, { type: 'cancel', at: at(4) })).state;
    expect(canceled).toMatchObject({ status: 'Canceled', data: { cancelled: true } });
  });

  it('records its lineage, so the base invariants apply unless dropped', () => {
    expect(workflowInfo(onHold)).toEqual({ lineage: ['plextrac'], dropInvariants: ['plextracDerivation'] });
    const names = invariantsFor(onHold).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['plextracCanceledAbsorbs', 'plextracCancelledFlag', 'terminalAbsorbs']));
    expect(names).not.toContain('plextracDerivation');
    const again = extendWorkflow(onHold, { id: 'on-hold-2', dropInvariants: ['plextracCancelledFlag'] });
    expect(workflowInfo(again)).toEqual({ lineage: ['on-hold', 'plextrac'], dropInvariants: ['plextracDerivation', 'plextracCancelledFlag'] });
  });

  it('removes transitions, entirely or from some statuses', () => {
    const noReschedule = extendWorkflow(plextrac, { id: 'fixed-dates', removeTransitions: [{ on: 'reschedule' }] });
    const pending = unwrap(noReschedule.create(request)).state;
    expect(noReschedule.apply(pending, { type: 'reschedule', at: at(2), startDate: '2026-04-01' })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } });
    const noLateCancel = extendWorkflow(plextrac, { id: 'no-late-cancel', removeTransitions: [{ on: 'cancel', from: ['In Review', 'Complete'] }] });
    expect(statusGraph(noLateCancel).edges.filter((e) => e.event === 'cancel').map((e) => e.from)).toEqual(['Pending', 'Scheduled', 'In Progress']);
  });

  it('makes a status terminal: the base transitions leaving it go', () => {
    const final = extendWorkflow(plextrac, { id: 'final-complete', terminal: ['Canceled', 'Complete'] });
    expect(final.terminal).toEqual(['Canceled', 'Complete']);
    expect(statusGraph(final).edges.some((e) => e.from === 'Complete')).toBe(false);
  });

  it('adds entry effects to the base transitions too', () => {
    const notifying = extendWorkflow(plextrac, { id: 'notifying', effects: { Canceled: [{ type: 'notify_client' }] } });
    const pending = unwrap(notifying.create(request)).state;
    expect(unwrap(notifying.apply(pending, { type: 'cancel', at: at(2) })).effects.map((e) => e.type)).toEqual(['status_changed', 'notify_client']);
  });

  it('added transitions are tried before the base ones', () => {
    const slowClock = extendWorkflow(plextrac, {
      id: 'slow-clock',
      // A guarded override: the clock does not start engagements on a Sunday (UTC) — they wait for Monday.
      transitions: [{ from: 'Scheduled', on: 'clock', guard: ({ now }) => new Date(now).getUTCDay() === 0 }],
    });
    const scheduled = unwrap(slowClock.create({ ...request, type: 'schedule', startDate: '2026-03-01', at: at(1, 0) })).state;
    // 2026-03-01 is a Sunday.
    expect(scheduled.status).toBe('In Progress');
    const later = unwrap(slowClock.create({ ...request, type: 'schedule', startDate: '2026-03-08', at: at(1, 0) })).state;
    expect(unwrap(slowClock.apply(later, { type: 'clock', at: at(8) })).state.status).toBe('Scheduled');
    expect(unwrap(slowClock.apply(later, { type: 'clock', at: at(9) })).state.status).toBe('In Progress');
  });

  it('refuses, naming the culprit: a reused id, a status or event added twice, removals that match nothing', () => {
    expect(declarationError(() => extendWorkflow(plextrac, { id: 'plextrac' })).message).toContain('needs an id of its own');
    expect(declarationError(() => extendWorkflow(plextrac, { id: 'x', statuses: ['Pending'] })).message).toContain('status "Pending" is declared twice');
    expect(declarationError(() => extendWorkflow(plextrac, { id: 'x', events: { cancel: {} } })).message).toContain('event "cancel" already exists in "plextrac"');
    expect(declarationError(() => extendWorkflow(plextrac, { id: 'x', removeTransitions: [{ on: 'approve', from: ['Complete'] }] })).message).toContain(
      'removeTransitions #0 (on "approve") matches no transition of "plextrac" leaving from Complete',
    );
    expect(
      declarationError(() => extendWorkflow(plextrac, { id: 'x', transitions: [{ from: 'Pending', on: 'deny', to: 'Denied' } as never] })).details.problems,
    ).toEqual(expect.arrayContaining([{ code: 'unknown_event', culprit: 'deny' }, { code: 'unknown_status', culprit: 'Denied' }]));
  });

  it('refuses a status no path reaches, and a live status with no way out', () => {
    const unreachable = declarationError(() => extendWorkflow(plextrac, { id: 'x', removeTransitions: [{ on: 'cancel' }] }));
    expect(unreachable.message).toContain('status "Canceled" is unreachable');
    const stuck = declarationError(() =>
      extendWorkflow(plextrac, { id: 'x', statuses: ['On Hold'], events: { hold: {} }, transitions: [{ from: 'Scheduled', on: 'hold', to: 'On Hold' }] }),
    );
    expect(stuck.message).toContain('status "On Hold" is not terminal but no transition leaves it');
  });
});

describe('status graphs', () => {
  it('PlexTrac and DefectDojo have no unreachable status and no dead end', () => {
    expect(findWorkflowProblems(plextrac)).toEqual([]);
    expect(findWorkflowProblems(defectdojo)).toEqual([]);
  });

  it("PlexTrac's graph: creations and every possible target of the derived transitions", () => {
    const graph = statusGraph(plextrac);
    expect(graph.initial).toEqual(['Pending', 'Scheduled', 'In Progress']);
    expect(graph.edges).toContainEqual({ from: 'Pending', to: 'In Progress', event: 'approve' });
    expect(graph.edges).toContainEqual({ from: 'Complete', to: 'Scheduled', event: 'report_status_changed' });
  });
});
