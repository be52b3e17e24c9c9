/**
 * Each built-in invariant fails on a lifecycle that breaks it on purpose, and the counterexample shrinks to a
 * creation and at most three events.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleError, defineLifecycle, type EngagementState } from '../../src/index.js';
import { deriveStatus, plextrac, plextracDeclaration, type PlextracData, type PlextracStatus } from '../../src/plextrac/index.js';
import {
  checkLifecycle,
  coreInvariants,
  plextracInvariants,
  type AnyLifecycle,
  type CheckLifecycleOptions,
} from '../../src/testing/index.js';
import { defineWorkflow, extendWorkflow } from '../../src/workflow/index.js';
import { failureOf, frozen, tamper, tamperedOptions } from './tamper.js';

type Refusal = { ok: false; error: LifecycleError | Error };

const DRAFT_LIVE = ['Scheduled', 'In Progress'] as const;
const derived = <S extends string>(oneOf: readonly S[]) => ({
  oneOf,
  select: (ctx: { now: number; settings: { timeZone: string } }, data: PlextracData) => deriveStatus(data, ctx.now, ctx.settings.timeZone) as S,
});

/** A workflow whose `retag` rebuilds the tags array without changing it: a version bump for nothing. */
const retagging = defineWorkflow({
  id: 'retagging',
  statuses: ['Open', 'Closed'],
  initial: 'Open',
  terminal: ['Closed'],
  events: { create: { tags: z.array(z.string()).max(2) }, retag: {}, close: {} },
  data: z.object({ tags: z.array(z.string()) }),
  transitions: [
    { from: 'Open', on: 'retag', update: ({ state }) => ({ ...state.data, tags: [...state.data.tags] }) },
    { from: 'Open', on: 'close', to: 'Closed' },
  ],
});

interface Case {
  readonly invariant: string;
  readonly broken: string;
  readonly lifecycle: AnyLifecycle;
  readonly options?: CheckLifecycleOptions;
}

