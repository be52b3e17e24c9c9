/** defineWorkflow: a team's own workflow on the same core, checked when it is defined. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleError, instant, isLifecycleError, toMermaid, unwrap } from '../../src/index.js';
import { checkLifecycle } from '../../src/testing/index.js';
import { defineWorkflow, workflowInfo } from '../../src/workflow/index.js';
import { machineEngine } from '../../src/machine/index.js';

/** A report review: Draft → In Review → Approved or back to Draft; Rejected is final. */
const review = defineWorkflow({
  id: 'report-review',
  statuses: ['Draft', 'In Review', 'Approved', 'Rejected'],
  initial: 'Draft',
  terminal: ['Approved', 'Rejected'],
  events: {
    create: { title: z.string().min(1), author: z.string().min(1) },
    submit: {},
    approve: { reviewer: z.string().min(1) },
    send_back: {},
    reject: {},
    retitle: { title: z.string().min(1) },
  },
  data: z.object({ title: z.string(), author: z.string() }),
  transitions: [
    { from: 'Draft', on: 'submit', to: 'In Review' },
    {
      from: 'In Review',
      on: 'approve',
      guard: ({ state, event }) => event.reviewer !== state.data.author,
      refusal: 'authors cannot approve their own report',
      to: 'Approved',
      effects: ({ event }) => [{ type: 'publish', reviewer: event.reviewer }],
    },
    { from: 'In Review', on: 'send_back', to: 'Draft' },
    { from: ['Draft', 'In Review'], on: 'reject', to: 'Rejected' },
    { from: '*', on: 'retitle', update: ({ state, event }) => (state.data.title === event.title ? state.data : { ...state.data, title: event.title }) },
  ],
  effects: { 'In Review': [{ type: 'notify_reviewers' }], Rejected: ({ state }) => [{ type: 'notify_author', author: state?.data.author ?? '' }] },
});

const at = (h: number) => instant(new Date(Date.UTC(2026, 2, 2, h)));

describe('defineWorkflow', () => {
  it('produces an ordinary lifecycle: both engines, the machine, diagrams', () => {
    const created = unwrap(review.create({ type: 'create', id: 'r1', at: at(9), title: 'Web app pentest', author: 'alice' }));
    expect(created.state).toMatchObject({ lifecycle: 'report-review', status: 'Draft', version: 1, data: { title: 'Web app pentest', author: 'alice' } });
    const submitted = unwrap(review.apply(created.state, { type: 'submit', at: at(10) }));
    expect(submitted.effects.map((e) => e.type)).toEqual(['status_changed', 'notify_reviewers']);
    const refused = review.apply(submitted.state, { type: 'approve', at: at(11), reviewer: 'alice' });
    expect(!refused.ok && refused.error.message).toContain('authors cannot approve their own report');
    const approved = unwrap(machineEngine(review).apply(submitted.state, { type: 'approve', at: at(11), reviewer: 'bob' }));
    expect(approved.state.status).toBe('Approved');
    expect(approved.effects.map((e) => [e.type, e.id])).toEqual([
      ['status_changed', 'report-review:r1:3:status_changed'],
      ['publish', 'report-review:r1:3:publish'],
    ]);
    expect(toMermaid(review)).toContain('In_Review --> Approved : approve');
    expect(workflowInfo(review)).toEqual({ lineage: [], dropInvariants: [] });
  });

  it('entry effects fire on entering a status, whatever the transition, and see the state being left', () => {
    const s = unwrap(review.create({ type: 'create', id: 'r1', at: at(9), title: 't', author: 'alice' })).state;
    const rejected = unwrap(review.apply(s, { type: 'reject', at: at(10) }));
    expect(rejected.effects).toEqual([
      expect.objectContaining({ type: 'status_changed', from: 'Draft', to: 'Rejected' }),
      expect.objectContaining({ type: 'notify_author', author: 'alice' }),
    ]);
  });

  it('keeps the core invariants on generated scenarios, and every status is reached', () => {
    checkLifecycle(review, { numRuns: 100, mustReach: 'all' });
  }, 60_000);

  it('defaults: no data, the tenant zone as settings, "create" as the creation event', () => {
    const tiny = defineWorkflow({
      id: 'tiny',
      statuses: ['Open', 'Closed'],
      initial: 'Open',
      terminal: ['Closed'],
      events: { create: {}, close: {} },
      transitions: [{ from: 'Open', on: 'close', to: 'Closed' }],
    });
    expect(unwrap(tiny.create({ type: 'create', id: 't', at: at(1) })).state.data).toEqual({});
    expect(unwrap(tiny.safeParseSettings({})).settings).toEqual({ timeZone: 'UTC' });
    expect(unwrap(tiny.safeParseSettings({ timeZone: 'europe/paris' })).settings).toEqual({ timeZone: 'Europe/Paris' });
  });

  it('a custom creation event, init, settings, clock and nextDue', () => {
    const reminders = defineWorkflow({
      id: 'reminders',
      statuses: ['Waiting', 'Due'],
      initial: 'Waiting',
      terminal: ['Due'],
      createOn: 'open',
      events: { open: { dueMs: z.number().int() }, tick: {} },
      data: z.object({ dueMs: z.number() }),
      init: ({ event }) => ({ dueMs: event.dueMs }),
      settings: z.object({ timeZone: z.string().default('UTC'), graceMs: z.number().default(0) }),
      clockEvent: 'tick',
      nextDue: (state, settings) => state.data.dueMs + settings.graceMs,
      transitions: [{ from: 'Waiting', on: 'tick', guard: ({ state, now, settings }) => now >= state.data.dueMs + settings.graceMs, to: 'Due' }],
    });
    const s = unwrap(reminders.create({ type: 'open', id: 'x', at: at(0), dueMs: Date.parse(at(5)) })).state;
    expect(unwrap(reminders.nextDue(s)).due).toBe(at(5));
    expect(unwrap(reminders.apply(s, { type: 'tick', at: at(5) })).state.status).toBe('Due');
  });
});

