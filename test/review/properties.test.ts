import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as kitModule from '../../src/review/kit/index.js';
import { ERROR_CODES } from '../../src/index.js';
import { defineLifecycle } from '../../src/index.js';
import { review, reviewDeclaration, type ReviewSettingsInput } from '../../src/review/index.js';
import {
  reviewApprovalsCounted,
  reviewEditClears,
  reviewFourEyes,
  reviewInvariants,
  reviewLockedInReview,
  reviewPublishedApproved,
  reviewSequenceArb,
} from '../../src/review/kit/index.js';
import { checkLifecycle, coreInvariants, enginesAgree, type Invariant } from '../../src/testing/index.js';
import { machineEngine } from '../../src/machine/index.js';

interface CheckOptions {
  numRuns?: number;
  machine?: boolean;
  mustReach?: 'all';
  settings?: ReviewSettingsInput;
}

const check = (lifecycle: typeof review, invariants: readonly Invariant[], options: CheckOptions = {}) =>
  checkLifecycle(lifecycle, {
    invariants: [...invariants],
    scenarios: reviewSequenceArb(options.settings ? { settings: fc.constant(options.settings) } : {}) as never,
    numRuns: options.numRuns ?? 200,
    machine: options.machine ?? false,
    ...(options.mustReach ? { mustReach: options.mustReach } : {}),
  });

describe('review properties', () => {
  it('the fast engine and the xstate machine agree on every step, and every status is reached', () => {
    check(review, [enginesAgree], { machine: true, numRuns: 150, mustReach: 'all' });
  }, 60_000);

  it('the core invariants hold (versions, time, effects, frozen outputs, untouched inputs)', () => {
    check(review, coreInvariants);
  }, 60_000);

  it('four eyes holds for every generated sequence', () => {
    check(review, [reviewFourEyes]);
  }, 60_000);

  it('Published only after enough distinct approvals by non-writers, when approval is required', () => {
    check(review, [reviewPublishedApproved]);
  }, 60_000);

  it('the approvals are the distinct reviewers since the last reset, and Approved follows their count', () => {
    check(review, [reviewApprovalsCounted]);
  }, 60_000);

  it('an edit clears approvals exactly when the setting says so; review locks edits except for allowed roles', () => {
    check(review, [reviewEditClears, reviewLockedInReview]);
  }, 60_000);
});

/** A copy of the declaration with one transition's spec changed: a planted bug the invariants must find. */
function planted(change: (t: (typeof reviewDeclaration.transitions)[number]) => object) {
  return defineLifecycle({ ...reviewDeclaration, transitions: reviewDeclaration.transitions.map((t) => change(t) as typeof t) }) as unknown as typeof review;
}

describe('the invariants find planted bugs', () => {
  it('approvals by writers', () => {
    const bug = planted((t) => (t.on === 'approve' ? { ...t, reject: undefined } : t));
    expect(() => check(bug, [reviewFourEyes])).toThrow(/reviewFourEyes/);
  }, 60_000);

  it('publishing without approval', () => {
    const bug = planted((t) => (t.on === 'publish' ? { ...t, reject: undefined } : t));
    expect(() => check(bug, [reviewPublishedApproved])).toThrow(/reviewPublishedApproved/);
  }, 60_000);

  it('edits that never clear approvals, and edits let through in review', () => {
    const keeps = planted((t) => (t.on === 'edit' ? { ...t, update: ({ state }: { state: { data: object } }) => state.data } : t));
    // Edits in review with approvals standing need a role let through and more than one approval to reach.
    const settings = { minApprovals: 2, editRolesInReview: ['lead'] };
    expect(() => check(keeps, [reviewEditClears], { settings })).toThrow(/reviewEditClears/);
    const open = planted((t) => (t.on === 'edit' ? { ...t, reject: undefined } : t));
    expect(() => check(open, [reviewLockedInReview])).toThrow(/reviewLockedInReview/);
  }, 60_000);

  it('every invariant of the kit has a name and a description', () => {
    for (const inv of reviewInvariants) expect(inv.description.length).toBeGreaterThan(10);
  });
});

describe('the kit with the generic scenario generator, as the testing entry will register it', () => {
  it("scenarioArb with the kit's payloads, weights and settings passes every invariant on both engines", () => {
    const { reviewKit } = kitModule;
    checkLifecycle(review, { ...reviewKit.scenario, invariants: [...coreInvariants, ...reviewKit.invariants], numRuns: 60, machine: true });
  }, 60_000);
});

describe('junk input', () => {
  const draft = (() => {
    const r = review.create({ type: 'create_report', id: 'r', at: '2026-01-01T00:00:00Z', name: 'n', author: 'ana' });
    if (!r.ok) throw r.error;
    return r.state;
  })();
  const junk = fc.oneof(
    fc.anything(),
    fc.record({ type: fc.constantFrom(...Object.keys(reviewDeclaration.events)), at: fc.anything(), reviewer: fc.anything(), editor: fc.anything() }),
  );

  test.prop([junk])('any value as an event gives a typed error or a result, the same from both engines', (value) => {
    const r = review.apply(draft, value as never);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
    expect(machineEngine(review).apply(draft, value as never).ok).toBe(r.ok);
  });

  test.prop([junk])('any value as settings gives invalid_input or a result', (value) => {
    const r = review.apply(draft, { type: 'submit', at: '2026-01-02T00:00:00Z' }, { settings: value as never });
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
  });
});
