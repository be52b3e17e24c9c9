/**
 * The rules the event schemas of `src/defectdojo/lifecycle/events.ts` stand for, stated from DefectDojo's forms:
 * a new engagement's target start may not be after its target end ("Your target start date exceeds your target end
 * date", shown on both dates), equal dates are fine, and only two valid dates have an order: a malformed date is
 * reported once, on its own field, never as a wrong order.
 */
import { describe, expect, it } from 'vitest';
import { DATE_ORDER_MESSAGE, defectdojo, type DefectDojoEventInput } from '../../src/defectdojo/index.js';
import { dateOrderIssues, defectDojoEventSchemas } from '../../src/defectdojo/lifecycle/index.js';
import { LifecycleError, unwrap } from '../../src/index.js';
import { baseCreate } from './helpers.js';

type Issue = { path: readonly PropertyKey[]; message: string };
const issuesOf = (patch: Record<string, unknown>): string[] => {
  const r = defectdojo.create({ ...baseCreate, ...patch } as DefectDojoEventInput);
  if (r.ok) return [];
  expect(r.error).toBeInstanceOf(LifecycleError);
  expect(r.error.code).toBe('invalid_input');
  expect(r.error.details).toEqual({ event: 'create' });
  return (r.error.issues as readonly Issue[]).map((i) => `${i.path.map(String).join('.')}${i.message === DATE_ORDER_MESSAGE ? ' (order)' : ''}`).sort();
};

describe('create: target start ≤ target end', () => {
  // [start, end, the fields DefectDojo's form marks]
  const table: [string, string, string[]][] = [
    ['2024-03-04', '2024-03-08', []],
    ['2024-03-08', '2024-03-08', []], // the same day: a one-day engagement
    ['2024-03-09', '2024-03-08', ['targetEnd (order)', 'targetStart (order)']],
    ['2025-01-01', '2024-12-31', ['targetEnd (order)', 'targetStart (order)']], // across a year: by date, not by day of month
    ['2024-10-01', '2024-09-30', ['targetEnd (order)', 'targetStart (order)']],
  ];
  it.each(table)('%s → %s', (targetStart, targetEnd, expected) => {
    expect(issuesOf({ targetStart, targetEnd })).toEqual(expected);
  });

  it('the order issues are the lifecycle\'s own rule (code "custom"), not a zod type or format check', () => {
    const r = defectdojo.create({ ...baseCreate, targetStart: '2024-03-09' } as DefectDojoEventInput);
    expect(!r.ok && r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['targetStart', 'custom'],
      ['targetEnd', 'custom'],
    ]);
  });

  it('a valid engagement keeps its dates as given', () => {
    const r = unwrap(defectdojo.create({ ...baseCreate, targetStart: '2024-03-08', targetEnd: '2024-03-08' } as DefectDojoEventInput));
    expect(r.state.data).toMatchObject({ targetStart: '2024-03-08', targetEnd: '2024-03-08' });
  });
});

describe('create: a malformed date is its own problem, not a wrong order', () => {
  // Each of these would sort after the other date as text; none is a date, so there is no order to check.
  const malformed: [string, Record<string, unknown>, string[]][] = [
    ['month 13', { targetStart: '2024-13-40', targetEnd: '2024-01-01' }, ['targetStart']],
    ['30 February', { targetStart: '2024-02-30', targetEnd: '2024-02-01' }, ['targetStart']],
    ['not a date', { targetStart: 'soon', targetEnd: '2024-01-01' }, ['targetStart']],
    ['end malformed, before start as text', { targetStart: '2024-03-09', targetEnd: '2024-02-30' }, ['targetEnd']],
    ['both malformed', { targetStart: '2024-99-99', targetEnd: '2024-00-00' }, ['targetEnd', 'targetStart']],
    ['end missing', { targetStart: '2024-03-09', targetEnd: undefined }, ['targetEnd']],
  ];
  it.each(malformed)('%s', (_name, patch, expected) => {
    expect(issuesOf(patch)).toEqual(expected);
  });

  it('a wrong order is still reported beside an unrelated wrong field (every problem at once)', () => {
    expect(issuesOf({ penTest: 'yes', targetStart: '2024-03-09', targetEnd: '2024-03-08' })).toEqual(['penTest', 'targetEnd (order)', 'targetStart (order)']);
    expect(issuesOf({ penTest: 'yes', targetStart: '2024-03-08', targetEnd: '2024-03-08' })).toEqual(['penTest']);
    // An unknown field is reported on the event itself (path []); the order is still checked.
    expect(issuesOf({ colour: 'red', targetStart: '2024-03-09', targetEnd: '2024-03-08' })).toEqual(['', 'targetEnd (order)', 'targetStart (order)']);
  });

  it('a create that is not an object is refused with one issue, not a crash in the order check', () => {
    for (const value of [null, undefined, 5, 'create', [], true]) {
      const r = defectDojoEventSchemas.create.safeParse(value);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.path.length)).toEqual([0]);
    }
  });
});

