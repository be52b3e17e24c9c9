/**
 * A workflow's data type comes from its declaration: the `data` schema when there is one, else the creation event's
 * payload fields (what the runtime keeps). Reading a field the data does not have must not compile.
 */
import { expectTypeOf, test } from 'vitest';
import * as z from 'zod';
import { defineWorkflow } from '../../src/workflow/index.js';

const withSchema = defineWorkflow({
  id: 'typed-data',
  statuses: ['Open', 'Done'],
  initial: 'Open',
  terminal: ['Done'],
  events: { create: { title: z.string() }, finish: { score: z.number() } },
  data: z.object({ title: z.string(), score: z.number().optional() }),
  transitions: [{ from: 'Open', on: 'finish', to: 'Done', update: ({ state, event }) => ({ ...state.data, score: event.score }) }],
});

const noSchema = defineWorkflow({
  id: 'default-data',
  statuses: ['Open', 'Done'],
  initial: 'Open',
  terminal: ['Done'],
  events: { create: { title: z.string(), pages: z.number() }, finish: {} },
  transitions: [{ from: 'Open', on: 'finish', to: 'Done', guard: ({ state }) => state.data.pages > 0 }],
});

const noFields = defineWorkflow({
  id: 'no-fields',
  statuses: ['Open', 'Done'],
  initial: 'Open',
  terminal: ['Done'],
  events: { open: {}, finish: {} },
  createOn: 'open',
  transitions: [{ from: 'Open', on: 'finish', to: 'Done' }],
});

type DataOf<L> = L extends { parseState(input: unknown): { data: infer D } } ? D : never;

test('the data type is inferred from the declared data schema', () => {
  expectTypeOf<DataOf<typeof withSchema>>().toEqualTypeOf<{ title: string; score?: number | undefined }>();
  const state = withSchema.parseState({});
  expectTypeOf(state.data.title).toEqualTypeOf<string>();
  // @ts-expect-error: the data has no field `author`
  void state.data.author;
});

test('without a data schema the data is the creation event fields, typed', () => {
  expectTypeOf<DataOf<typeof noSchema>>().toEqualTypeOf<{ readonly title: string; readonly pages: number }>();
  const state = noSchema.parseState({});
  const pages: number = state.data.pages;
  void pages;
  // @ts-expect-error: a string field is not a number
  const wrong: number = state.data.title;
  void wrong;
  // @ts-expect-error: the data has no field `author`
  void state.data.author;
});

test('a creation event without fields makes data with no fields, not an index of never', () => {
  const state = noFields.parseState({});
  // @ts-expect-error: `title` is not a field of this data (it was `never`, so `const n: number = …` compiled)
  const n: number = state.data.title;
  void n;
});
