import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ERROR_CODES, LifecycleError, fromZodError, isLifecycleError, unwrap } from '../../src/index.js';

describe('LifecycleError', () => {
  it('carries a stable code, issues and details, and serialises to JSON', () => {
    const e = new LifecycleError('terminal_state', 'final', { details: { status: 'Canceled' } });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('LifecycleError');
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'terminal_state', message: 'final', issues: [], details: { status: 'Canceled' } });
  });
  it('fromZodError lists every problem with its path', () => {
    const r = z.object({ a: z.string(), b: z.object({ c: z.number() }) }).safeParse({ a: 1, b: { c: 'x' } });
    const e = fromZodError('thing', r.error!);
    expect(e.code).toBe('invalid_input');
    expect(e.issues.map((i) => i.path)).toEqual([['a'], ['b', 'c']]);
    expect(e.message).toContain('Invalid thing');
    expect(e.message).toContain('b.c');
  });
  it('isLifecycleError also recognises an error from another copy of the library', () => {
    const foreign = Object.assign(new Error('x'), { name: 'LifecycleError', code: 'not_found' });
    expect(isLifecycleError(foreign)).toBe(true);
    expect(isLifecycleError(new Error('x'))).toBe(false);
  });
  it('unwrap returns the value or throws the error', () => {
    expect(unwrap({ ok: true, n: 1 }).n).toBe(1);
    const error = new LifecycleError('not_found', 'missing');
    expect(() => unwrap({ ok: false, error })).toThrow(error);
  });
  it('codes are the documented list', () => {
    expect(ERROR_CODES).toContain('invalid_input');
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
