import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  adHocImportEngagement,
  adHocImportName,
  autoCreateEngagement,
  calendarEntries,
  canAccessEngagement,
  ciCdTargetEnd,
  cloneFileTitle,
  copyEngagement,
  editEngagement,
  engagementBuckets,
  engagementJiraSettings,
  engagementRequestBody,
  engagementToRecord,
  filterAccessibleEngagements,
  findImportEngagement,
  importTarget,
  newEngagement,
  parseEngagementAggregate,
  parseEngagementRecord,
  planEngagementDelete,
  resolveJiraSettings,
  type EngagementAggregate,
} from '../../src/defectdojo/index.js';
import { aggregateFindings } from '../../src/defectdojo/aggregate/aggregate.js';
import { hexTag } from '../../src/defectdojo/aggregate/ids.js';
import { ERROR_CODES, isLifecycleError, unwrap } from '../../src/index.js';
import { aggregateArb, dojoRecordArb, engagementArb } from './aggregate-arbitraries.js';
import { create } from './helpers.js';

const counter = () => {
  let n = 0;
  return () => `n${++n}`;
};

/** The aggregate without what a copy may change: ids (and id links), timestamps, version, file titles, Jira links, the overdue flag. */
function comparable(a: EngagementAggregate): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'id' && k !== 'title' && k !== 'acceptedFindings') out[k] = strip(x);
    return out;
  };
  const { engagement, ...contents } = a;
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, data, ...rest } = engagement;
  const { jira, clock, ...fields } = data;
  return {
    ...rest,
    data: { ...fields, assetProject: jira.assetProject, clock: { ...clock, overdue: null } },
    contents: strip(contents),
    titles: a.tests.map((t) => t.title),
  };
}

function objectsOf(v: unknown, into = new Set<object>()): Set<object> {
  if (v !== null && typeof v === 'object' && !into.has(v)) {
    into.add(v);
    for (const x of Object.values(v)) objectsOf(x, into);
  }
  return into;
}

function scramble(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  for (const [k, x] of Object.entries(v)) {
    scramble(x);
    if (typeof x === 'string') (v as Record<string, unknown>)[k] = `${x}!`;
    else if (typeof x === 'boolean') (v as Record<string, unknown>)[k] = !x;
  }
  if (Array.isArray(v)) v.push('extra' as never);
}

const deepFrozen = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(deepFrozen));

describe('copy: properties', () => {
  test.prop([aggregateArb()], { numRuns: 60 })('a copy equals the original except for ids, timestamps, file titles (and the documented Jira links)', ({ input, settings, at }) => {
    const original = unwrap(parseEngagementAggregate(input as never)).aggregate;
    const { aggregate: copy, mapping } = unwrap(copyEngagement(input as never, { at, actor: 'admin', newId: counter(), settings }));
    expect(comparable(copy)).toEqual(comparable(original));
    expect(copy.engagement.data.jira.project).toBeNull();
    expect(copy.engagement.data.jira.epic).toBeNull();
    expect(copy.engagement.createdAt).toBe(at.toISOString());
    // Every new id is new; every file title is the original's plus " - clone-" and the tag of its new id, within 100.
    const before = new Set(mapping.map((m) => `${m.kind}:${m.from}`));
    for (const m of mapping) expect(before.has(`${m.kind}:${m.to}`)).toBe(false);
    const files = (a: EngagementAggregate) => [
      ...a.files,
      ...a.tests.flatMap((t) => [...t.files, ...t.findings.flatMap((f) => f.files)]),
    ];
    const originalFiles = files(original);
    files(copy).forEach((f, i) => {
      expect(f.title).toBe(cloneFileTitle(originalFiles[i]!.title, hexTag(f.id)));
      expect(f.title.length).toBeLessThanOrEqual(100);
    });
    // Risk acceptances accept exactly the copied, risk-accepted findings whose hash an accepted original had.
    const hashOf = new Map(aggregateFindings(original).map((f) => [f.id, f.hashCode]));
    copy.riskAcceptances.forEach((ra, i) => {
      const hashes = new Set(original.riskAcceptances[i]!.acceptedFindings.map((id) => hashOf.get(id)).filter((h) => h !== null));
      expect(ra.acceptedFindings).toEqual(aggregateFindings(copy).filter((f) => f.riskAccepted && f.hashCode !== null && hashes.has(f.hashCode)).map((f) => f.id));
    });
  });

  test.prop([aggregateArb()], { numRuns: 40 })('mutating either never changes the other: no shared object, the copy frozen', ({ input, settings, at }) => {
    const { aggregate: copy } = unwrap(copyEngagement(input as never, { at, actor: 'admin', newId: counter(), settings }));
    const shared = objectsOf(input);
    for (const o of objectsOf(copy)) expect(shared.has(o)).toBe(false);
    expect(deepFrozen(copy)).toBe(true);
    const snapshot = JSON.stringify(copy);
    scramble(input);
    expect(JSON.stringify(copy)).toBe(snapshot);
  });
});

