/** `lazyObject`: a stand-in that builds on first use and then behaves as the built object; `eager` unwraps it. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { eager, lazyObject, once } from '../../src/core/lazy.js';
import { baseEventShape, calendarDateSchema, eventSchema, instantSchema, retentionSettingsSchema, timeZoneSchema } from '../../src/index.js';

describe('lazyObject', () => {
  it('builds nothing until first use, then builds once', () => {
    let builds = 0;
    const schema = lazyObject(() => (builds++, z.strictObject({ n: z.number() })));
    expect(builds).toBe(0);
    expect(schema.parse({ n: 1 })).toEqual({ n: 1 });
    expect(schema.safeParse({ n: 'x' }).success).toBe(false);
    expect(Object.keys(schema.shape)).toEqual(['n']);
    expect(builds).toBe(1);
  });

  it('is an instance of the built object\'s classes, with its keys, and composes into other schemas', () => {
    const real = z.strictObject({ n: z.number() });
    const schema = lazyObject(() => z.strictObject({ n: z.number() }));
    expect(schema instanceof z.ZodObject).toBe(true);
    expect(schema instanceof z.ZodType).toBe(true);
    expect(Object.getPrototypeOf(schema)).toBe(Object.getPrototypeOf(real));
    expect(Object.keys(schema).sort()).toEqual(Object.keys(real).sort());
    expect(z.object({ inner: schema }).parse({ inner: { n: 2 } })).toEqual({ inner: { n: 2 } });
    expect(schema.optional().parse(undefined)).toBeUndefined();
    expect(schema.extend({ m: z.string() }).parse({ n: 1, m: 'a' })).toEqual({ n: 1, m: 'a' });
  });

  it('keeps the built object\'s frozenness, deep values and spread', () => {
    const value = lazyObject(() => Object.freeze({ a: Object.freeze({ b: 1 }), c: 'd' }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect({ ...value }).toEqual({ a: { b: 1 }, c: 'd' });
    expect(JSON.stringify(value)).toBe('{"a":{"b":1},"c":"d"}');
    expect(() => {
      'use strict';
      (value as { c: string }).c = 'changed';
    }).toThrow(TypeError);
    const open = lazyObject(() => ({ x: 1 }));
    expect(Object.isFrozen(open)).toBe(false);
  });

  it('shows the built object when inspected, before and after its first use', () => {
    const schema = lazyObject(() => z.string().min(3));
    expect(inspect(schema)).toContain('ZodString');
    expect(inspect(schema)).toContain('ZodString');
  });

  it('eager returns the built object, and any other value unchanged', () => {
    const real = z.number();
    const schema = lazyObject(() => real);
    expect(eager(schema)).toBe(real);
    const plain = { a: 1 };
    expect(eager(plain)).toBe(plain);
    expect(eager(3)).toBe(3);
    expect(eager(null)).toBeNull();
  });

  it('builds again after a build that threw, and rethrows what it threw', () => {
    let calls = 0;
    const value = lazyObject<{ ok: boolean }>(() => {
      calls++;
      if (calls === 1) throw new Error('first build fails');
      return { ok: true };
    });
    expect(() => value.ok).toThrow('first build fails');
    expect(value.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('once runs its function on the first call only', () => {
    let calls = 0;
    const get = once(() => ({ n: ++calls }));
    expect(get()).toBe(get());
    expect(calls).toBe(1);
  });
});

describe('the core schemas built on first use', () => {
  it('parse as before', () => {
    expect(instantSchema.parse('2026-01-02T03:04:05+01:00')).toBe('2026-01-02T02:04:05.000Z');
    expect(calendarDateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(timeZoneSchema.parse('utc')).toBe('UTC');
    expect(retentionSettingsSchema.parse(undefined)).toBeNull();
    expect(Object.keys(baseEventShape)).toEqual(['at', 'actor', 'reason']);
    expect(z.strictObject({ ...baseEventShape }).parse({ at: '2026-01-02T00:00:00Z' })).toEqual({ at: '2026-01-02T00:00:00.000Z' });
    expect(instantSchema instanceof z.ZodType).toBe(true);
  });
});

describe('a stand-in schema in z.toJSONSchema', () => {
  it('converts alone and inside a host schema, as the built schema does', () => {
    const build = () => z.strictObject({ tags: z.array(z.string()).readonly().default([]), n: z.number().transform(String).pipe(z.string()) });
    const schema = lazyObject(build);
    const options = { io: 'input', unrepresentable: 'any' } as const;
    expect(z.toJSONSchema(schema, options)).toEqual(z.toJSONSchema(build(), options));
    const host = z.object({ inner: schema, at: instantSchema });
    const plain = z.object({ inner: build(), at: eager(instantSchema) });
    expect(z.toJSONSchema(host, options)).toEqual(z.toJSONSchema(plain, options));
    expect(z.toJSONSchema(instantSchema, options)).toEqual(z.toJSONSchema(eager(instantSchema), options));
  });
});

describe('a stand-in beside its own built schema in one host schema', () => {
  const options = { io: 'input', unrepresentable: 'any' } as const;
  // Each: a pipe, a default, a read-only array with a default; their processors look their entry up by schema.
  /** A schema's JSON Schema as a property of a host's (without the document's `$schema`). */
  const inHost = (schema: z.ZodType) => {
    const { $schema: _, ...json } = z.toJSONSchema(schema, options);
    return json;
  };
  const builds = [
    () => z.number().transform(String).pipe(z.string()),
    () => z.string().default('x'),
    () => z.array(z.string()).readonly().default([]),
  ];

  it('converts both as the built schema converts, in either order', () => {
    for (const build of builds) {
      const real = build();
      const standIn = lazyObject(() => real);
      const expected = inHost(build());
      for (const host of [z.object({ a: real, b: standIn }), z.object({ b: standIn, a: real })]) {
        const json = z.toJSONSchema(host, options) as { properties: Record<string, unknown> };
        expect(json.properties['a']).toEqual(expected);
        expect(json.properties['b']).toEqual(expected);
      }
    }
  });

  it('an event schema (holding the built instant schema) beside instantSchema', () => {
    const expected = inHost(eager(instantSchema));
    for (const host of [z.object({ e: eventSchema('ping', {}), at: instantSchema }), z.object({ at: instantSchema, e: eventSchema('ping', {}) })]) {
      const json = z.toJSONSchema(host, options) as unknown as { properties: { at: unknown; e: { properties: { at: unknown } } } };
      expect(json.properties.at).toEqual(expected);
      expect(json.properties.e.properties.at).toEqual(expected);
    }
  });

  it('an object that only looks like a schema (its `_zod` without a processor) is left as it is', () => {
    const internals = {};
    const built = { _zod: internals };
    const standIn = lazyObject(() => built);
    expect(standIn._zod).toBe(internals);
    expect(Object.keys(internals)).toEqual([]);
  });
});
