/**
 * What a store checks of its queries and small arguments (`src/store/schemas.ts`), stated from docs/storage.md:
 * each refusal names what was refused ("Invalid due query: ..."), a partition is 0-based with its index below its
 * count, cursors come back as given, a status filter is one status or a list, the outbox's `after` is a position from
 * 0, a tenant id is 1 to 200 characters. Queries are read where they are, not copied first: a caller's Proxy over a
 * valid query is read through its traps and accepted, where a write, a plan or a record (kept by the store) must be
 * plain data that can be copied.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE,
  parseDeletePlan,
  parseDueAt,
  parseDueQuery,
  parseEffectIds,
  parseKey,
  parseListQuery,
  parsePendingOptions,
  parseRecord,
  parseRecordRef,
  parseTenant,
  parseTenantQuery,
  parseVersion,
} from '../../src/store/index.js';
import { thrownError } from '../fuzz/refusals.js';

const now = '2024-01-01T00:00:00.000Z';

/** The refusal of `parse(input)`: its message's first line and its issues as `path: message`. */
function refusal(parse: (input: unknown) => unknown, input: unknown): { first: string; issues: string[] } {
  const error = thrownError(() => parse(input));
  expect(error.code).toBe('invalid_input');
  return { first: error.message.split('\n')[0]!, issues: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
const proxy = <T extends object>(value: T): T => new Proxy(value, {});

describe('each refusal names what it refused', () => {
  it.each([
    ['engagement key', parseKey, { lifecycle: '' }],
    ['list query', parseListQuery, { limit: 0 }],
    ['due query', parseDueQuery, {}],
    ['outbox query', parsePendingOptions, { after: 'x' }],
    ['record reference', parseRecordRef, { kind: 'test' }],
    ['effect ids', parseEffectIds, [1]],
    ['due instant', parseDueAt, 'tomorrow'],
    ['expected version', parseVersion, 0],
    ['tenant id', parseTenant, ''],
    ['tenant query', parseTenantQuery, { now: 'x' }],
    ['related record', parseRecord, {}],
    ['delete plan', parseDeletePlan, {}],
  ] as const)('%s', (what, parse, input) => {
    expect(refusal(parse as (input: unknown) => unknown, input).first).toBe(`Invalid ${what}:`);
  });
});

describe('queries are read in place; what the store keeps must be plain data', () => {
  it('a Proxy over a valid query or argument is accepted', () => {
    expect(parseKey(proxy({ lifecycle: 'a', id: 'b' }))).toEqual({ lifecycle: 'a', id: 'b' });
    expect([...parseListQuery(proxy({ status: proxy(['a', 'b']) })).statuses!]).toEqual(['a', 'b']);
    expect(parseDueQuery(proxy({ now })).nowMs).toBe(Date.parse(now));
    expect(parsePendingOptions(proxy({ after: 5 }))).toEqual({ after: 5, limit: 100 });
    expect(parseRecordRef(proxy({ kind: 'test', id: 't1' }))).toEqual({ kind: 'test', id: 't1' });
    expect(parseEffectIds(proxy(['x', 'y']))).toEqual(['x', 'y']);
    expect(parseTenantQuery(proxy({ now, after: 't' }))).toEqual({ now, lifecycles: undefined, after: 't', limit: 100 });
  });

  it('a Proxy over a record is refused: it cannot be copied', () => {
    const record = proxy({ kind: 'test', id: 't1', engagement: null, parent: null, data: null });
    expect(refusal(parseRecord, record).first).toMatch(/^Invalid related record: it must be plain data \(.*could not be cloned/);
  });
});

describe('list queries', () => {
  it('filter by one status or a list of them', () => {
    expect([...parseListQuery({ status: 'Open' }).statuses!]).toEqual(['Open']);
    expect([...parseListQuery({ status: ['Open', 'Closed'] }).statuses!]).toEqual(['Open', 'Closed']);
    expect(parseListQuery({}).statuses).toBeUndefined();
    expect(refusal(parseListQuery, { status: [''] }).issues).toHaveLength(1);
  });

  it('take a page of 1 to MAX_PAGE, 100 by default, after a key or from the start', () => {
    expect(parseListQuery().limit).toBe(100);
    expect(parseListQuery({ limit: MAX_PAGE }).limit).toBe(MAX_PAGE);
    expect(refusal(parseListQuery, { limit: MAX_PAGE + 1 }).issues).toEqual([`limit: Too big: expected number to be <=${MAX_PAGE}`]);
    expect(parseListQuery({ after: { lifecycle: 'a', id: 'b' } }).after).toEqual({ lifecycle: 'a', id: 'b' });
    expect(parseListQuery({ after: null }).after).toBeNull();
  });
});

describe('due queries', () => {
  it('take a 0-based partition whose index is below its count', () => {
    expect(parseDueQuery({ now, partition: { index: 0, count: 1 } }).partition).toEqual({ index: 0, count: 1 });
    expect(parseDueQuery({ now, partition: { index: 2, count: 3 } }).partition).toEqual({ index: 2, count: 3 });
    expect(refusal(parseDueQuery, { now, partition: { index: 1, count: 1 } }).issues).toEqual(['partition.index: partition index must be below count (0-based)']);
    expect(refusal(parseDueQuery, { now, partition: { index: -1, count: 0 } }).issues).toEqual([
      'partition.index: Too small: expected number to be >=0',
      'partition.count: Too small: expected number to be >=1',
    ]);
  });

  it('continue after a cursor of due instant, lifecycle and id, given back as it came', () => {
    const after = { dueAt: now, lifecycle: 'a', id: 'b' };
    expect(parseDueQuery({ now, after }).after).toEqual(after);
    expect(refusal(parseDueQuery, { now, after: { ...after, id: '' } }).issues).toEqual(['after.id: Too small: expected string to have >=1 characters']);
    expect(refusal(parseDueQuery, { now, after: { ...after, extra: 1 } }).issues).toEqual(['after: Unrecognized key: "extra"']);
  });
});

describe('the outbox query, tenants', () => {
  it("the outbox's after is a position from 0 (0 by default)", () => {
    expect(parsePendingOptions({})).toEqual({ after: 0, limit: 100 });
    expect(parsePendingOptions({ after: 0 }).after).toBe(0);
    expect(refusal(parsePendingOptions, { after: -1 }).issues).toEqual(['after: Too small: expected number to be >=0']);
  });

  it('a tenant id is 1 to 200 characters', () => {
    expect(parseTenant('t')).toBe('t');
    expect(parseTenant('x'.repeat(200))).toBe('x'.repeat(200));
    expect(refusal(parseTenant, 'x'.repeat(201)).issues).toEqual([': Too big: expected string to have <=200 characters']);
    expect(refusal(parseTenant, '').issues).toEqual([': Too small: expected string to have >=1 characters']);
    expect(refusal(parseTenantQuery, { now, after: '' }).issues).toEqual(['after: Too small: expected string to have >=1 characters']);
  });
});
