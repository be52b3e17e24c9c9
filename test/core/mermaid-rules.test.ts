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
  });
});
