/** Generated engagements, aggregates and DefectDojo records, for the aggregate's property tests. */
import { fc } from '@fast-check/vitest';
import { DEFECTDOJO_STATUSES, defectdojo, type DefectDojoEventInput, type DefectDojoSettingsInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { defectdojoScenarioArb as defectDojoScenarioArb } from '../../src/testing/index.js';

const DAY = 86_400_000;

/** Text as DefectDojo leaves it: `""`, `null` or some text (unicode included). */
const emptyish = (maxLength = 30) => fc.oneof(fc.constant(''), fc.constant(null), fc.string({ maxLength }));
const url = fc.constantFrom('https://tracker.example.com/SEC-1', 'https://git.example.com/app', 'http://ci.local:8080/job/7');
const dojoRef = fc.option(fc.integer({ min: 1, max: 99_999 }).map(String), { nil: null });

/**
 * A valid engagement: a generated life (create and events through the lifecycle), with a DefectDojo integer id
 * and then one edit that sets the CI/CD and other optional fields.
 */
export function engagementArb(): fc.Arbitrary<{ readonly state: DefectDojoState; readonly settings: DefectDojoSettingsInput }> {
  return fc
    .tuple(
      defectDojoScenarioArb({ maxEvents: 8 }),
      fc.integer({ min: 1, max: 999_999 }),
      fc.record(
        {
          description: emptyish(),
          version: emptyish(),
          engagementReason: emptyish(),
          buildId: emptyish(),
          commitHash: emptyish(),
          branchTag: emptyish(),
          tracker: fc.option(url, { nil: null }),
          testStrategy: fc.option(url, { nil: null }),
          sourceCodeManagementUri: fc.option(url, { nil: null }),
          requester: dojoRef,
          preset: dojoRef,
          reportType: dojoRef,
          buildServer: dojoRef,
          sourceCodeManagementServer: dojoRef,
          orchestrationEngine: dojoRef,
          threatModel: fc.boolean(),
          deduplicationOnEngagement: fc.boolean(),
          doneTesting: fc.boolean(),
          tags: fc.array(fc.constantFrom('PCI', 'web', ' Api ', 'ci')),
          name: fc.string({ maxLength: 40 }),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([scenario, id, edit]) => {
      const engine = defectdojo.with({ settings: scenario.settings });
      const created = engine.create({ ...scenario.create, id: String(id) } as DefectDojoEventInput);
      if (!created.ok) throw created.error;
      let state = created.state;
      for (const event of scenario.events) {
        const r = engine.apply(state, event);
        if (r.ok) state = r.state;
      }
      const edited = engine.apply(state, { type: 'edit', at: state.updatedAt, ...edit } as DefectDojoEventInput);
      if (!edited.ok) throw edited.error;
      return { state: edited.state, settings: scenario.settings };
    });
}

const noteArb = fc.record({ entry: fc.string({ minLength: 1, maxLength: 20 }), private: fc.boolean(), author: dojoRef }, { requiredKeys: ['entry'] });
const fileArb = fc.record({
  title: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.length <= 100), fc.constant('T'.repeat(100))),
  file: fc.option(fc.constantFrom('uploads/a.pdf', 'uploads/b.png'), { nil: null }),
});
const findingArb = fc.record({
  title: fc.string({ minLength: 1, maxLength: 20 }),
  severity: fc.constantFrom('Critical', 'High', 'Medium', 'Low', 'Info'),
  hashCode: fc.option(fc.constantFrom('h1', 'h2', 'h3'), { nil: null }),
  active: fc.boolean(),
  verified: fc.boolean(),
  riskAccepted: fc.boolean(),
  duplicate: fc.boolean(),
  falsePositive: fc.boolean(),
  outOfScope: fc.boolean(),
  isMitigated: fc.boolean(),
  tags: fc.array(fc.constantFrom('Legacy', 'new')),
  vulnerabilityIds: fc.array(fc.constantFrom('CVE-2020-0001', 'GHSA-xxxx')),
  notes: fc.array(noteArb, { maxLength: 2 }),
  files: fc.array(fileArb, { maxLength: 2 }),
  endpoints: fc.array(fc.record({ endpointId: fc.integer({ min: 1, max: 50 }).map(String), mitigated: fc.boolean() }), { maxLength: 2 }),
});
const testArb = fc.record({
  title: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  testType: fc.constantFrom('Nmap Scan', 'ZAP Scan', 'Manual Code Review'),
  environment: fc.option(fc.constantFrom('Staging', 'Production'), { nil: null }),
  tags: fc.array(fc.constantFrom('Network', 'web')),
  notes: fc.array(noteArb, { maxLength: 2 }),
  files: fc.array(fileArb, { maxLength: 2 }),
  findings: fc.array(findingArb, { maxLength: 3 }),
});

type Draft = Record<string, unknown> & { notes?: Draft[]; files?: Draft[]; findings?: Draft[]; endpoints?: Draft[] };

/** Gives every record an id, unique within its kind, with DefectDojo-like integers. */
function withIds(tests: Draft[], notes: Draft[], files: Draft[], ras: Draft[], pick: (n: number) => number[]) {
  const next: Record<string, number> = {};
  const id = (kind: string) => (next[kind] = (next[kind] ?? 100 * (Object.keys(next).length + 1)) + 1);
  const attach = (o: Draft) => ({
    ...o,
    ...(o.notes ? { notes: o.notes.map((n) => ({ ...n, id: id('note') })) } : {}),
    ...(o.files ? { files: o.files.map((f) => ({ ...f, id: id('file') })) } : {}),
  });
  const findings: number[] = [];
  const outTests = tests.map((t) => ({
    ...attach(t),
    id: id('test'),
    targetStart: '2024-03-04T09:00:00Z',
    targetEnd: '2024-03-05T09:00:00Z',
    findings: (t.findings ?? []).map((f) => {
      const fid = id('finding');
      findings.push(fid);
      return { ...attach(f), id: fid, endpoints: (f.endpoints ?? []).map((e) => ({ ...e, id: id('endpoint_status') })) };
    }),
  }));
  return {
    tests: outTests,
    notes: notes.map((n) => ({ ...n, id: id('note') })),
    files: files.map((f) => ({ ...f, id: id('file') })),
    riskAcceptances: ras.map((r, i) => ({
      ...r,
      id: id('risk_acceptance'),
      notes: ((r['notes'] as Draft[] | undefined) ?? []).map((n) => ({ ...n, id: id('note') })),
      acceptedFindings: pick(i).filter((k) => k < findings.length).map((k) => findings[k]!),
    })),
  };
}

/** An aggregate input (plain, unfrozen) around a generated engagement. */
export function aggregateArb() {
  return fc
    .record({
      engagement: engagementArb(),
      tests: fc.array(testArb, { maxLength: 3 }),
      notes: fc.array(noteArb, { maxLength: 2 }),
      files: fc.array(fileArb, { maxLength: 2 }),
      riskAcceptances: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 20 }), notes: fc.array(noteArb, { maxLength: 1 }) }), { maxLength: 2 }),
      picks: fc.array(fc.uniqueArray(fc.nat(8), { maxLength: 4 }), { minLength: 2, maxLength: 2 }),
      delay: fc.integer({ min: 0, max: 400 * DAY }),
    })
    .map(({ engagement, tests, notes, files, riskAcceptances, picks, delay }) => ({
      input: { engagement: engagement.state, ...withIds(tests as Draft[], notes as Draft[], files as Draft[], riskAcceptances as Draft[], (i) => picks[i] ?? []) },
      settings: engagement.settings,
      at: new Date(Date.parse(engagement.state.updatedAt) + delay),
    }));
}

