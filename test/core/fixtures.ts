/** A small lifecycle that exercises every feature of the core: guards, dynamic targets, regions, refusals. */
import * as z from 'zod';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, LifecycleError, type Effect } from '../../src/index.js';

export type TicketStatus = 'Open' | 'Blocked' | 'Done' | 'Archived';

export interface TicketData {
  readonly title: string;
  readonly points: number;
  readonly late: boolean;
  readonly dueMs: number;
}

const events = {
  open: creationEventSchema('open', { title: z.string().min(1), points: z.number().int().min(0), dueMs: z.number().int() }),
  block: eventSchema('block', {}),
  unblock: eventSchema('unblock', {}),
  finish: eventSchema('finish', {}),
  estimate: eventSchema('estimate', { points: z.number().int().min(0) }),
  tick: eventSchema('tick', {}),
  archive: eventSchema('archive', {}),
  explode: eventSchema('explode', {}),
  rename: eventSchema('rename', { title: z.string() }),
};
type Events = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];
type Draft = { readonly type: 'reestimated'; readonly from: number; readonly to: number } | { readonly type: 'late' };

export const ticketDeclaration = declareLifecycle<TicketStatus, TicketData, Events, { readonly maxPoints: number }, Draft>({
  id: 'ticket',
  version: 1,
  statuses: ['Open', 'Blocked', 'Done', 'Archived'],
  terminal: ['Archived'],
  data: z.object({ title: z.string(), points: z.number(), late: z.boolean(), dueMs: z.number() }) as never,
  events: events as never,
  settings: z.object({ maxPoints: z.number().int().default(13) }) as never,
  clockEvent: 'tick',
  create: [
    {
      on: 'open',
      to: { oneOf: ['Open', 'Blocked'], select: (_ctx, data) => (data.points > 8 ? 'Blocked' : 'Open') },
      init: ({ event }) => ({ title: event.title, points: event.points, late: false, dueMs: event.dueMs }),
    },
  ],
  transitions: [
    { from: ['Open'], on: 'block', to: 'Blocked' },
    { from: ['Blocked'], on: 'unblock', to: 'Open' },
    {
      from: ['Open'],
      on: 'finish',
      guard: ({ state }) => state.data.points > 0,
      refusal: 'an unestimated ticket cannot be finished',
      to: 'Done',
    },
    {
      from: '*',
      on: 'estimate',
      guard: ({ event, settings }) => event.points <= settings.maxPoints,
      refusal: 'the estimate is above the maximum',
      update: ({ state, event }) => (state.data.points === event.points ? state.data : { ...state.data, points: event.points }),
      effects: ({ state, event }) => (state.data.points === event.points ? [] : [{ type: 'reestimated', from: state.data.points, to: event.points }]),
    },
    {
      from: '*',
      on: 'tick',
      update: ({ state, now }) => (now >= state.data.dueMs && !state.data.late ? { ...state.data, late: true } : state.data),
      effects: ({ state, now }) => (now >= state.data.dueMs && !state.data.late ? [{ type: 'late' }] : []),
    },
    { from: ['Done'], on: 'archive', to: 'Archived' },
    {
      from: ['Open', 'Blocked'],
      on: 'rename',
      reject: ({ event }) => (event.title.trim() === '' ? new LifecycleError('invalid_input', 'A ticket needs a title') : null),
      update: ({ state, event }) => ({ ...state.data, title: event.title }),
    },
    {
      from: '*',
      on: 'explode',
      update: () => {
        throw new Error('boom');
      },
    },
  ],
  regions: { schedule: { values: ['on_time', 'late'], of: (data) => (data.late ? 'late' : 'on_time') } },
  nextDue: (state) => (state.data.late ? null : state.data.dueMs),
});

export const ticket = defineLifecycle(ticketDeclaration);
export type TicketEffect = Effect;