describe('delete: properties', () => {
  test.prop([aggregateArb()], { numRuns: 60 })('a delete plan names every descendant exactly once', ({ input, at }) => {
    const { plan } = unwrap(planEngagementDelete(input as never, { at, actor: 'admin' }));
    const a = unwrap(parseEngagementAggregate(input as never)).aggregate;
    const keys = [...plan.deletes, ...plan.unlinks].map((i) => `${i.kind}:${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = [
      ...a.tests.flatMap((t) => [
        `test:${t.id}`,
        ...t.notes.map((n) => `note:${n.id}`),
        ...t.files.map((f) => `file:${f.id}`),
        ...t.findings.flatMap((f) => [`finding:${f.id}`, ...f.notes.map((n) => `note:${n.id}`), ...f.files.map((x) => `file:${x.id}`), ...f.endpoints.map((e) => `endpoint_status:${e.id}`)]),
      ]),
      ...a.notes.map((n) => `note:${n.id}`),
      ...a.files.map((f) => `file:${f.id}`),
      ...a.riskAcceptances.map((r) => `risk_acceptance:${r.id}`),
      ...(a.engagement.data.jira.project ? [`jira_project:${a.engagement.id}`] : []),
      ...(a.engagement.data.jira.epic ? [`jira_epic_link:${a.engagement.data.jira.epic.key}`] : []),
    ];
    expect([...keys].sort()).toEqual([...expected].sort());
    expect(plan.unlinks.every((i) => i.kind === 'risk_acceptance')).toBe(true);
    expect(plan.effects.map((e) => e.type)).toEqual(['engagement_deleted']);
    expect(plan.expectedVersion).toBe(a.engagement.version);
  });
});

describe('records: properties', () => {
  test.prop([engagementArb()], { numRuns: 80 })('parse(export(x)) equals x for any valid engagement', ({ state }) => {
    const { record } = unwrap(engagementToRecord(state));
    const back = unwrap(parseEngagementRecord(JSON.parse(JSON.stringify(record)), { base: state }));
    expect(back.drift).toEqual([]);
    expect(back.engagement).toEqual(state);
    // Without the base, everything a record carries comes back too.
    const bare = unwrap(parseEngagementRecord(record)).engagement;
    const { clock: _c, jira: _j, productName: _p, ...fields } = state.data;
    expect(bare).toMatchObject({ id: state.id, status: state.status, createdAt: state.createdAt, updatedAt: state.updatedAt, data: fields });
  });

  test.prop([dojoRecordArb()], { numRuns: 100 })('export(parse(r)) gives a DefectDojo record back unchanged, unknown fields and microseconds included', (record) => {
    const parsed = unwrap(parseEngagementRecord(record));
    expect(parsed.drift).toEqual([]);
    expect(unwrap(engagementToRecord(parsed.engagement, parsed.extra)).record).toEqual(record);
    const body = unwrap(engagementRequestBody(parsed.engagement, parsed.extra)).body;
    const { id: _i, active: _a, progress: _p, tmodel_path: _t, done_testing: _d, risk_acceptance: _r, created: _c, updated: _u, notes: _n, files: _f, prefetch: _x, ...writable } = record;
    expect(body).toEqual(writable);
  });
});

describe('junk input to any entry point yields the typed error', () => {
  const valid = create();
  const isTyped = (error: unknown) => isLifecycleError(error) && (ERROR_CODES as readonly string[]).includes(error.code);
  const results: [string, (a: unknown, b: unknown, c: unknown) => { ok: boolean; error?: unknown }][] = [
    ['newEngagement', (a, b) => newEngagement(a as never, b as never)],
    ['editEngagement', (a, b, c) => editEngagement(a as never, b as never, c as never)],
    ['editEngagement(valid)', (a, b) => editEngagement(valid, a as never, b as never)],
    ['autoCreateEngagement', (a, b) => autoCreateEngagement(a as never, b as never)],
    ['adHocImportEngagement', (a, b) => adHocImportEngagement(a as never, b as never)],
    ['findImportEngagement', (a, b) => findImportEngagement(a as never, b as never)],
    ['findImportEngagement(valid)', (a) => findImportEngagement([valid], a as never)],
    ['importTarget', (a, b, c) => importTarget(a as never, b as never, c as never)],
    ['importTarget(valid)', (a, b) => importTarget([valid], a as never, b as never)],
    ['parseEngagementAggregate', (a) => parseEngagementAggregate(a as never)],
    ['copyEngagement', (a, b) => copyEngagement(a as never, b as never)],
    ['copyEngagement(valid)', (a) => copyEngagement({ engagement: valid } as never, a as never)],
    ['planEngagementDelete', (a, b) => planEngagementDelete(a as never, b as never)],
    ['planEngagementDelete(valid)', (a) => planEngagementDelete({ engagement: valid } as never, a as never)],
    ['parseEngagementRecord', (a, b) => parseEngagementRecord(a, b as never)],
    ['engagementToRecord', (a, b) => engagementToRecord(a as never, b as never)],
    ['engagementToRecord(valid)', (a) => engagementToRecord(valid, a as never)],
    ['engagementRequestBody', (a, b) => engagementRequestBody(a as never, b as never)],
    ['calendarEntries', (a, b) => calendarEntries(a as never, b as never)],
    ['calendarEntries(valid)', (a) => calendarEntries([valid], a as never)],
    ['engagementBuckets', (a, b) => engagementBuckets(a as never, b as never)],
  ];
  const throwing: [string, (a: unknown, b: unknown, c: unknown) => unknown][] = [
    ['canAccessEngagement', (a, b, c) => canAccessEngagement(a as never, b as never, c as never)],
    ['canAccessEngagement(valid)', (a, b) => canAccessEngagement(a as never, valid, b as never)],
    ['filterAccessibleEngagements', (a, b, c) => filterAccessibleEngagements(a as never, b as never, c as never)],
    ['resolveJiraSettings', (a, b) => resolveJiraSettings(a as never, b as never)],
    ['engagementJiraSettings', (a, b) => engagementJiraSettings(a as never, b as never)],
    ['engagementJiraSettings(valid)', (a) => engagementJiraSettings(valid, a as never)],
    ['ciCdTargetEnd', (a, b) => ciCdTargetEnd(a as never, b as never)],
    ['adHocImportName', (a, b) => adHocImportName(a as never, b as never)],
    ['cloneFileTitle', (a, b) => cloneFileTitle(a as never, b as never)],
  ];

  const junk = fc.anything({ withDate: true, withBigInt: true, withNullPrototype: true, maxDepth: 3 });

  test.prop([junk, junk, junk], { numRuns: 300 })('operations return { ok: false, error } with a known code, never throw', (a, b, c) => {
    for (const [name, call] of results) {
      let r: { ok: boolean; error?: unknown };
      try {
        r = call(a, b, c);
      } catch (error) {
        throw new Error(`${name} threw ${String(error)}`);
      }
      if (!r.ok) expect(isTyped(r.error), name).toBe(true);
    }
  });

  test.prop([junk, junk, junk], { numRuns: 300 })('predicates and helpers documented as throwing throw only LifecycleError', (a, b, c) => {
    for (const [name, call] of throwing) {
      try {
        call(a, b, c);
      } catch (error) {
        expect(isTyped(error), `${name} threw ${String(error)}`).toBe(true);
      }
    }
  });
});
