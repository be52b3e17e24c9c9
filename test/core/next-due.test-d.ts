/**
 * One `nextDue` shape for callers: the lifecycle's and the bound lifecycle's `nextDue`, for the built-in lifecycles
 * and a workflow alike, return `NextDueResult` (an ISO instant, the type stores index as `dueAt`). The epoch-ms
 * function is the declaration's authoring hook (`NextDueHook`), and only there. Option objects take only `settings`
 * and `newId`.
 */
import { expectTypeOf, test } from 'vitest';
import * as z from 'zod';
import type { EngagementState, Instant, NextDueHook, NextDueResult } from '../../src/index.js';
import { defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import type { StoredEngagement } from '../../src/store/index.js';
import { defineWorkflow } from '../../src/workflow/index.js';

declare const state: PlextracState;
declare const ddState: DefectDojoState;

const timed = defineWorkflow({
  id: 'timed',
  statuses: ['Open', 'Late'],
  initial: 'Open',
  terminal: ['Late'],
  events: { create: { dueAt: z.iso.datetime({ offset: true }) }, tick: {} },
  clockEvent: 'tick',
  // The author's hook returns epoch ms ...
  nextDue: (s) => (s.status === 'Open' ? Date.parse(s.data.dueAt) : null),
  transitions: [{ from: 'Open', on: 'tick', to: 'Late', guard: ({ state: s, event }) => Date.parse(event.at) >= Date.parse(s.data.dueAt) }],
});

test('the lifecycle and the bound lifecycle return the same result type', () => {
  expectTypeOf(plextrac.nextDue(state)).toEqualTypeOf<NextDueResult>();
  expectTypeOf(plextrac.with({}).nextDue(state)).toEqualTypeOf<NextDueResult>();
  const r = plextrac.nextDue(state);
  if (r.ok) expectTypeOf(r.due).toEqualTypeOf<`${number}-${number}-${number}T${string}` | null>();
});

test('every public nextDue, built-in or workflow, returns NextDueResult; its instant is what stores index', () => {
  expectTypeOf(defectdojo.nextDue(ddState)).toEqualTypeOf<NextDueResult>();
  expectTypeOf(defectdojo.with({}).nextDue(ddState)).toEqualTypeOf<NextDueResult>();
  const s = {} as Parameters<typeof timed.nextDue>[0];
  // ... and callers still get the one result shape.
  expectTypeOf(timed.nextDue(s)).toEqualTypeOf<NextDueResult>();
  expectTypeOf(timed.with({}).nextDue(s)).toEqualTypeOf<NextDueResult>();
  expectTypeOf<Extract<NextDueResult, { ok: true }>['due']>().toEqualTypeOf<Instant | null>();
  expectTypeOf<StoredEngagement['dueAt']>().toEqualTypeOf<Instant | null>();
  // @ts-expect-error: a public nextDue is a result, not epoch ms
  const ms: number | null = plextrac.nextDue(state);
  void ms;
});

test('the epoch-ms shape is the authoring hook only, and named so', () => {
  expectTypeOf(plextrac.declaration.nextDue).toEqualTypeOf<NextDueHook<PlextracState['status'], PlextracState['data'], ReturnType<typeof plextrac.parseSettings>> | undefined>();
  expectTypeOf<ReturnType<NextDueHook>>().toEqualTypeOf<number | null>();
  expectTypeOf(timed.declaration.nextDue).toMatchTypeOf<NextDueHook<'Open' | 'Late', { dueAt: string }, never> | undefined>();
  // @ts-expect-error: the hook returns epoch ms (or null), not an ISO string
  const wrong: NextDueHook<string, unknown, unknown> = () => '2026-01-01T00:00:00Z';
  void wrong;
  expectTypeOf<EngagementState>().toHaveProperty('status');
});

test('a time zone where the settings belong does not compile', () => {
  // @ts-expect-error: `timeZone` belongs in `settings`
  plextrac.nextDue(state, { timeZone: 'Asia/Tokyo' });
  plextrac.nextDue(state, { settings: { timeZone: 'Asia/Tokyo' } });
});
