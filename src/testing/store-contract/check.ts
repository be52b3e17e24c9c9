/**
 * Assertions for the store contract, without a test runner: each throws a `StoreContractFailure` whose message
 * says which promise of the ports was broken, so that the suite runs under vitest, jest and node:test alike.
 */
import { deepEqual, isLifecycleError, type ErrorCode } from '../../core/index.js';
import type { EngagementKey, EngagementStore } from '../../store/index.js';

export class StoreContractFailure extends Error {
  override readonly name = 'StoreContractFailure';
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '(undefined)' : v), 1);
  return text === undefined ? String(value) : text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
};

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new StoreContractFailure(message);
}

/** Structural equality of JSON-like values, key order aside (databases reorder JSON keys). */
export function same(actual: unknown, expected: unknown, message: string): void {
  if (!deepEqual(json(actual), json(expected))) {
    throw new StoreContractFailure(`${message}\n  expected: ${show(expected)}\n  actual:   ${show(actual)}`);
  }
}

export function json<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Awaits `promise` and checks that it rejects with a `LifecycleError` of `code`. */
export async function rejects(promise: Promise<unknown>, code: ErrorCode, message: string): Promise<void> {
  let outcome: { value: unknown } | { error: unknown };
  try {
    outcome = { value: await promise };
  } catch (error) {
    outcome = { error };
  }
  if ('value' in outcome) throw new StoreContractFailure(`${message}: expected a rejection with "${code}", but it succeeded`);
  const error = outcome.error;
  if (!isLifecycleError(error)) {
    throw new StoreContractFailure(`${message}: expected a LifecycleError "${code}", got ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`);
  }
  if (error.code !== code) throw new StoreContractFailure(`${message}: expected code "${code}", got "${error.code}" (${error.message})`);
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const ALL = 10_000;

/** Everything a store shows about some engagements, to compare before and after an operation that must fail. */
export async function snapshot(store: EngagementStore, keys: readonly EngagementKey[]): Promise<unknown> {
  const per = [];
  for (const key of keys) {
    per.push({ key, stored: await store.get(key), history: await store.audit.history(key), records: await store.records.of(key) });
  }
  return json({
    per,
    list: (await store.list({ limit: ALL })).items,
    due: (await store.due({ now: FAR_FUTURE, limit: ALL })).items,
    pending: await store.outbox.pending({ limit: ALL }),
  });
}

/** All pending effect ids. */
export async function pendingIds(store: EngagementStore): Promise<string[]> {
  return (await store.outbox.pending({ limit: ALL })).map((e) => e.effect.id);
}

export { ALL, FAR_FUTURE };
