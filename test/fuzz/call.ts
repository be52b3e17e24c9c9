/**
 * One checked call: run the target, await it if it returns a promise (within the time budget), use what it returns
 * (a fast-check arbitrary is sampled: an arbitrary that never yields is a hang of the function that made it), then
 * judge the error, the inputs, the output and the built-in prototypes.
 */
import * as fc from 'fast-check';
import { compareSnapshot, describeThrown, isTypedLibraryError, objectsOf, prototypePolluted, snapshot, unfrozenPaths } from './checks.js';

/** The kinds of failure, in the order of the summary table. */
export const FAILURE_KINDS = ['non-library error', 'input changed', 'input frozen', 'unfrozen output', 'hang', 'prototype pollution'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Finding {
  readonly kind: FailureKind;
  /** The thrown value's class (or the unfrozen path's shape), part of the failure's identity. */
  readonly what: string;
  readonly detail: string;
}

/**
 * Targets whose documented purpose excuses one check: `deepFreeze` exists to freeze what it is given. Anything else
 * listed here would hide a failure, so the list stays this short.
 */
const EXEMPT: Readonly<Record<string, readonly FailureKind[]>> = { deepFreeze: ['input frozen'] };

const isArbitrary = (value: unknown): value is fc.Arbitrary<unknown> =>
  value instanceof fc.Arbitrary ||
  (value !== null && typeof value === 'object' && typeof (value as { generate?: unknown }).generate === 'function' && typeof (value as { shrink?: unknown }).shrink === 'function');

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

const TIMEOUT = Symbol('timeout');

/** Replaces the concrete parts of a path (`$.state.data.operators` → `$.state.data.*` beyond depth 3). */
const shapeOf = (path: string): string => path.split('.').slice(0, 4).join('.').replace(/\.\d+/g, '.[n]');

/** Runs one call and returns what went wrong (empty when all held). */
export async function checkedCall(
  name: string,
  call: (args: readonly unknown[]) => unknown,
  args: readonly unknown[],
  codes: readonly string[],
  budgetMs: number,
  documented: readonly Function[] = [],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const before = snapshot(args);
  const inputs = objectsOf(before, args);
  let output: unknown;
  let thrown: { error: unknown } | null = null;
  const started = Date.now();
  try {
    output = call(args);
    if (isThenable(output)) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), budgetMs)));
      output = await Promise.race([Promise.resolve(output), timeout]).finally(() => clearTimeout(timer));
      if (output === TIMEOUT) findings.push({ kind: 'hang', what: 'promise never settled', detail: `no answer within ${budgetMs} ms` });
    }
    if (isArbitrary(output)) fc.sample(output, { numRuns: 3, seed: 42 });
  } catch (error) {
    thrown = { error };
  }
  const elapsed = Date.now() - started;
  if (elapsed > budgetMs && !findings.some((f) => f.kind === 'hang')) findings.push({ kind: 'hang', what: 'slow', detail: `took ${elapsed} ms` });
  if (thrown && !isTypedLibraryError(thrown.error, codes, documented)) {
    const { name: errorName, message } = describeThrown(thrown.error);
    findings.push({ kind: 'non-library error', what: errorName, detail: message });
  }
  const after = compareSnapshot(before);
  if (after.changed) findings.push({ kind: 'input changed', what: 'input', detail: 'an argument differs after the call' });
  if (after.frozen) findings.push({ kind: 'input frozen', what: 'input', detail: 'an argument was frozen, sealed or made non-extensible' });
  if (!thrown && output !== TIMEOUT) {
    // A result's outcome is part of the failure's identity: refusals and successes are built in different places.
    const ok = output !== null && typeof output === 'object' && typeof (output as { ok?: unknown }).ok === 'boolean' ? ` (ok: ${String((output as { ok: boolean }).ok)})` : '';
    const shapes = new Set(unfrozenPaths(output, inputs).map(shapeOf));
    for (const shape of shapes) findings.push({ kind: 'unfrozen output', what: `${shape}${ok}`, detail: `not frozen: ${shape}` });
  }
  if (prototypePolluted()) findings.push({ kind: 'prototype pollution', what: 'prototype', detail: 'a built-in prototype gained or lost a key' });
  const exempt = EXEMPT[name] ?? [];
  return findings.filter((f) => !exempt.includes(f.kind));
}