const calendarDate = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const microInstant = fc
  .tuple(fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([d, us]) => `${d.toISOString().slice(0, -1)}${String(us).padStart(3, '0')}Z`);
const nullableInt = fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: null });

/** A DefectDojo API record that keeps every rule of the library (no drift), with unknown fields. */
export function dojoRecordArb(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      id: fc.integer({ min: 1, max: 999_999 }),
      tags: fc.uniqueArray(fc.constantFrom('pci', 'web', 'api', 'ci-cd')),
      name: fc.string({ minLength: 1, maxLength: 50 }),
      description: emptyish(),
      version: emptyish(),
      first_contacted: fc.option(calendarDate, { nil: null }),
      dates: fc.tuple(calendarDate, fc.integer({ min: 0, max: 400 })),
      reason: emptyish(),
      updated: microInstant,
      created: microInstant,
      tracker: fc.oneof(fc.constant(null), fc.constant(''), url),
      test_strategy: fc.oneof(fc.constant(null), url),
      threat_model: fc.boolean(),
      api_test: fc.boolean(),
      pen_test: fc.boolean(),
      check_list: fc.boolean(),
      status: fc.constantFrom(...DEFECTDOJO_STATUSES),
      progress: fc.constantFrom('threat_model', 'other'),
      tmodel_path: fc.constantFrom('none', 'threats/model.png'),
      done_testing: fc.boolean(),
      engagement_type: fc.constantFrom('Interactive', 'CI/CD'),
      build_id: emptyish(),
      commit_hash: emptyish(),
      branch_tag: emptyish(),
      source_code_management_uri: fc.oneof(fc.constant(null), fc.constant(''), url),
      deduplication_on_engagement: fc.boolean(),
      lead: nullableInt,
      requester: nullableInt,
      preset: nullableInt,
      report_type: nullableInt,
      product: fc.integer({ min: 1, max: 99_999 }),
      build_server: nullableInt,
      source_code_management_server: nullableInt,
      orchestration_engine: nullableInt,
      notes: fc.array(fc.record({ id: fc.nat(), entry: fc.string() }), { maxLength: 2 }),
      files: fc.constant([]),
      risk_acceptance: fc.array(fc.nat(), { maxLength: 3 }),
      prefetch: fc.constant({}),
      unknown: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`), fc.jsonValue(), { maxKeys: 3 }),
    })
    .map(({ dates: [start, days], unknown, status, ...r }) => ({
      ...r,
      status,
      // The library's invariants: active exactly when not Completed or Cancelled; end not before start.
      active: status !== 'Completed' && status !== 'Cancelled',
      target_start: start,
      target_end: new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10),
      ...unknown,
    }));
}
