/**
 * The declaration helpers (`src/core/declaration.ts`), stated from their documentation: `eventSchema` and
 * `creationEventSchema` refuse a type or shape they cannot use, word for word, and copy the shape they check;
 * the base fields (`actor` and a creation's `id` non-empty); only a schema without fields of its own takes the
 * engines' fast path; `statusChangeSchema`; `readonlyArray` freezing only its own successful output; and how a
 * faulty declaration is named (`checkDeclarationShape`, `declareLifecycle`).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { bareEvent } from '../../src/core/bare-events.js';
import { checkDeclarationShape, creationEventSchema, declareLifecycle, eventSchema, readonlyArray, statusChangeSchema } from '../../src/core/index.js';
import { thrownCode, thrownError, thrownMessage } from '../fuzz/refusals.js';

const at = '2026-01-02T03:04:05.000Z';

describe('eventSchema and creationEventSchema refuse, naming themselves', () => {
  it('a type that is not a non-empty string', () => {
    expect(thrownCode(() => eventSchema('' as never, {}))).toBe('invalid_declaration');
    expect(thrownMessage(() => eventSchema('', {}))).toBe('eventSchema expects a non-empty event type, got ""');
    expect(thrownMessage(() => eventSchema(7 as never, {}))).toBe('eventSchema expects a non-empty event type, got 7');
    expect(thrownMessage(() => creationEventSchema(null as never, {}))).toBe('creationEventSchema expects a non-empty event type, got null');
  });

  it('a shape that is not an object', () => {
    for (const shape of [null, 'x', []]) {
      expect(thrownCode(() => eventSchema('ping', shape as never))).toBe('invalid_declaration');
    }
    expect(thrownMessage(() => eventSchema('ping', null as never))).toBe('eventSchema("ping") expects a shape object of zod schemas, got null');
    expect(thrownMessage(() => eventSchema('ping', [] as never))).toBe('eventSchema("ping") expects a shape object of zod schemas, got an array');
    expect(thrownMessage(() => creationEventSchema('open', 3 as never))).toBe('creationEventSchema("open") expects a shape object of zod schemas, got 3');
  });

  it('a field that is not a zod schema', () => {
    expect(thrownCode(() => eventSchema('ping', { n: 1 } as never))).toBe('invalid_declaration');
    expect(thrownMessage(() => eventSchema('ping', { n: z.number(), label: 'text' } as never))).toBe('eventSchema("ping"): field "label" is not a zod schema ("text")');
    expect(thrownMessage(() => creationEventSchema('open', { n: null } as never))).toBe('creationEventSchema("open"): field "n" is not a zod schema (null)');
    expect(thrownMessage(() => eventSchema('ping', { n: { safeParse: 1 } } as never))).toContain('field "n" is not a zod schema');
    // A schema is an object: a function carrying a safeParse is not one.
    const lookalike = Object.assign(() => undefined, { safeParse: () => ({ success: true }) });
    expect(thrownMessage(() => eventSchema('ping', { n: lookalike } as never))).toContain('field "n" is not a zod schema');
  });

  it('a shape read by a getter that throws, as the typed error naming the helper', () => {
    const shape = Object.defineProperty({}, 'n', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(thrownMessage(() => eventSchema('ping', shape as never))).toBe('Invalid input to eventSchema: reading it threw (Error: no)');
    expect(thrownMessage(() => creationEventSchema('open', shape as never))).toBe('Invalid input to creationEventSchema: reading it threw (Error: no)');
  });
});

describe('the fields every event has', () => {
  it('an actor, when given, is not empty; a creation\'s id, when given, is not empty', () => {
    const ping = eventSchema('ping', {});
    expect(ping.safeParse({ type: 'ping', at, actor: 'ana' }).success).toBe(true);
    expect(ping.safeParse({ type: 'ping', at, actor: '' }).success).toBe(false);
    const open = creationEventSchema('open', {});
    expect(open.safeParse({ type: 'open', at, id: 'e1' }).success).toBe(true);
    expect(open.safeParse({ type: 'open', at, id: '' }).success).toBe(false);
    expect(open.safeParse({ type: 'open', at, id: 'e1', actor: '' }).success).toBe(false);
  });
});

describe('the engines\' fast path', () => {
  it('is taken for an event schema with no fields of its own, and for no other', () => {
    const bare = eventSchema('ping', {});
    expect(bareEvent(bare, { type: 'ping', at }, 'ping')).toEqual({ type: 'ping', at });
    expect(bareEvent(eventSchema('note', { text: z.string().optional() }), { type: 'note', at }, 'note')).toBeNull();
    expect(bareEvent(creationEventSchema('open', {}), { type: 'open', at }, 'open')).toBeNull();
  });
});

describe('statusChangeSchema', () => {
  const schema = statusChangeSchema(['Open', 'Done']);

  it('reads a status change between the statuses, keeping the envelope\'s other fields', () => {
    expect(schema.parse({ type: 'status_changed', from: null, to: 'Open', at, id: 'x:1' })).toEqual({ type: 'status_changed', from: null, to: 'Open', at, id: 'x:1' });
    expect(schema.parse({ type: 'status_changed', from: 'Open', to: 'Done', at: '2026-01-02T04:04:05+01:00' }).at).toBe(at);
  });

  it('refuses another type, an unknown status, and a missing instant', () => {
    expect(schema.safeParse({ type: 'created', from: null, to: 'Open', at }).success).toBe(false);
    expect(schema.safeParse({ type: 'status_changed', from: 'Closed', to: 'Open', at }).success).toBe(false);
    expect(schema.safeParse({ type: 'status_changed', from: null, to: 'Closed', at }).success).toBe(false);
    expect(schema.safeParse({ type: 'status_changed', from: null, to: 'Open' }).success).toBe(false);
  });
});

describe('readonlyArray', () => {
  it('freezes its own output, never the caller\'s array', () => {
    const schema = readonlyArray(z.string());
    const input = ['a'];
    const output = schema.parse(input);
    expect(output).toEqual(['a']);
    expect(output).not.toBe(input);
    expect(Object.isFrozen(output)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    const refused = ['a', 1];
    expect(schema.safeParse(refused).success).toBe(false);
    expect(Object.isFrozen(refused)).toBe(false);
    // Not an array at all: zod hands the caller's own value back with the refusal; it stays as it was.
    const notAnArray = { a: 1 };
    expect(schema.safeParse(notAnArray).success).toBe(false);
    expect(Object.isFrozen(notAnArray)).toBe(false);
    // A typed array cannot be frozen (freezing one throws): refused like any other value that is not an array.
    const bytes = new Uint8Array(2);
    expect(schema.safeParse(bytes).success).toBe(false);
    expect(Object.isFrozen(bytes)).toBe(false);
  });

  it('encodes as zod\'s own read-only array does: the inner schema\'s value, not frozen', () => {
    const codec = z.codec(z.string(), z.number(), { decode: Number, encode: String });
    const ours = z.encode(readonlyArray(codec), [1, 2]);
    expect(ours).toEqual(z.encode(z.array(codec).readonly(), [1, 2]));
    expect(Object.isFrozen(ours)).toBe(false);
    expect(Object.isFrozen(z.decode(readonlyArray(codec), ['1']))).toBe(true);
  });

  it('refuses an asynchronous item schema, saying so', async () => {
    await expect(readonlyArray(z.string().refine(async () => true)).parseAsync(['a'])).rejects.toThrow('readonlyArray: async item schemas are not supported');
  });
});

describe('how a faulty declaration is named', () => {
  /** The refusal `checkDeclarationShape` throws for `declaration`. */
  const refusalOf = (declaration: unknown) => thrownError(() => checkDeclarationShape(declaration));
  const minimal = {
    id: 'mini',
    version: 1,
    statuses: ['A'],
    terminal: [],
    data: z.object({}),
    events: { make: creationEventSchema('make', {}) },
    settings: z.object({}),
    create: [{ on: 'make', to: 'A' }],
    transitions: [],
  };

  it('a declaration that is not an object: the declaration itself, unnamed', () => {
    expect(refusalOf(null).message).toMatch(/^Lifecycle "\(unnamed\)": field "\(the declaration\)": /);
    expect(refusalOf(null).code).toBe('invalid_declaration');
  });

  it('a faulty field: its dotted path, the lifecycle by its id, in the details too', () => {
    const error = refusalOf({ ...minimal, create: [{ on: '' }] });
    expect(error.message).toBe('Lifecycle "mini": field "create.0.on": Too small: expected string to have >=1 characters');
    expect(error.details).toEqual({ lifecycle: 'mini' });
    expect(refusalOf({ ...minimal, data: {} }).message).toBe('Lifecycle "mini": field "data": expected a zod schema');
    expect(refusalOf({ ...minimal, nextDue: 'soon' }).message).toBe('Lifecycle "mini": field "nextDue": expected a function');
    expect(refusalOf({ ...minimal, regions: { due: { values: ['a'] } } }).message).toBe('Lifecycle "mini": field "regions.due.of": expected a function');
    expect(refusalOf({ ...minimal, transitions: [{ on: 'go', from: 'A' }] }).message).toMatch(/^Lifecycle "mini": field "transitions\.0\.from": /);
    expect(() => checkDeclarationShape({ ...minimal, transitions: [{ on: 'go', from: '*' }] })).not.toThrow();
    expect(refusalOf({ ...minimal, events: { make: z.string(), go: 'x' } }).message).toBe('Lifecycle "mini": field "events.go": expected a zod schema');
  });

  it('unnamed only when the id is what is wrong, whichever issue comes first', () => {
    expect(refusalOf({ ...minimal, id: 5 }).message).toMatch(/^Lifecycle "\(unnamed\)": field "id": /);
    // Two issues, the id's among them: still unnamed (an empty id cannot name it).
    expect(refusalOf({ ...minimal, version: 0, id: '' }).message).toMatch(/^Lifecycle "\(unnamed\)": field "id": /);
    // Two issues, neither the id's: named.
    expect(refusalOf({ ...minimal, version: 0, data: 1 }).message).toMatch(/^Lifecycle "mini": field "version": /);
  });

  it('declareLifecycle hands back the same declaration, or throws the refusal', () => {
    expect(declareLifecycle(minimal as never)).toBe(minimal);
    expect(thrownMessage(() => declareLifecycle({ ...minimal, settings: null } as never))).toBe('Lifecycle "mini": field "settings": expected a zod schema');
    const unreadable = new Proxy(minimal, { get: () => { throw new Error('no'); } });
    expect(thrownMessage(() => declareLifecycle(unreadable as never))).toBe('Invalid input to declareLifecycle: reading it threw (Error: no)');
  });
});