describe('dateOrderIssues (the rule shared by create and edit)', () => {
  it('names both dates with DefectDojo message when start is after end, and nothing otherwise', () => {
    const both = [
      { path: ['targetStart'], message: DATE_ORDER_MESSAGE },
      { path: ['targetEnd'], message: DATE_ORDER_MESSAGE },
    ];
    expect(DATE_ORDER_MESSAGE).toBe('Your target start date exceeds your target end date');
    expect(dateOrderIssues('2024-03-09' as never, '2024-03-08' as never)).toEqual(both);
    expect(dateOrderIssues('2024-03-08' as never, '2024-03-08' as never)).toEqual([]);
    expect(dateOrderIssues('2024-03-07' as never, '2024-03-08' as never)).toEqual([]);
    expect(dateOrderIssues(undefined, '2024-03-08' as never)).toEqual([]);
    expect(dateOrderIssues('2024-03-09' as never, undefined)).toEqual([]);
  });
});

describe('the events DefectDojo\'s lifecycle takes, each with its own fields', () => {
  const at = '2024-03-02T09:00:00Z';
  // [type, a valid event's fields, the same type with a field it does not take or a wrong value]
  const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['edit', { name: 'Q2', targetEnd: '2024-03-09' }, { status: 'On Hold' }],
    ['set_status', { status: 'On Hold' }, { status: 'Paused' }],
    ['close', { reason: 'done' }, { epic: null }],
    ['reopen', {}, { status: 'In Progress' }],
    ['add_test', { testId: 5 }, { testId: true }],
    ['import_scan', { scanDate: '2024-03-20' }, { scanDate: '2024-03-32' }],
    ['set_jira', { project: null, assetProject: { projectKey: 'APP' }, epic: { key: 'APP-1' } }, { epic: { key: '' } }],
    ['clock', {}, { now: at }],
  ];
  it.each(table)('%s', (type, fields, wrong) => {
    const schema = defectDojoEventSchemas[type as keyof typeof defectDojoEventSchemas];
    expect(schema.safeParse({ type, at, ...fields }).success).toBe(true);
    expect(schema.safeParse({ type, at, ...wrong }).success).toBe(false);
    expect(schema.safeParse({ type: 'create', at, ...fields }).success).toBe(false); // the type names the event
  });

  it('the optional parts may be left out', () => {
    for (const type of ['edit', 'add_test', 'import_scan', 'set_jira'] as const) {
      expect(defectDojoEventSchemas[type].safeParse({ type, at }).success, type).toBe(true);
    }
    const { status: _s, ...plain } = { ...baseCreate, status: undefined };
    expect(defectDojoEventSchemas.create.safeParse(plain).success).toBe(true);
    expect(defectDojoEventSchemas.create.safeParse({ ...baseCreate, status: 'Scheduled', jira: { epic: { key: 'APP-1' } } }).success).toBe(true);
    expect(defectDojoEventSchemas.create.safeParse({ ...baseCreate, status: 'Paused' }).success).toBe(false);
    expect(defectDojoEventSchemas.create.safeParse({ ...baseCreate, productId: undefined }).success).toBe(false);
  });

  it('the schemas are exactly these nine events', () => {
    expect(Object.keys(defectDojoEventSchemas).sort()).toEqual(['add_test', 'clock', 'close', 'create', 'edit', 'import_scan', 'reopen', 'set_jira', 'set_status']);
  });
});

