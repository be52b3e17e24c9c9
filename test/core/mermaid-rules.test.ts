/**
 * The Mermaid diagram (`src/core/mermaid.ts`), stated from its documentation and Mermaid's syntax: a status whose
 * name is not a Mermaid id gets one (non-alphanumerics as `_`, trimmed, `s_` before a leading digit, `s` for none
 * left, `_2`, `_3`… on a collision) and is declared with its name; each edge once, its events listed once each in
 * order; the default direction LR; omitted events drawn nowhere; terminal statuses to `[*]`; refusals in words.
 * The whole expected diagram of a small lifecycle is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, toMermaid } from '../../src/index.js';
import { thrownCode, thrownMessage } from '../fuzz/refusals.js';

type Status = 'In Progress' | 'In-Progress' | '2nd review' | '***' | 'Done' | 'In / Progress' | '--Review--' | 'Stage 2';
const events = {
  open: creationEventSchema('open', {}),
  move: eventSchema('move', {}),
  finish: eventSchema('finish', {}),
  close: eventSchema('close', {}),
  note: eventSchema('note', { text: z.string() }),
  rename: eventSchema('rename', {}),
};
type Events = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];

const declaration = declareLifecycle<Status, Record<string, never>, Events, Record<string, never>, never>({
  id: 'odd-names',
  version: 1,
  statuses: ['In Progress', 'In-Progress', '2nd review', '***', 'Done', 'In / Progress', '--Review--', 'Stage 2'],
  terminal: ['Done'],
  data: z.object({}).strict() as never,
  events: events as never,
  settings: z.object({}) as never,
  create: [{ on: 'open', to: 'In Progress', init: () => ({}) }],
  transitions: [
    { from: ['In Progress'], on: 'move', to: 'In-Progress' },
    { from: ['In-Progress'], on: 'move', to: '2nd review' },
    { from: ['2nd review'], on: 'move', to: '***' },
    { from: ['***'], on: 'finish', guard: () => false, to: 'Done' },
    { from: ['***'], on: 'finish', to: 'Done' },
    { from: ['2nd review'], on: 'rename', to: '2nd review' },
    { from: ['***'], on: 'close', to: 'Done' },
    { from: ['In Progress', 'In-Progress'], on: 'note' },
  ],
});
const lifecycle = defineLifecycle(declaration);

const HEAD = ['stateDiagram-v2', '  direction LR'];
const NAMES = [
  '  state "In Progress" as In_Progress',
  '  state "In-Progress" as In_Progress_2',
  '  state "2nd review" as s_2nd_review',
  '  state "***" as s',
  '  state "In / Progress" as In_Progress_3',
  '  state "--Review--" as Review',
  '  state "Stage 2" as Stage_2',
];

describe('toMermaid on names that are not Mermaid ids', () => {
  it('draws the whole diagram, ids made from the names', () => {
    expect(toMermaid(lifecycle)).toBe(
      [
        ...HEAD,
        ...NAMES,
        '  [*] --> In_Progress : open',
        '  In_Progress --> In_Progress_2 : move',
        '  In_Progress_2 --> s_2nd_review : move',
        '  s_2nd_review --> s : move',
        '  s --> Done : finish, close',
        '  Done --> [*]',
        '',
      ].join('\n'),
    );
  });

  it('self loops, another direction, and omitted events', () => {
    const m = toMermaid(declaration, { selfLoops: true, direction: 'TB', omitEvents: ['move', 'close'] });
    expect(m).toBe(
      [
        'stateDiagram-v2',
        '  direction TB',
        ...NAMES,
        '  [*] --> In_Progress : open',
        '  In_Progress --> In_Progress : note',
        '  In_Progress_2 --> In_Progress_2 : note',
        '  s_2nd_review --> s_2nd_review : rename',
        '  s --> Done : finish',
        '  Done --> [*]',
        '',
      ].join('\n'),
    );
  });
});

describe('what toMermaid refuses', () => {
  it('a lifecycle that is not an object, and options that are not one', () => {
    expect(thrownCode(() => toMermaid(null as never))).toBe('invalid_input');
    expect(thrownMessage(() => toMermaid('ticket' as never))).toBe('toMermaid expects a lifecycle or a declaration, got "ticket"');
    expect(thrownCode(() => toMermaid(lifecycle, null as never))).toBe('invalid_input');
    expect(thrownMessage(() => toMermaid(lifecycle, 'TB' as never))).toBe('toMermaid\'s options must be an object, got "TB"');
    expect(thrownMessage(() => toMermaid(null as never))).toBe('toMermaid expects a lifecycle or a declaration, got null');
    expect(thrownMessage(() => toMermaid(lifecycle, null as never))).toBe('toMermaid\'s options must be an object, got null');
  });

  it('a lifecycle whose declaration cannot be read, as the typed error naming toMermaid', () => {
    const unreadable = {
      get declaration(): never {
        throw new TypeError('revoked');
      },
    };
    expect(thrownCode(() => toMermaid(unreadable))).toBe('invalid_input');
    expect(thrownMessage(() => toMermaid(unreadable))).toBe('Invalid input to toMermaid: reading it threw (TypeError: revoked)');
  });
});

// A lifecycle with regions: a parallel machine, drawn as one composite state named after the lifecycle's id, its
// regions separated by `--`, the status region first, each region an inner state `region_<name>` (the region's
// name with runs of other characters as one `_`, not trimmed) holding its own lines one level deeper.
type Phase = 'Draft' | 'Sent';
const regionEvents = { start: creationEventSchema('start', {}), send: eventSchema('send', {}) };
type RegionEvents = { [K in keyof typeof regionEvents]: z.output<(typeof regionEvents)[K]> }[keyof typeof regionEvents];
const withRegions = defineLifecycle(
  declareLifecycle<Phase, { readonly n: number }, RegionEvents, Record<string, never>, never>({
    id: 'memo two',
    version: 1,
    statuses: ['Draft', 'Sent'],
    terminal: ['Sent'],
    data: z.object({ n: z.number() }).strict() as never,
    events: regionEvents as never,
    settings: z.object({}) as never,
    create: [{ on: 'start', to: 'Draft', init: () => ({ n: 0 }) }],
    transitions: [{ from: ['Draft'], on: 'send', to: 'Sent' }],
    regions: {
      'due date': { values: ['on track', 'late'], of: (data) => (data.n > 1 ? 'late' : 'on track') },
      '--size--': { values: ['s', 'm', 'l'], of: (data) => (data.n > 2 ? 'l' : data.n > 1 ? 'm' : 's') },
    },
  }),
);

describe('toMermaid on a lifecycle with regions', () => {
  it('draws each region inside the lifecycle, separated by --, with its own ids, initial arrow and data edges', () => {
    expect(toMermaid(withRegions, { direction: 'TB' })).toBe(
      [
        'stateDiagram-v2',
        '  direction TB',
        '  state "memo two" as lifecycle {',
        '    state "status" as region_status {',
        '      [*] --> Draft : start',
        '      Draft --> Sent : send',
        '      Sent --> [*]',
        '    }',
        '    --',
        '    state "due date" as region_due_date {',
        '      state "on track" as on_track',
        '      [*] --> on_track',
        '      on_track --> late : data',
        '      late --> on_track : data',
        '    }',
        '    --',
        '    state "--size--" as region__size_ {',
        '      [*] --> s',
        '      s --> m : data',
        '      s --> l : data',
        '      m --> s : data',
        '      m --> l : data',
        '      l --> s : data',
        '      l --> m : data',
        '    }',
        '  }',
        '',
      ].join('\n'),
    );
  });
});
