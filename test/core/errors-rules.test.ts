/**
 * The error module's rules, from docs/concepts.md ("Errors") and the standards every public function keeps: the
 * documented codes, a message that describes a value without reading it, a caller's throw turned into
 * `invalid_input` with the original as `cause`, `unwrap` and `fromZodError` refusing what they cannot read, and
 * failed results frozen. Expected strings are written out here, not built with the module's own helpers.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  ERROR_CODES,
  LifecycleError,
  asLifecycleError,
  caught,
  caughtResult,
  describeValue,
  failure,
  fromZodError,
  isLifecycleError,
  unwrap,
  zodIssues,
} from '../../src/core/index.js';
import { thrownMessage, trap } from '../fuzz/refusals.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('error codes', () => {
  it('are exactly the documented codes, in the documented order', () => {
    expect([...ERROR_CODES]).toEqual([
      'invalid_input',
      'unknown_event',
      'transition_not_allowed',
      'terminal_state',
      'out_of_order',
      'lifecycle_mismatch',
      'invalid_declaration',
      'version_conflict',
      'not_found',
      'operation_not_allowed',
      'invalid_signature',
      'duplicate_delivery',
    ]);
  });
});

describe('LifecycleError', () => {
  it('has empty issues and details by default, and no cause unless one is given', () => {
    const e = new LifecycleError('not_found', 'missing');
    expect(e.issues).toEqual([]);
    expect(e.details).toEqual({});
    expect('cause' in e).toBe(false);
    expect(e.toJSON()).toEqual({ code: 'not_found', message: 'missing', issues: [], details: {} });
    const withOptions = new LifecycleError('not_found', 'missing', { details: { id: 'x' } });
    expect('cause' in withOptions).toBe(false);
  });

  it('keeps the cause it is given (an undefined cause too), its issues and its details', () => {
    const original = new TypeError('boom');
    const e = new LifecycleError('invalid_input', 'bad', { cause: original, issues: [{ path: ['a', 0], message: 'm', code: 'c' }], details: { event: 'x' } });
    expect(e.cause).toBe(original);
    expect(e.issues).toEqual([{ path: ['a', 0], message: 'm', code: 'c' }]);
    expect(e.details).toEqual({ event: 'x' });
    expect('cause' in new LifecycleError('invalid_input', 'bad', { cause: undefined })).toBe(true);
  });
});

describe('isLifecycleError', () => {
  it('recognises ours and a copy by name and string code, and nothing else', () => {
    expect(isLifecycleError(new LifecycleError('not_found', 'x'))).toBe(true);
    expect(isLifecycleError(Object.assign(new Error('x'), { name: 'LifecycleError', code: 'not_found' }))).toBe(true);
    const cases: unknown[] = [
      Object.assign(new Error('x'), { name: 'LifecycleError', code: 42 }),
      Object.assign(new Error('x'), { name: 'LifecycleError' }),
      Object.assign(new Error('x'), { name: 'OtherError', code: 'not_found' }),
      { name: 'LifecycleError', code: 'not_found', message: 'not an Error' },
      null,
      'LifecycleError',
    ];
    for (const value of cases) expect(isLifecycleError(value), JSON.stringify(value)).toBe(false);
  });

  it('is false, not a throw, for a Proxy whose prototype cannot be read', () => {
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
    expect(isLifecycleError(hostile)).toBe(false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(isLifecycleError(proxy)).toBe(false);
  });
});

describe('describeValue', () => {
  it.each<[string, unknown, string]>([
    ['a short string, quoted', 'abc', '"abc"'],
    ['a string of 60 characters, whole', 'x'.repeat(60), `"${'x'.repeat(60)}"`],
    ['a string of 61 characters, cut at 60 with an ellipsis', 'y'.repeat(61), `"${'y'.repeat(60)}…"`],
    ['a string with a quote, escaped as JSON', 'a"b', '"a\\"b"'],
    ['a number', 1.5, '1.5'],
    ['NaN', Number.NaN, 'NaN'],
    ['a boolean', false, 'false'],
    ['undefined', undefined, 'undefined'],
    ['a bigint', 12n, '12n'],
    ['a symbol', Symbol('s'), 'a symbol'],
    ['a function', () => 1, 'a function'],
    ['null', null, 'null'],
    ['an array', [1, 2], 'an array'],
    ['an object', { toString: () => 'never called' }, 'an object'],
    ['an object without a prototype', Object.create(null), 'an object'],
  ])('%s', (_, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('a revoked Proxy is described, not read', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(describeValue(proxy)).toBe('a revoked Proxy');
  });
});

describe('caught, caughtResult and asLifecycleError', () => {
  it('return what the body returns', () => {
    expect(caught('x', () => 7)).toBe(7);
    const ok = { ok: true as const, n: 1 };
    expect(caughtResult('x', () => ok)).toBe(ok);
  });

  it('let a LifecycleError through as the same object', () => {
    const error = new LifecycleError('not_found', 'missing');
    expect(thrown(() => caught('x', () => { throw error; }))).toBe(error);
    expect(asLifecycleError('x', error)).toBe(error);
    const r = caughtResult('x', () => { throw error; });
    expect(r).toEqual({ ok: false, error });
  });

  it('turn any other throw into invalid_input naming what was read and why, with the original as cause', () => {
    const original = new TypeError('boom');
    const e = thrown(() => caught('the options', () => { throw original; })) as LifecycleError;
    expect(e).toBeInstanceOf(LifecycleError);
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('Invalid input to the options: reading it threw (TypeError: boom)');
    expect(e.cause).toBe(original);
    expect(asLifecycleError('w', 'plain text').message).toBe('Invalid input to w: reading it threw ("plain text")');
    expect(asLifecycleError('w', 3).message).toBe('Invalid input to w: reading it threw (3)');
  });

  it('describe an error whose name cannot be read as unreadable', () => {
    const weird = new Error('m');
    Object.defineProperty(weird, 'name', { get: () => { throw new Error('trap'); } });
    const e = asLifecycleError('w', weird);
    expect(e.message).toBe('Invalid input to w: reading it threw (an unreadable error)');
    expect(e.cause).toBe(weird);
  });

  it('caughtResult gives a frozen failed result instead of a throw', () => {
    const r = caughtResult('the state', (): { ok: true } => { throw new RangeError('deep'); });
    expect(r.ok).toBe(false);
    expect(Object.isFrozen(r)).toBe(true);
    const error = (r as { error: LifecycleError }).error;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Invalid input to the state: reading it threw (RangeError: deep)');
  });
});

describe('unwrap and failure', () => {
  it('failure is frozen and holds the error', () => {
    const error = new LifecycleError('not_found', 'missing');
    const f = failure(error);
    expect(f).toEqual({ ok: false, error });
    expect(Object.isFrozen(f)).toBe(true);
  });

  it('unwrap returns the very success object, and throws the very error', () => {
    const ok = { ok: true as const, n: 1 };
    expect(unwrap(ok)).toBe(ok);
    const foreign = Object.assign(new Error('x'), { name: 'LifecycleError', code: 'not_found' });
    expect(thrown(() => unwrap({ ok: false, error: foreign as never }))).toBe(foreign);
  });

  it('refuses what is not a result, saying what it expects', () => {
    for (const value of [null, undefined, 1, 'ok', {}, { ok: 'yes' }, { ok: 1 }]) {
      const e = thrown(() => unwrap(value as never)) as LifecycleError;
      expect(e.code, String(value)).toBe('invalid_input');
      expect(e.message).toMatch(/^unwrap expects a result \(\{ ok: true, \.\.\. \} or \{ ok: false, error \}\), got /);
    }
  });

  it('refuses a failed result whose error is not a LifecycleError, keeping it as the cause', () => {
    const other = new Error('plain');
    const e = thrown(() => unwrap({ ok: false, error: other as never })) as LifecycleError;
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('unwrap was given a failed result whose error is not a LifecycleError: an object');
    expect(e.cause).toBe(other);
  });
});

describe('fromZodError and zodIssues', () => {
  const zodError = z.object({ a: z.string() }).safeParse({ a: 1 }).error!;

  it('keeps path, message and code of each issue', () => {
    expect(zodIssues(zodError)).toEqual([{ path: ['a'], message: zodError.issues[0]!.message, code: 'invalid_type' }]);
    const e = fromZodError('thing', zodError, { event: 'approve' });
    expect(e.message.startsWith('Invalid thing:\n')).toBe(true);
    expect(e.details).toEqual({ event: 'approve' });
    expect(e.issues[0]!.code).toBe('invalid_type');
    expect(fromZodError('thing', zodError).details).toEqual({});
  });

  it('refuses a description that is not a string, an error that is not zod\'s, and details that are not an object', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => fromZodError(3 as never, zodError), /^fromZodError expects a description string, got 3$/],
      [() => fromZodError('x', new Error('no') as never), /^fromZodError expects a zod error, got an object$/],
      [() => fromZodError('x', { issues: [] } as never), /^fromZodError expects a zod error/],
      [() => fromZodError('x', zodError, null as never), /^fromZodError expects details to be an object, got null$/],
      [() => fromZodError('x', zodError, 'd' as never), /^fromZodError expects details to be an object, got "d"$/],
    ];
    for (const [run, message] of cases) {
      const e = thrown(run) as LifecycleError;
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(message);
    }
  });
});

describe('unwrap and fromZodError name themselves when reading their argument throws', () => {
  it('unwrap', () => {
    expect(thrownMessage(() => unwrap(trap() as never))).toBe('Invalid input to unwrap: reading it threw (Error: trap)');
  });

  it('fromZodError', () => {
    expect(thrownMessage(() => fromZodError('settings', trap() as never))).toBe('Invalid input to fromZodError: reading it threw (Error: trap)');
  });
});
