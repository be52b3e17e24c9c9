/**
 * `defineWorkflow`: a team's own statuses, events and transitions. It produces an ordinary `LifecycleDeclaration` and
 * `Lifecycle`, so the two engines, the xstate machine, diagrams and the testing kit work for them unchanged. They
 * check the workflow when it is defined and throw `invalid_declaration` naming every culprit.
 */
import * as z from 'zod';
import {
  DEFAULT_TIME_ZONE,
  LifecycleError,
  creationEventSchema,
  eventSchema,
  timeZoneSchema,
  type EffectDraft,
  type Lifecycle,
  type LifecycleDeclaration,
  caught,
} from '../core/index.js';
import { checkTransitionNames, entryMap, finish, payloadFields, toTransitionSpec, transitionLabel, withEntryEffects, type LooseTransition } from './assembly.js';
import { NameCheck } from './checks.js';
import { checkShape, specSchema, type AnyFn } from './spec-schema.js';
import type { CreationData, DefaultWorkflowSettings, EventShapes, Workflow, WorkflowDeclaration, WorkflowEffectDraft, WorkflowEventInputOf, WorkflowEventOf, WorkflowSpec } from './types.js';

/**
 * Defines a workflow from its statuses, events and transitions.
 * @throws LifecycleError `invalid_declaration`, naming every culprit: unknown statuses or events, statuses no path
 * reaches, non-terminal statuses with no way out, or a spec of the wrong shape.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import * as z from 'zod';
 * import { defineWorkflow } from 'engagement-lifecycle/workflow';
 *
 * const retest = defineWorkflow({
 *   id: 'retest',
 *   statuses: ['Requested', 'Testing', 'Done'],
 *   initial: 'Requested',
 *   terminal: ['Done'],
 *   events: { create: { finding: z.string() }, start: {}, finish: { fixed: z.boolean() } },
 *   data: z.object({ finding: z.string(), fixed: z.boolean().optional() }),
 *   transitions: [
 *     { from: 'Requested', on: 'start', to: 'Testing' },
 *     { from: 'Testing', on: 'finish', to: 'Done', update: ({ state, event }) => ({ ...state.data, fixed: event.fixed }) },
 *   ],
 * });
 *
 * const created = retest.create({ type: 'create', id: 'rt-1', at: '2026-03-02T09:00:00Z', finding: 'XSS in search' });
 * assert.ok(created.ok);
 * assert.equal(created.state.status, 'Requested');
 * ```
 */
export function defineWorkflow<
  const S extends string,
  Ev extends EventShapes,
  C extends string = 'create',
  D = CreationData<Ev, C>,
  O = DefaultWorkflowSettings,
  X extends EffectDraft = WorkflowEffectDraft,
>(spec: WorkflowSpec<S, Ev, C, D, O, X>): Workflow<S, D, WorkflowEventOf<Ev, C>, O, X, WorkflowEventInputOf<Ev, C>, unknown> {
  return caught('defineWorkflow', () => {
    checkShape(specSchema, spec, 'workflow definition');
    type E = WorkflowEventOf<Ev, C>;
    const createOn: string = spec.createOn ?? 'create';
    const statuses = new Set<string>(spec.statuses);
    const eventNames = new Set(Object.keys(spec.events));
    const check = new NameCheck(statuses, eventNames);
    if (statuses.size !== spec.statuses.length) {
      const dup = spec.statuses.find((s, i) => spec.statuses.indexOf(s) !== i)!;
      check.add({ code: 'duplicate_status', culprit: dup, message: `status "${dup}" is declared twice` });
    }
    check.status(spec.initial, '"initial"');
    for (const s of spec.terminal ?? []) check.status(s, '"terminal"');
    check.event(createOn, spec.createOn === undefined ? 'the creation event (default "create"; set "createOn")' : '"createOn"');
    if (spec.clockEvent !== undefined) check.event(spec.clockEvent, '"clockEvent"');
    for (const s of Object.keys(spec.effects ?? {})) check.status(s, '"effects"');
    for (const e of Object.keys(spec.hints ?? {})) check.event(e, '"hints"');
    const transitions = spec.transitions as readonly LooseTransition[];
    checkTransitionNames(check, transitions, transitionLabel);
    const terminal = new Set<string>(spec.terminal ?? []);
    transitions.forEach((t, i) => {
      if (t.on === createOn) {
        check.add({ code: 'unknown_event', culprit: t.on, message: `${transitionLabel(i, t)} uses the creation event "${t.on}"` });
      }
      if (t.from === '*') return;
      for (const s of typeof t.from === 'string' ? [t.from] : t.from) {
        if (terminal.has(s)) check.add({ code: 'dead_end', culprit: s, message: `${transitionLabel(i, t)} leaves from terminal status "${s}"` });
      }
    });

    const entry = entryMap(spec.effects);
    const events = Object.fromEntries(
      Object.entries(spec.events).map(([type, shape]) => [type, type === createOn ? creationEventSchema(type, shape) : eventSchema(type, shape)]),
    );
    // Without a data schema the data is the creation event's payload fields, as docs/testing.md states (and the type
    // `CreationData` says): parsed by the creation event's own shape, so no field is dropped or typed wrongly.
    const creationShape = (spec.events as EventShapes)[createOn] ?? {};
    const data = (spec.data ?? z.object(creationShape)) as z.ZodType<D>;
    const init: AnyFn =
      spec.init ??
      (({ event }: { event: object }) => {
        const parsed = data.safeParse(payloadFields(event));
        if (!parsed.success) {
          throw new LifecycleError('invalid_declaration', `the fields of "${createOn}" do not make valid data (pass "init"): ${z.prettifyError(parsed.error)}`);
        }
        return parsed.data;
      });
    const settings = spec.settings ?? z.strictObject({ timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE) });
    const createEffects = withEntryEffects(undefined, entry);
    const creation = { on: createOn, to: spec.initial, init, ...(createEffects ? { effects: createEffects } : {}) };

    // Cast: the declaration is assembled over erased types (the spec's event shapes become zod schemas at run time);
    // WorkflowDeclaration<S, D, E, O, X> is what those shapes mean, checked by `test/workflow/data.test-d.ts`.
    const declaration = {
      id: spec.id,
      version: spec.version ?? 1,
      statuses: spec.statuses,
      terminal: spec.terminal ?? [],
      data,
      events,
      settings,
      create: [creation],
      transitions: transitions.map((t) => toTransitionSpec(t, entry)),
      ...(spec.clockEvent !== undefined ? { clockEvent: spec.clockEvent } : {}),
      ...(spec.nextDue ? { nextDue: spec.nextDue } : {}),
      ...(spec.facets ? { facets: spec.facets } : {}),
      ...(spec.hints ? { hints: spec.hints } : {}),
      workflow: { lineage: [], dropInvariants: [] },
    } as unknown as WorkflowDeclaration<S, D, E, O, X>;
    return finish(declaration, check.problems);
  });
}
