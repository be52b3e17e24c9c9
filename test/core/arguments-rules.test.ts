/**
 * Core's argument checks (`src/core/arguments.ts`): every refusal is `invalid_input` naming the function, the
 * argument, what was expected and what came (described, never read); bounds are inclusive; `parseArguments` parses
 * each argument by its own schema in order and keeps zod's copies; the lifecycle shape check needs each named method.
 * Expected wordings are written out here.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LifecycleError, argumentError, integerArgument, isLifecycleShaped, parseArguments, stringArgument } from '../../src/core/index.js';

function refusal(run: () => unknown): LifecycleError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LifecycleError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    return error as LifecycleError;
  }
  throw new Error('expected a refusal');
}

describe('argumentError', () => {
  it('names the argument, the function, the expectation and the value', () => {
    const e = argumentError('effectId', 'version', 'an integer', 'two');
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('Invalid argument "version" of effectId: expected an integer, got "two"');
  });
});

describe('stringArgument', () => {
  it('returns a string; refuses the empty string unless allowed', () => {
    expect(stringArgument('f', 'x', 'a')).toBe('a');
    expect(stringArgument('f', 'x', '', true)).toBe('');
    expect(refusal(() => stringArgument('f', 'x', '')).message).toBe('Invalid argument "x" of f: expected a non-empty string, got ""');
    expect(refusal(() => stringArgument('f', 'x', 3, true)).message).toBe('Invalid argument "x" of f: expected a string, got 3');
    expect(refusal(() => stringArgument('f', 'x', null)).message).toBe('Invalid argument "x" of f: expected a non-empty string, got null');
  });
});

describe('integerArgument', () => {
  it('accepts safe integers at or above the minimum', () => {
    expect(integerArgument('f', 'n', 0)).toBe(0);
    expect(integerArgument('f', 'n', -5)).toBe(-5);
    expect(integerArgument('f', 'n', Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(integerArgument('f', 'n', Number.MIN_SAFE_INTEGER)).toBe(Number.MIN_SAFE_INTEGER);
    expect(integerArgument('f', 'n', 1, 1)).toBe(1);
  });

  it('refuses what is below the minimum, fractional, unsafe or not a number, saying what it expects', () => {
    expect(refusal(() => integerArgument('f', 'n', 0, 1)).message).toBe('Invalid argument "n" of f: expected an integer of at least 1, got 0');
    expect(refusal(() => integerArgument('f', 'n', 1.5)).message).toBe('Invalid argument "n" of f: expected a safe integer, got 1.5');
    expect(refusal(() => integerArgument('f', 'n', 2 ** 53)).message).toBe(`Invalid argument "n" of f: expected a safe integer, got ${2 ** 53}`);
    expect(refusal(() => integerArgument('f', 'n', '3')).message).toBe('Invalid argument "n" of f: expected a safe integer, got "3"');
    expect(refusal(() => integerArgument('f', 'n', Number.NaN, 0)).message).toBe('Invalid argument "n" of f: expected an integer of at least 0, got NaN');
  });
});

describe('parseArguments', () => {
  const schemas = { name: z.string().min(1), count: z.number().int().default(1), options: z.object({ flag: z.boolean() }).optional() };

  it('parses each argument by its schema, in order; extra arguments are ignored', () => {
    const options = { flag: true };
    const parsed = parseArguments('f', schemas, ['a', undefined, options, 'extra']);
    expect(parsed).toEqual({ name: 'a', count: 1, options: { flag: true } });
    // zod's copy: the caller's object is not kept (nor frozen).
    expect(parsed.options).not.toBe(options);
    expect(Object.isFrozen(options)).toBe(false);
  });

  it('refuses the first argument that fails, naming it and the function', () => {
    const e = refusal(() => parseArguments('f', schemas, ['a', 'many']));
    expect(e.message.startsWith('Invalid argument "count" of f:\n')).toBe(true);
    expect(e.issues.map((i) => i.path)).toEqual([[]]);
    const first = refusal(() => parseArguments('f', schemas, ['', 'many']));
    expect(first.message.startsWith('Invalid argument "name" of f:\n')).toBe(true);
  });

  it('turns a throwing getter into invalid_input with the original as cause', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('caller trap'); } });
    const e = refusal(() => parseArguments('f', schemas, ['a', 1, trap]));
    expect((e.cause as Error).message).toBe('caller trap');
  });
});

describe('isLifecycleShaped', () => {
  const shaped = { id: 'x', version: 1, declaration: {}, apply: () => 0, create: () => 0 };

  it('is true for an id, a version, a declaration object and each method named', () => {
    expect(isLifecycleShaped(shaped, ['apply', 'create'])).toBe(true);
    expect(isLifecycleShaped(shaped, [])).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a function', () => 0],
    // A lifecycle is an object: a function that carries every field and method is still not one.
    ['a function carrying every field of a lifecycle', Object.assign(() => 0, { id: 'x', version: 1, declaration: {}, apply: () => 0, create: () => 0 })],
    ['an id that is not a string', { ...shaped, id: 1 }],
    ['a version that is not a number', { ...shaped, version: '1' }],
    ['no declaration', { ...shaped, declaration: undefined }],
    ['a null declaration', { ...shaped, declaration: null }],
    ['a declaration that is not an object', { ...shaped, declaration: 'd' }],
    ['a named method missing', { ...shaped, create: undefined }],
    ['a named method that is not a function', { ...shaped, apply: 'apply' }],
  ])('is false for %s', (_, value) => {
    expect(isLifecycleShaped(value, ['apply', 'create'])).toBe(false);
  });
});