describe('defineWorkflow refuses inconsistent workflows, naming the culprit', () => {
  const base = {
    id: 'w',
    statuses: ['Open', 'Doing', 'Done'],
    initial: 'Open',
    terminal: ['Done'],
    events: { create: {}, start: {}, finish: {} },
  } as const;

  function problems(define: () => unknown): { message: string; problems: { code: string; culprit: string }[] } {
    try {
      define();
    } catch (error) {
      expect(isLifecycleError(error) && error.code).toBe('invalid_declaration');
      const e = error as LifecycleError;
      return { message: e.message, problems: (e.details.problems as { code: string; culprit: string }[]) ?? [] };
    }
    throw new Error('expected an invalid_declaration error');
  }

  it('a transition to an unknown status, with a suggestion', () => {
    const { message, problems: list } = problems(() =>
      defineWorkflow({
        ...base,
        transitions: [
          { from: 'Open', on: 'start', to: 'Doing' },
          { from: 'Doing', on: 'finish', to: 'Dnoe' as 'Done' },
        ],
      }),
    );
    expect(message).toContain('transition #1 (on "finish"): "to" names unknown status "Dnoe"; did you mean "Done"?');
    expect(list).toEqual([{ code: 'unknown_status', culprit: 'Dnoe' }]);
  });

  it('unknown statuses in from, initial, terminal and effects; unknown events', () => {
    const { problems: list } = problems(() =>
      defineWorkflow({
        ...base,
        initial: 'Opn' as 'Open',
        terminal: ['Closed' as 'Done'],
        effects: { Finished: [] } as never,
        transitions: [
          { from: 'Doing' as 'Open', on: 'start', to: 'Doing' },
          { from: 'Doing', on: 'stop' as 'finish', to: 'Done' },
        ],
      }),
    );
    expect(list).toEqual(
      expect.arrayContaining([
        { code: 'unknown_status', culprit: 'Opn' },
        { code: 'unknown_status', culprit: 'Closed' },
        { code: 'unknown_status', culprit: 'Finished' },
        { code: 'unknown_event', culprit: 'stop' },
      ]),
    );
  });

  it('statuses no path reaches', () => {
    const { message, problems: list } = problems(() => defineWorkflow({ ...base, transitions: [{ from: 'Open', on: 'finish', to: 'Done' }] }));
    expect(message).toContain('status "Doing" is unreachable: no path of transitions leads to it from "Open"');
    expect(list).toContainEqual({ code: 'unreachable_status', culprit: 'Doing' });
  });

  it('non-terminal statuses with no way out (a loop back to itself is no way out)', () => {
    const { message, problems: list } = problems(() =>
      defineWorkflow({
        ...base,
        transitions: [
          { from: 'Open', on: 'start', to: 'Doing' },
          { from: 'Open', on: 'finish', to: 'Done' },
          { from: 'Doing', on: 'finish' },
        ],
      }),
    );
    expect(message).toContain('status "Doing" is not terminal but no transition leaves it');
    expect(list).toEqual([{ code: 'dead_end', culprit: 'Doing' }]);
  });

  it('a transition leaving a terminal status, and one on the creation event', () => {
    const { problems: list } = problems(() =>
      defineWorkflow({
        ...base,
        transitions: [
          { from: 'Open', on: 'start', to: 'Doing' },
          { from: 'Doing', on: 'finish', to: 'Done' },
          { from: 'Done', on: 'start', to: 'Doing' },
          { from: 'Open', on: 'create', to: 'Doing' },
        ],
      }),
    );
    expect(list).toEqual(expect.arrayContaining([{ code: 'dead_end', culprit: 'Done' }, { code: 'unknown_event', culprit: 'create' }]));
  });

  it('a missing creation event, and a spec of the wrong shape', () => {
    expect(problems(() => defineWorkflow({ ...base, events: { start: {}, finish: {} }, transitions: [] })).message).toContain(
      'the creation event (default "create"; set "createOn") names event "create", which is not declared',
    );
    expect(() => defineWorkflow({ ...base, transitions: [], transition: [] } as never)).toThrow(/Unrecognized key: "transition"/);
    expect(() => defineWorkflow({ ...base, statuses: [], transitions: [] } as never)).toThrow(LifecycleError);
    expect(() => defineWorkflow({ ...base, transitions: [{ from: 'Open', on: 'start', to: 'Doing', guard: 'yes' }] } as never)).toThrow(
      /transitions\[0\]\.guard/,
    );
  });

  it('every problem at once', () => {
    const { problems: list } = problems(() => defineWorkflow({ ...base, statuses: ['Open', 'Doing', 'Done', 'Limbo'], transitions: [{ from: 'Open', on: 'finish', to: 'Done' }] }));
    expect(list.map((p) => `${p.code}:${p.culprit}`).sort()).toEqual(['dead_end:Doing', 'dead_end:Limbo', 'unreachable_status:Doing', 'unreachable_status:Limbo']);
  });
});

describe('a workflow without a data schema', () => {
  const ticket = defineWorkflow({
    id: 'ticket',
    statuses: ['Open', 'Closed'],
    initial: 'Open',
    terminal: ['Closed'],
    events: { create: { title: z.string(), pages: z.number().int() }, close: {} },
    transitions: [{ from: 'Open', on: 'close', to: 'Closed' }],
  });

  it('keeps the creation event payload fields as its data, as the docs state and the type says', () => {
    const { state } = unwrap(ticket.create({ type: 'create', id: 't-1', at: '2026-03-02T09:00:00Z', title: 'Login bypass', pages: 3 }));
    expect(state.data).toEqual({ title: 'Login bypass', pages: 3 });
    const closed = unwrap(ticket.apply(state, { type: 'close', at: '2026-03-03T09:00:00Z' }));
    expect(closed.state.data).toEqual({ title: 'Login bypass', pages: 3 });
  });

  it('refuses a stored state whose data lacks a creation field', () => {
    const { state } = unwrap(ticket.create({ type: 'create', id: 't-1', at: '2026-03-02T09:00:00Z', title: 'Login bypass', pages: 3 }));
    const result = ticket.safeParseState({ ...state, data: { title: 'Login bypass' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
  });
});
