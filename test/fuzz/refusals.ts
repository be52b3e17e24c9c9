/**
 * What the reproducer tests of `test/fuzz/` share: how a call refused (the `LifecycleError` code, or what else it
 * threw), and the caller's values that made the library fail before the fixes of issue #12.
 */
import { isLifecycleError, unwrap, type LifecycleError, type Result } from 'engagement-lifecycle';

/** The code of the `LifecycleError` `call` threw, or what else happened. */
export function thrownCode(call: () => unknown): string {
  try {
    call();
    return 'returned';
  } catch (error) {
    return isLifecycleError(error) ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The code of the `LifecycleError` `call` rejected with, or what else happened. */
export async function rejectedCode(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'resolved';
  } catch (error) {
    return isLifecycleError(error) ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The `LifecycleError` `call` threw (its code, message, issues and details); anything else is rethrown. */
export function thrownError(call: () => unknown): LifecycleError {
  try {
    call();
  } catch (error) {
    if (isLifecycleError(error)) return error;
    throw error;
  }
  throw new Error('the call returned');
}

/** The `LifecycleError` of a failed `Result`; a result that succeeded fails the test ("the call returned"). */
export function failedError(result: { readonly ok: boolean }): LifecycleError {
  return thrownError(() => unwrap(result as Result<object>));
}

/** The `LifecycleError` `call` rejected with; anything else is rethrown. */
export async function rejectedError(call: () => Promise<unknown>): Promise<LifecycleError> {
  try {
    await call();
  } catch (error) {
    if (isLifecycleError(error)) return error;
    throw error;
  }
  throw new Error('the call resolved');
}

/** The message of the `LifecycleError` `call` threw. */
export function thrownMessage(call: () => unknown): string {
  return thrownError(call).message;
}

/** The message of the `LifecycleError` `call` rejected with. */
export async function rejectedMessage(call: () => Promise<unknown>): Promise<string> {
  return (await rejectedError(call)).message;
}

/** An object whose every read throws `Error('trap')`, as the fuzzer's Proxies do. */
export const trap = (): object =>
  new Proxy({}, {
    get: () => {
      throw new Error('trap');
    },
    getPrototypeOf: () => {
      throw new Error('trap');
    },
    ownKeys: () => {
      throw new Error('trap');
    },
    has: () => {
      throw new Error('trap');
    },
  });

/** A revoked Proxy: every operation on it throws a `TypeError`. */
export const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
