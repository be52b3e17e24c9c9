/**
 * Reproducers of the fuzz failures of the root, PlexTrac, DefectDojo, workflow, review and bridge entries (issue
 * #12), one per root cause, each as the fuzzer first showed it. Each states the promise: a `LifecycleError` with a
 * stable code (thrown, or in a frozen `{ ok: false }` result), the caller's object untouched.
 */
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDateAt,
  calendarDaysBetween,
  dayStartMs,
  declareLifecycle,
  effectId,
  eventSchema,
  fromZodError,
  hasDayBegun,
  instantMs,
  isEffectType,
  isLifecycleError,
  msToInstant,
  utcCalendarDay,
} from 'engagement-lifecycle';
import { deriveStatus } from 'engagement-lifecycle/plextrac';
import { autoCreateEngagement, engagementBuckets, findImportEngagement, formatTargetDate, normaliseTags, overdueText, relativeDelta, shouldCloseEpic } from 'engagement-lifecycle/defectdojo';
import { findWorkflowProblems, workflowInfo } from 'engagement-lifecycle/workflow';
import { driveEngagement, engagementEventsOf, hasEnoughApprovals, isOwnReport, lockedEditRefusal, review } from 'engagement-lifecycle/review';
import { plextracEventFor, toDefectDojoStatus, toPlextracStatus } from 'engagement-lifecycle/bridge';
import { thrownCode, trap } from './refusals.js';


/* eslint-disable @typescript-eslint/no-explicit-any */
const any = (value: unknown): any => value;

