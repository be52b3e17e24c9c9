/**
 * The reproducers of issue #12, as named examples. Each states the behaviour the library promises; today each
 * fails, so each is marked `it.fails`: the change that fixes the library turns it into a plain `it` (vitest reports
 * an `it.fails` that starts passing, so none can be forgotten).
 */
import { describe, expect, it } from 'vitest';
import { isLifecycleError, toMermaid, defineLifecycle, instant } from 'engagement-lifecycle';
import { plextrac, type PlextracState } from 'engagement-lifecycle/plextrac';
import { resolveJiraSettings } from 'engagement-lifecycle/defectdojo';
import { createMemoryStore, deliver, statusAt } from 'engagement-lifecycle/store';
import { statusGraph } from 'engagement-lifecycle/workflow';
import { clockArb, relativeDate } from 'engagement-lifecycle/testing';
import { machineEngine } from '../../src/machine/index.js';

const UTC = { settings: { timeZone: 'UTC' } };

/** A Scheduled engagement as a database would give it back: JSON, nothing frozen. */
function scheduled(): PlextracState {
  const created = plextrac.create(
    { type: 'request', id: 'eng-1', at: '2026-03-01T09:00:00Z', clientId: 'acme', name: 'External pentest', startDate: '2026-03-10', requestedBy: 'dana' },
    UTC,
  );
  if (!created.ok) throw created.error;
  const approved = plextrac.apply(created.state, { type: 'approve', at: '2026-03-02T09:00:00Z', operators: ['alice'] }, UTC);
  if (!approved.ok) throw approved.error;
  return JSON.parse(JSON.stringify(approved.state)) as PlextracState;
}

const clock = { type: 'clock', at: '2026-03-03T09:00:00Z' } as const;

/** Runs `call` and returns the error code it refused with, or the name of what else it threw, or 'accepted'. */
function outcome(call: () => unknown): string {
  try {
    const r = call() as { ok?: boolean; error?: unknown };
    if (r && typeof r === 'object' && r.ok === false) return isLifecycleError(r.error) ? r.error.code : 'odd result';
    return 'accepted';
  } catch (error) {
    return isLifecycleError(error) ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function asyncOutcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'accepted';
  } catch (error) {
    return isLifecycleError(error) ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('issue #12: every input gets the typed error (fixed by the next change)', () => {
  // Today: the lifecycle_mismatch message calls String() on the version and throws a TypeError.
  it('a null-prototype lifecycleVersion (as querystring.parse makes) is a lifecycle_mismatch', () => {
    const s = scheduled();
    expect(outcome(() => plextrac.apply({ ...s, lifecycleVersion: Object.create(null) as number }, clock, UTC))).toBe('lifecycle_mismatch');
  });

  // Today: TypeError "Cannot freeze array buffer views with elements".
  it('a typed array where operators belong is invalid_input', () => {
    const s = scheduled();
    const state = { ...s, data: { ...s.data, operators: new Uint8Array([1]) as unknown as string[] } };
    expect(outcome(() => plextrac.apply(state, clock, UTC))).toBe('invalid_input');
  });

  // Today: the call is refused, but zod's .readonly() has frozen the caller's object.
  it("a refused state leaves the caller's objects unfrozen", () => {
    const s = scheduled();
    const operators = { 0: 'a' };
    const state = { ...s, data: { ...s.data, operators: operators as unknown as string[] } };
    expect(outcome(() => plextrac.apply(state, clock, UTC))).toBe('invalid_input');
    expect(Object.isFrozen(operators)).toBe(false);
  });

  // Today: RangeError "Maximum call stack size exceeded".
  it('cyclic custom fields in Jira settings are invalid_input', () => {
    const c: Record<string, unknown> = {};
    c['self'] = c;
    expect(outcome(() => resolveJiraSettings({ projectKey: 'SEC' }, { projectKey: 'APP', customFields: c }))).toBe('invalid_input');
  });

  // Today: TypeErrors from reading fields of what is not a lifecycle or a declaration.
  it('toMermaid, defineLifecycle and statusGraph refuse what is not a lifecycle with the typed error', () => {
    expect(outcome(() => toMermaid({} as never))).toMatch(/^(invalid_input|invalid_declaration)$/);
    expect(outcome(() => defineLifecycle({ id: 'x', version: 1 } as never))).toBe('invalid_declaration');
    expect(outcome(() => statusGraph({} as never))).toBe('invalid_input');
  });

  // Today: TypeError "outbox.pending is not a function", and from statusAt on a non-store.
  it('store helpers refuse what is not a store with the typed error', async () => {
    expect(await asyncOutcome(() => deliver({} as never, () => undefined))).toBe('invalid_input');
    expect(await asyncOutcome(() => statusAt({} as never, { lifecycle: 'plextrac', id: 'eng-1' }, instant('2026-03-01T00:00:00Z')))).toBe('invalid_input');
    expect(outcome(() => createMemoryStore(null as never))).not.toMatch(/Error/);
  });
});

describe('issue #12: every output is deeply frozen by both engines (fixed by the next change)', () => {
  // Today: the machine engine's effects array is not frozen.
  it("the machine engine's effects are frozen", () => {
    const r = machineEngine(plextrac, UTC).apply(scheduled(), { type: 'clock', at: '2026-03-11T09:00:00Z' });
    if (!r.ok) throw r.error;
    expect(Object.isFrozen(r.effects)).toBe(true);
  });

  // Today: a no-op returns a fresh, unfrozen [].
  it("the fast engine's effects of a no-op are frozen", () => {
    const r = plextrac.apply(scheduled(), clock, UTC);
    if (!r.ok) throw r.error;
    expect(r.effects).toEqual([]);
    expect(Object.isFrozen(r.effects)).toBe(true);
  });
});

describe('issue #12: a state read from outside is checked for consistency (fixed by the next change)', () => {
  // Today: accepted, and it stays Complete although its facts derive Scheduled.
  it('a status that disagrees with the facts is invalid_input', () => {
    expect(outcome(() => plextrac.apply({ ...scheduled(), status: 'Complete' }, clock, UTC))).toBe('invalid_input');
  });

  // Today: invalid_declaration, the wrong code (the declaration is fine; the state is not).
  it('a cancelled flag on a live status is invalid_input', () => {
    const s = scheduled();
    expect(outcome(() => plextrac.apply({ ...s, data: { ...s.data, cancelled: true } }, clock, UTC))).toBe('invalid_input');
  });

  // Today: accepted.
  it('updatedAt before createdAt is invalid_input', () => {
    const s = scheduled();
    expect(outcome(() => plextrac.apply({ ...s, updatedAt: '2026-02-01T00:00:00.000Z' as never }, clock, UTC))).toBe('invalid_input');
  });
});

describe('issue #12: arbitraries refuse impossible parameters (fixed by the next change)', () => {
  // Today: these return arbitraries that never yield a value (sampling them loops forever), so they are not sampled.
  it('clockArb and relativeDate refuse impossible parameters with the typed error', () => {
    for (const length of [-1, 2 ** 53, 1e308]) expect(outcome(() => clockArb('2026-03-01T00:00:00Z' as never, length))).toBe('invalid_input');
    expect(outcome(() => relativeDate(-5, 1.8e308))).toBe('invalid_input');
  });
});
