/** Type tests: each error code carries its own typed `details`, narrowed by checking `code`. */
import { describe, expectTypeOf, it } from 'vitest';
import { LifecycleError, isLifecycleError, type AnyLifecycleError, type ErrorDetails } from '../../src/index.js';

describe('typed error details', () => {
  it('a new error is typed by its code', () => {
    const error = new LifecycleError('unknown_event', 'nope', { details: { event: 'x', lifecycle: 'ticket' } });
    expectTypeOf(error.code).toEqualTypeOf<'unknown_event'>();
    expectTypeOf(error.details.lifecycle).toEqualTypeOf<string>();
    expectTypeOf(error.toJSON().details.event).toEqualTypeOf<string>();
  });

  it('checking code narrows details, as zod narrows an issue by its code', () => {
    const describe = (error: AnyLifecycleError): string => {
      switch (error.code) {
        case 'version_conflict':
          expectTypeOf(error.details.expectedVersion).toEqualTypeOf<number | null>();
          expectTypeOf(error.details.actualVersion).toEqualTypeOf<number>();
          return String(error.details.actualVersion);
        case 'lifecycle_mismatch':
          expectTypeOf(error.details.expected).toEqualTypeOf<{ readonly lifecycle: string; readonly version: number } | undefined>();
          return error.details.expected?.lifecycle ?? '';
        case 'out_of_order':
          expectTypeOf(error.details.updatedAt).toEqualTypeOf<string>();
          return error.details.updatedAt;
        default:
          return error.message;
      }
    };
    expectTypeOf(describe).parameter(0).toEqualTypeOf<AnyLifecycleError>();
  });

  it('isLifecycleError narrows an unknown to the union over codes', () => {
    const caught: unknown = new Error('x');
    if (isLifecycleError(caught) && caught.code === 'unknown_event') {
      expectTypeOf(caught.details.event).toEqualTypeOf<string>();
    }
  });

  it('codes with required facts cannot be built without them; others can', () => {
    // @ts-expect-error version_conflict needs its versions
    void new LifecycleError('version_conflict', 'stale');
    // @ts-expect-error unknown_event needs the event and the lifecycle
    void new LifecycleError('unknown_event', 'nope', { details: { event: 'x' } });
    void new LifecycleError('invalid_input', 'bad');
    expectTypeOf<ErrorDetails<'terminal_state'>['status']>().toEqualTypeOf<string | undefined>();
  });
});