describe('small helpers check their argument before reading it', () => {
  it('the dates helpers refuse what is not a date, a zone, a day count or an instant', () => {
    expect(thrownCode(() => addCalendarDays(any({ lifecycles: [Number.NaN] }), 1))).toBe('invalid_input');
    expect(thrownCode(() => addCalendarDays('2026-03-01', any('America/New_Yorkk')))).toBe('invalid_input');
    expect(thrownCode(() => calendarDaysBetween(any(new Set()), '2026-03-01'))).toBe('invalid_input');
    expect(thrownCode(() => dayStartMs(any(-9007199254740992), 'UTC'))).toBe('invalid_input');
    expect(thrownCode(() => dayStartMs('2023-02-29', 'UTC'))).toBe('invalid_input');
    expect(thrownCode(() => hasDayBegun('2026-03-01T00:00:00Z', any({ id: 'probe-a' }), 'UTC'))).toBe('invalid_input');
    expect(thrownCode(() => utcCalendarDay(any(new Map())))).toBe('invalid_input');
    expect(thrownCode(() => calendarDateAt(any(new Number(-3856930454517579)), 'UTC'))).toBe('invalid_input');
    expect(thrownCode(() => calendarDateAt(0, 'Mars/Olympus'))).toBe('invalid_input');
    expect(thrownCode(() => msToInstant(any(10n)))).toBe('invalid_input');
    expect(thrownCode(() => msToInstant(8.64e15 + 1))).toBe('invalid_input');
    expect(thrownCode(() => instantMs(any(Object.create(null))))).toBe('invalid_input');
    expect(thrownCode(() => instantMs(any('not an instant')))).toBe('invalid_input');
  });

  it('the dates helpers still answer on valid input', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(msToInstant(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(calendarDateAt('2026-03-01T23:30:00Z', 'Europe/Paris')).toBe('2026-03-02');
  });

  it('effectId never converts an object to a string', () => {
    expect(thrownCode(() => effectId(any(Object.create(null)), 'eng-1', 1, 'x'))).toBe('invalid_input');
    expect(thrownCode(() => effectId('plextrac', 'eng-1', 0, 'x'))).toBe('invalid_input');
    expect(effectId('plextrac', 'eng-1', 2, 'notify', 1)).toBe('plextrac:eng-1:2:notify:2');
  });

  it('fromZodError refuses what is not a zod error', () => {
    expect(thrownCode(() => fromZodError('x', any({ issues: 3 })))).toBe('invalid_input');
  });

  it('DefectDojo helpers: formatTargetDate, normaliseTags, relativeDelta, shouldCloseEpic', () => {
    expect(thrownCode(() => formatTargetDate(any({ ['__proto__']: { polluted: true } })))).toBe('invalid_input');
    expect(thrownCode(() => normaliseTags(any({ lifecycle: 'defectdojo' })))).toBe('invalid_input');
    expect(thrownCode(() => relativeDelta(any([true]), '2026-01-01'))).toBe('invalid_input');
    expect(thrownCode(() => shouldCloseEpic(any(undefined)))).toBe('invalid_input');
    expect(Object.isFrozen(relativeDelta('2024-02-29', '2025-03-01'))).toBe(true);
    expect(normaliseTags([' A ', 'a', ''])).toEqual(['a']);
  });

  it('PlexTrac deriveStatus refuses facts that are not facts', () => {
    expect(thrownCode(() => deriveStatus(any(undefined), 0, 'UTC'))).toBe('invalid_input');
    expect(thrownCode(() => deriveStatus(any({ approved: true, cancelled: false, reportStatus: 'Lost', startDate: '2026-01-01' }), 0, 'UTC'))).toBe('invalid_input');
  });

  it('the review rules and the bridge mappings refuse what they cannot read', () => {
    expect(thrownCode(() => isOwnReport(any({ author: 'a' }), 'b'))).toBe('invalid_input');
    expect(thrownCode(() => hasEnoughApprovals(['x'], any(undefined)))).toBe('invalid_input');
    expect(thrownCode(() => lockedEditRefusal(any(-1), 'editor', 'r-1', 'In Review'))).toBe('invalid_input');
    expect(thrownCode(() => engagementEventsOf(any(new Number(3))))).toBe('invalid_input');
    expect(thrownCode(() => plextracEventFor(any([])))).toBe('invalid_input');
    expect(thrownCode(() => toPlextracStatus(any({ __proto__: null })))).toBe('invalid_input');
    // An unknown status is refused, never mapped to undefined or to the table's prototype.
    expect(thrownCode(() => toDefectDojoStatus(any('__proto__')))).toBe('invalid_input');
    expect(thrownCode(() => toPlextracStatus(any('toString')))).toBe('invalid_input');
    expect(isOwnReport({ author: 'ana', collaborators: ['bo'] }, 'bo')).toBe(true);
  });

  it('workflowInfo of a value that is not an object is null, never a TypeError', () => {
    expect(workflowInfo(any('xxxx'))).toBeNull();
  });
});

describe("a caller's getter or Proxy trap becomes invalid_input with the original as cause", () => {
  it.each([
    ['eventSchema', () => eventSchema('x', any(trap()))],
    ['declareLifecycle', () => declareLifecycle(any(trap()))],
    ['isEffectType', () => isEffectType(any(trap()), 'x')],
    ['deriveStatus', () => deriveStatus(any(trap()), 0, 'UTC')],
    ['workflowInfo', () => workflowInfo(trap())],
  ])('%s', (_name, call) => {
    try {
      call();
      expect.unreachable('the call returned');
    } catch (error) {
      expect(isLifecycleError(error) && error.code).toBe('invalid_input');
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });
});

describe('declarations are checked when they are declared', () => {
  it('declareLifecycle names the faulty field', () => {
    try {
      declareLifecycle(any({ id: 'door', version: 1, statuses: 'Open' }));
      expect.unreachable('declared');
    } catch (error) {
      expect(isLifecycleError(error) && error.code).toBe('invalid_declaration');
      expect((error as Error).message).toContain('statuses');
    }
  });
});

describe('refusals are frozen results, and nothing of the caller is frozen', () => {
  it("DefectDojo's aggregate functions give a frozen { ok: false }", () => {
    const result = autoCreateEngagement(any(new Number(-3856930454517579)));
    expect(result.ok).toBe(false);
    expect(Object.isFrozen(result)).toBe(true);
  });

  it("findWorkflowProblems refuses a lifecycle whose statuses are not strings, and freezes none of the caller's values", () => {
    const odd = new Date(Number.NaN);
    const fake = { ...review, statuses: [odd, ...review.statuses.slice(1)] };
    expect(thrownCode(() => findWorkflowProblems(any(fake)))).toBe('invalid_input');
    expect(Object.isFrozen(odd)).toBe(false);
  });
});

describe('finds of the full run at 10^5 calls (2026-11-26)', () => {
  it("overdueText builds zod's refusal inside the guard: a revoked Proxy or a trap is invalid_input (was a TypeError, or the trap escaped)", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(thrownCode(() => overdueText(any(proxy), '2026-01-01T00:00:00Z'))).toBe('invalid_input');
    expect(thrownCode(() => overdueText(any(trap()), '2026-01-01T00:00:00Z'))).toBe('invalid_input');
    expect(overdueText('2026-01-01', '2026-01-03T00:00:00Z')).toBe('2 days');
  });

  it('engagementBuckets and findImportEngagement answer with a frozen { ok: true } (was unfrozen, for an empty list)', () => {
    const buckets = engagementBuckets([]);
    expect(buckets.ok).toBe(true);
    expect(Object.isFrozen(buckets)).toBe(true);
    const found = findImportEngagement([], {});
    expect(found.ok).toBe(true);
    expect(Object.isFrozen(found)).toBe(true);
  });
});

describe('finds of the full run in /review (2026-11-26)', () => {
  it("driveEngagement never freezes the caller's engagement, with or without review effects", () => {
    const created = review.create({ type: 'create_report', id: 'r-1', at: '2026-01-01T00:00:00Z', name: 'R', author: 'ana', engagementId: 'eng-1' });
    const engagement = { lifecycle: 'plextrac', lifecycleVersion: 1, id: 'eng-1', status: 'Pending', version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', data: { clientId: 'c', name: 'E', startDate: null, approved: false, cancelled: false, reportStatus: null, operators: [], requestedBy: null } };
    if (!created.ok) return expect.unreachable(created.error.message);
    driveEngagement(any(engagement), created.state, []);
    expect(Object.isFrozen(engagement)).toBe(false);
    const odd = { lifecycles: [] as unknown[] };
    driveEngagement(any({ ...engagement, id: odd }), any({ ...created.state, id: odd, data: { ...created.state.data, engagementId: odd } }), []);
    expect(Object.isFrozen(odd)).toBe(false);
  });
});
