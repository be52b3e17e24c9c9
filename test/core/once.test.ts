/** Each declared function runs once per event, on both engines: the machine's guards and actions share one decision. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, instant, unwrap } from '../../src/index.js';
import { machineEngine } from '../../src/machine/index.js';

type Status = 'Draft' | 'Small' | 'Large';
interface Data {
  readonly size: number;
}

function countingLifecycle() {
  const calls = { init: 0, createSelect: 0, reject: 0, guard: 0, update: 0, select: 0, effects: 0 };
  const events = {
    start: creationEventSchema('start', { size: z.number() }),
    resize: eventSchema('resize', { size: z.number() }),
  };
  type Events = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];
  const declaration = declareLifecycle<Status, Data, Events, unknown, { readonly type: 'resized' }>({
    id: `counting`,
    version: 1,
    statuses: ['Draft', 'Small', 'Large'],
    terminal: [],
    data: z.object({ size: z.number() }) as never,
    events: events as never,
    settings: z.object({}) as never,
    create: [
      {
        on: 'start',
        to: {
          oneOf: ['Small', 'Large'],
          select: (_ctx, data) => {
            calls.createSelect++;
            return data.size > 10 ? 'Large' : 'Small';
          },
        },
        init: ({ event }) => {
          calls.init++;
          return { size: event.size };
        },
      },
    ],
    transitions: [
      // A candidate whose guard refuses, before the one that applies: both engines must ask it once, too.
      { from: '*', on: 'resize', guard: () => (calls.guard++, false), to: 'Draft' },
      {
        from: '*',
        on: 'resize',
        reject: () => (calls.reject++, null),
        update: ({ event }) => (calls.update++, { size: event.size }),
        to: {
          oneOf: ['Small', 'Large'],
          select: (_ctx, data) => (calls.select++, data.size > 10 ? 'Large' : 'Small'),
        },
        effects: () => (calls.effects++, [{ type: 'resized' }]),
      },
    ],
  });
  return { lifecycle: defineLifecycle(declaration), calls };
}

const at = (hour: number) => instant(new Date(Date.UTC(2024, 0, 1, hour)));
const start = { type: 'start', id: 'e1', at: at(0), size: 3 } as const;
const resize = { type: 'resize', at: at(1), size: 20 } as const;

describe('one event, one run of each declared function', () => {
  for (const engine of ['fast engine', 'xstate machine'] as const) {
    it(`${engine}: create runs init and select once; apply runs reject, guard, update, select and effects once`, () => {
      const { lifecycle, calls } = countingLifecycle();
      const run = engine === 'fast engine' ? lifecycle : machineEngine(lifecycle);
      const created = unwrap(run.create(start));
      expect(created.state.status).toBe('Small');
      expect({ init: calls.init, createSelect: calls.createSelect }).toEqual({ init: 1, createSelect: 1 });
      const applied = unwrap(run.apply(created.state, resize));
      expect(applied.state.status).toBe('Large');
      expect(applied.effects.map((effect) => effect.type)).toEqual(['status_changed', 'resized']);
      expect(calls).toEqual({ init: 1, createSelect: 1, reject: 1, guard: 1, update: 1, select: 1, effects: 1 });
    });
  }
});
