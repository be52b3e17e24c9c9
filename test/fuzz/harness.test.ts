/**
 * The harness's own checks, each shown to catch what it is for on a planted function, and to stay quiet on a
 * well-behaved one: a check that cannot fail would make the fuzzer's zeros meaningless.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as root from 'engagement-lifecycle';
import * as plextracEntry from 'engagement-lifecycle/plextrac';
import * as defectdojoEntry from 'engagement-lifecycle/defectdojo';
import * as storeEntry from 'engagement-lifecycle/store';
import * as workflowEntry from 'engagement-lifecycle/workflow';
import * as testingEntry from 'engagement-lifecycle/testing';
import * as testingStoreEntry from 'engagement-lifecycle/testing/store';
import * as machineEntry from 'engagement-lifecycle/machine';
import * as reviewEntry from 'engagement-lifecycle/review';
import * as bridgeEntry from 'engagement-lifecycle/bridge';
import * as retestEntry from 'engagement-lifecycle/retest';
import * as postgresEntry from 'engagement-lifecycle/postgres';
import { checkedCall, type FailureKind } from './call.js';
import { buildCorpus, buildCorpusData } from './corpus.js';
import { deepFreeze } from '../../src/core/index.js';
import { mutate } from './inputs.js';
import { listTargets, type Entries } from './targets.js';
import { hostileShellArb, weirdValueArb } from './values.js';

const { ERROR_CODES, LifecycleError } = root;
const kinds = async (fn: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<FailureKind[]> =>
  (await checkedCall('planted', (a) => fn(...a), args, ERROR_CODES, 300)).map((f) => f.kind);

describe('the checks around a call', () => {
  it('a typed refusal, a frozen result and an untouched input pass', async () => {
    expect(await kinds(() => deepFreeze({ ok: true, state: { a: [1] } }), { a: 1 })).toEqual([]);
    expect(await kinds(() => deepFreeze({ ok: false, error: new LifecycleError('invalid_input', 'no') }))).toEqual([]);
    expect(
      await kinds(() => {
        throw new LifecycleError('invalid_input', 'no');
      }),
    ).toEqual([]);
  });

  it("a boxed string of 10^6 characters is checked without listing its keys, and freezing it is still seen", async () => {
    const big = () => new String('x'.repeat(1_000_000));
    const started = process.cpuUsage();
    expect(await kinds(() => deepFreeze({ ok: true }), big())).toEqual([]);
    const used = process.cpuUsage(started);
    const cpuMs = (used.user + used.system) / 1000;
    // Listing its keys took 1.7 to 3.6 s of CPU on the shared machine; recording its content takes a few ms.
    expect(cpuMs).toBeLessThan(500);
    expect(await kinds((s) => Object.freeze(s), big())).toEqual(['input frozen']);
  });

  it('any other thrown value, or a LifecycleError with an unknown code, is a non-library error', async () => {
    expect(await kinds((x) => (x as { a: { b: number } }).a.b, {})).toEqual(['non-library error']);
    expect(
      await kinds(() => {
        throw new (LifecycleError as new (code: string, message: string) => Error)('no_such_code', 'odd');
      }),
    ).toEqual(['non-library error']);
    expect(await kinds(() => Promise.reject(new RangeError('async')))).toEqual(['non-library error']);
  });

  it("freezing or changing the caller's object is seen, however deep", async () => {
    expect(await kinds((x) => void Object.freeze((x as { a: object }).a), { a: { b: 1 } })).toEqual(['input frozen']);
    expect(await kinds((x) => void ((x as { a: number[] }).a[0] = 2), { a: [1] })).toEqual(['input changed']);
    expect(await kinds((x) => void ((x as Uint8Array)[0] = 9), new Uint8Array([1]))).toEqual(['input changed']);
    expect(await kinds((x) => void delete (x as { a?: number }).a, { a: 1 })).toEqual(['input changed']);
  });

  it('an unfrozen object anywhere in the output is seen; returning the input itself is not an output', async () => {
    expect(await kinds(() => Object.freeze({ effects: [] }))).toEqual(['unfrozen output']);
    expect(await kinds(() => deepFreeze({ a: { b: new Date(0) } }))).toEqual([]);
    expect(await kinds((x) => x, { a: 1 })).toEqual([]);
    const nested = await checkedCall('planted', () => ({ ok: true, effects: [] }), [], ERROR_CODES, 300);
    expect(nested.map((f) => f.what)).toEqual(['$ (ok: true)', '$.effects (ok: true)']);
  });

  it('a polluted prototype is seen, and undone so that the next call is judged alone', async () => {
    expect(await kinds(() => void Object.defineProperty(Object.prototype, 'polluted', { value: 1, configurable: true }))).toEqual(['prototype pollution']);
    expect('polluted' in {}).toBe(false);
  });

  it('a promise that never settles, and an arbitrary that never yields within the budget, are hangs', async () => {
    expect(await kinds(() => new Promise(() => undefined))).toEqual(['hang']);
    const slow = fc.integer().map((n) => {
      const end = Date.now() + 400;
      while (Date.now() < end);
      return n;
    });
    expect(await kinds(() => slow)).toEqual(['hang']);
  });

  it("the caller's hostile values (throwing Proxies and getters, cycles) do not break the checks", async () => {
    await fc.assert(
      fc.asyncProperty(weirdValueArb, async (value) => {
        expect(await kinds(() => 'fine', value)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the inputs', () => {
  it('mutations change a copy: the valid value they start from is never changed', () => {
    const mutationArb = fc.record({
      op: fc.constantFrom('replace', 'remove', 'add', 'retype', 'cycle', 'extra-arg' as const),
      at: fc.nat(),
      value: weirdValueArb,
      shell: fc.constant((v: unknown) => v),
      key: fc.constantFrom('__proto__', 'type'),
    });
    fc.assert(
      fc.property(fc.jsonValue(), mutationArb, (value, m) => {
        const original = JSON.stringify(value);
        const args = [value];
        mutate(args, m as Parameters<typeof mutate>[1]);
        expect(JSON.stringify(value)).toBe(original);
        expect(args).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('mutations never throw, whatever hostile values they meet (a crash there would stop a run)', () => {
    const mutationArb = fc.record({
      op: fc.constantFrom('replace', 'remove', 'add', 'retype', 'cycle', 'extra-arg' as const),
      at: fc.nat(),
      value: weirdValueArb,
      shell: hostileShellArb,
      key: fc.constantFrom('__proto__', 'type', '0'),
    });
    fc.assert(
      fc.property(fc.array(weirdValueArb, { maxLength: 3 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (args, ms) => {
        ms.reduce<unknown[]>((list, m) => mutate(list, m as Parameters<typeof mutate>[1]), args);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the targets', () => {
  const entries: Entries = { '.': root, '/plextrac': plextracEntry, '/defectdojo': defectdojoEntry, '/store': storeEntry, '/workflow': workflowEntry, '/testing': testingEntry, '/testing/store': testingStoreEntry, '/machine': machineEntry, '/review': reviewEntry, '/bridge': bridgeEntry, '/retest': retestEntry, '/postgres': postgresEntry };

  it('every exported function of every entry is a target, and every exported lifecycle brings its methods', { timeout: 120_000 }, async () => {
    const corpus = await buildCorpus(entries, buildCorpusData(entries, 1), 'stub');
    const { targets, skipped } = listTargets(entries, corpus);
    const names = new Set(targets.map((t) => `${t.entry} ${t.name}`));
    for (const [entry, exports] of Object.entries(entries))
      for (const [name, value] of Object.entries(exports)) {
        const covered = names.has(`${entry} ${name}`) || skipped.some((s) => s.startsWith(`${entry} ${name} `));
        if (typeof value === 'function') expect(covered, `${entry} ${name}`).toBe(true);
      }
    for (const method of ['create', 'apply', 'nextDue', 'parseState', 'safeParseState', 'with'])
      expect(names.has(`/plextrac plextrac.${method}`), method).toBe(true);
    expect(names.has('/plextrac plextrac.machineEngine().apply')).toBe(true);
    expect(names.has('/store createMemoryStore().save')).toBe(true);
    expect(names.has('/retest plextracRetests.request') && names.has('/retest defectDojoRetests.applyToRetest')).toBe(true);
    expect(names.has('/postgres createPostgresStore().save')).toBe(true);
    expect(skipped.filter((s) => !/\(a class|\(its methods are callbacks/.test(s))).toEqual([]);
  });
});