const cases: Case[] = [
  {
    invariant: 'enginesAgree',
    broken: 'the machine engine refuses every cancel',
    lifecycle: tamper(plextrac, {
      machineOnly: true,
      result: (_s, e, r) => (e.type === 'cancel' ? { ok: false, error: new LifecycleError('transition_not_allowed', 'the machine will not cancel') } : r),
    }),
  },
  {
    invariant: 'neverThrows',
    broken: 'both engines throw on reschedule',
    lifecycle: tamper(plextrac, { throwsOn: 'reschedule', result: (_s, _e, r) => r }),
  },
  {
    invariant: 'refusalsAreTyped',
    broken: 'refusals are plain Errors',
    lifecycle: tamper(plextrac, { result: (_s, _e, r) => (r.ok ? r : ({ ok: false, error: new Error(r.error.message) } satisfies Refusal)) }),
  },
  {
    invariant: 'terminalAbsorbs',
    broken: 'events on a Canceled engagement are quietly accepted',
    lifecycle: tamper(plextrac, {
      result: (s, e, r) => (s?.status === 'Canceled' ? { ok: true, state: s, effects: [], changed: false, event: { ...e, at: new Date(String(e.at)).toISOString() } } : r),
    }),
  },
  {
    invariant: 'timeMovesForward',
    broken: 'events delivered late are accepted as if on time',
    lifecycle: tamper(plextrac, {
      result: (s, e, r) =>
        s && !r.ok && (r.error as LifecycleError).code === 'out_of_order' ? { ok: true, state: s, effects: [], changed: false, event: { ...e, at: new Date(String(e.at)).toISOString() } } : r,
    }),
    options: { lateEvents: 0.3 },
  },
  {
    invariant: 'versionGrowsByOne',
    broken: 'a change adds two to the version',
    lifecycle: tamper(plextrac, {
      result: (s, _e, r) => (s && r.ok && r.changed ? { ...r, state: frozen({ ...r.state, version: r.state.version + 1 }) } : r),
    }),
  },
  {
    invariant: 'noChangeNoEffects',
    broken: 'an event that changes nothing returns a copy of the state',
    lifecycle: tamper(plextrac, { result: (s, _e, r) => (s && r.ok && r.changed === false ? { ...r, state: frozen({ ...r.state }) } : r) }),
  },
  {
    invariant: 'changeIsReal',
    broken: 'retag rebuilds equal data and bumps the version',
    lifecycle: retagging,
  },
  {
    invariant: 'statusChangeReported',
    broken: 'cancel does not report its status change',
    lifecycle: tamper(plextrac, {
      result: (_s, e, r) => (r.ok && e.type === 'cancel' ? { ...r, effects: frozen(r.effects.filter((x) => x.type !== 'status_changed')) } : r),
    }),
  },
  {
    invariant: 'effectsStamped',
    broken: "effects carry the previous version",
    lifecycle: tamper(plextrac, {
      result: (_s, _e, r) => (r.ok ? { ...r, effects: frozen(r.effects.map((x) => ({ ...x, version: (x.version as number) - 1 }))) } : r),
    }),
  },
  {
    invariant: 'effectIdsUnique',
    broken: 'effect ids leave out the version',
    lifecycle: tamper(plextrac, {
      result: (_s, _e, r) => (r.ok ? { ...r, effects: frozen(r.effects.map((x) => ({ ...x, id: `${String(x.lifecycle)}:${String(x.engagementId)}:${String(x.type)}` }))) } : r),
    }),
  },
  {
    invariant: 'statesValid',
    broken: 'new states are not frozen',
    lifecycle: tamper(plextrac, { result: (_s, _e, r) => (r.ok ? { ...r, state: JSON.parse(JSON.stringify(r.state)) as EngagementState } : r) }),
  },
  {
    invariant: 'inputsUntouched',
    broken: 'apply marks the events it saw',
    // Run on the tampered fast engine alone (tamperedOptions), so that no engine comparison reports it first.
    lifecycle: tamper(plextrac, {
      result: (_s, e, r) => {
        e.actor = 'someone else';
        return r;
      },
    }),
  },
  {
    invariant: 'nextDueExact',
    broken: 'nextDue is an hour late',
    lifecycle: defineLifecycle({
      ...plextracDeclaration,
      nextDue: (state, settings) => {
        const due = plextracDeclaration.nextDue!(state, settings);
        return due === null ? null : due + 3_600_000;
      },
    }),
  },
  {
    invariant: 'plextracCanceledAbsorbs',
    broken: 'a canceled engagement can be restored',
    lifecycle: extendWorkflow(plextrac, {
      id: 'restorable',
      terminal: [],
      events: { restore: {} },
      transitions: [{ from: 'Canceled', on: 'restore', to: 'Pending', update: ({ state }) => ({ ...state.data, cancelled: false }) }],
    }),
  },
  {
    invariant: 'plextracCancelledFlag',
    broken: 'cancel does not record the cancellation',
    lifecycle: extendWorkflow(plextrac, {
      id: 'forgetful-cancel',
      removeTransitions: [{ on: 'cancel' }],
      transitions: [{ from: '*', on: 'cancel', to: 'Canceled' }],
    }),
  },
  {
    invariant: 'plextracReportOnlyWhenApproved',
    broken: 'approve forgets to create the Draft report',
    lifecycle: extendWorkflow(plextrac, {
      id: 'no-draft',
      removeTransitions: [{ on: 'approve' }],
      transitions: [
        {
          from: 'Pending',
          on: 'approve',
          to: derived<PlextracStatus>(DRAFT_LIVE),
          update: ({ state, event }) => ({ ...state.data, approved: true, operators: event.operators }),
          effects: ({ state }) => [{ type: 'create_report', clientId: state.data.clientId, name: state.data.name, reportStatus: 'Draft' }],
        },
      ],
    }),
  },
  {
    invariant: 'plextracReportCreatedOnce',
    broken: 'a report sent back to Draft is created again',
    lifecycle: extendWorkflow(plextrac, {
      id: 'recreating',
      transitions: [
        {
          from: ['In Review', 'Complete'],
          on: 'report_status_changed',
          guard: ({ event }) => event.reportStatus === 'Draft',
          to: derived<PlextracStatus>(DRAFT_LIVE),
          update: ({ state }) => ({ ...state.data, reportStatus: 'Draft' }),
          effects: ({ state }) => [{ type: 'create_report', clientId: state.data.clientId, name: state.data.name, reportStatus: 'Draft' }],
        },
      ],
    }),
  },
  {
    invariant: 'plextracDerivation',
    broken: 'reschedule keeps the status instead of re-deriving it',
    lifecycle: extendWorkflow(plextrac, {
      id: 'sticky-reschedule',
      removeTransitions: [{ on: 'reschedule', from: ['Scheduled', 'In Progress'] }],
      transitions: [{ from: ['Scheduled', 'In Progress'], on: 'reschedule', update: ({ state, event }) => ({ ...state.data, startDate: event.startDate }) }],
    }),
  },
];

describe('every built-in invariant catches a lifecycle that breaks it', () => {
  it('the cases below cover every exported invariant, and neverThrows', () => {
    const names = [...coreInvariants, ...plextracInvariants].map((i) => i.name);
    expect(cases.map((c) => c.invariant).sort()).toEqual([...names, 'neverThrows'].sort());
  });

  it.each(cases)('$invariant: $broken', ({ invariant, lifecycle, options }) => {
    const error = failureOf(() => checkLifecycle(lifecycle, { numRuns: 300, ...tamperedOptions(lifecycle), ...options }));
    expect(error.violation?.invariant).toBe(invariant);
    // Shrunk to a creation and at most three events.
    expect(error.scenario!.events.length).toBeLessThanOrEqual(3);
    expect(error.run!.steps.length).toBeLessThanOrEqual(4);
    // The report names the invariant, shows the steps with their times, and how to replay.
    expect(error.message).toContain(`invariant ${invariant} does not hold`);
    expect(error.message).toMatch(/#0 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
    expect(error.message).toContain(`✗ ${invariant}:`);
    expect(error.message).toMatch(/Replay: checkLifecycle\(lifecycle, \{ seed: -?\d+, path: "[\d:]+" \}\)/);
  }, 60_000);
});
