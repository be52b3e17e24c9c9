import { describe, expect, it } from 'vitest';
import {
  assetSchema,
  defectdojo,
  findingSchema,
  organizationSchema,
  parseEngagementAggregate,
  testSchema,
} from '../../src/defectdojo/index.js';
import { aggregateFindings } from '../../src/defectdojo/aggregate/aggregate.js';
import { unwrap } from '../../src/index.js';
import { aggregateInput, asAggregate, richEngagement } from './aggregate-fixtures.js';

describe('the hierarchy: Organization → Asset → Engagement → Test → Finding', () => {
  it('organizations and assets: DefectDojo integer ids become strings; an asset carries its Jira settings', () => {
    expect(organizationSchema.parse({ id: 1, name: 'Payments' })).toEqual({ id: '1', name: 'Payments', description: null });
    expect(assetSchema.parse({ id: 139, name: 'Payments API', organizationId: 1, tags: ['PCI'], jira: { projectKey: 'APP' } })).toEqual({
      id: '139',
      name: 'Payments API',
      organizationId: '1',
      description: null,
      tags: ['pci'],
      jira: { projectKey: 'APP', issueTemplate: null, customFields: null, labels: null, defaultAssignee: null, epicMapping: null },
    });
  });

  it('a finding has its own status flags, defaulting as DefectDojo\'s model does', () => {
    const f = findingSchema.parse({ id: 1, title: 'XSS', severity: 'Medium' });
    expect(f).toMatchObject({
      active: true,
      verified: false,
      isMitigated: false,
      mitigated: null,
      riskAccepted: false,
      duplicate: false,
      falsePositive: false,
      outOfScope: false,
      underReview: false,
      notes: [],
      files: [],
      endpoints: [],
    });
  });

  it('tests hold findings; schemas are strict and name the misspelt field', () => {
    const r = testSchema.safeParse({ id: 1, testType: 'ZAP Scan', targetStart: '2024-03-04T00:00:00Z', targetEnd: '2024-03-04T00:00:00Z', findngs: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['findngs'] });
    const bad = findingSchema.safeParse({ id: 1, title: 'x', severity: 'Severe' });
    expect(bad.error?.issues[0]?.path).toEqual(['severity']);
  });
});

describe('parseEngagementAggregate', () => {
  it('validates, fills defaults, lower-cases tags and freezes; the engine\'s state is kept as it is', () => {
    const input = aggregateInput();
    const { aggregate } = unwrap(parseEngagementAggregate(asAggregate(input)));
    expect(aggregate.engagement).toBe(input.engagement);
    expect(aggregate.tests[0]!.tags).toEqual(['network']);
    expect(aggregate.tests[0]!.findings[0]!.tags).toEqual(['legacy']);
    expect(aggregate.tests[0]!.findings[0]!.reviewers).toEqual(['4']);
    expect(aggregateFindings(aggregate).map((f) => f.id)).toEqual(['11', '12', '13']);
    expect(Object.isFrozen(aggregate.tests[0]!.findings[0]!.notes[0])).toBe(true);
    expect(Object.isFrozen(input.tests[0])).toBe(false);
  });

  it('an id used twice within a kind is refused, naming where', () => {
    const input = aggregateInput();
    input.tests[1]!.findings[0]!.id = 11;
    const r = parseEngagementAggregate(asAggregate(input));
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(!r.ok && r.error.issues[0]).toMatchObject({ path: ['tests', 1, 'findings', 0, 'id'] });
    expect(!r.ok && r.error.issues[0]!.message).toContain('finding id "11" appears twice');
  });

  it('the same id in two kinds is fine (a note and a file may both be 1)', () => {
    const input = aggregateInput();
    input.notes[0]!.id = 1;
    input.files[0]!.id = 1;
    expect(parseEngagementAggregate(asAggregate(input)).ok).toBe(true);
  });

  it('a risk acceptance may only accept findings of the engagement', () => {
    const input = aggregateInput();
    input.riskAcceptances[0]!.acceptedFindings = [11, 77];
    const r = parseEngagementAggregate(asAggregate(input));
    expect(!r.ok && r.error.issues).toEqual([
      expect.objectContaining({ path: ['riskAcceptances', 0, 'acceptedFindings', 1], message: expect.stringContaining('finding "77" is not in this engagement') }),
    ]);
  });

  it('junk gives invalid_input (or lifecycle_mismatch), never a throw', () => {
    for (const junk of [null, 1, 'x', [], {}, { engagement: {} }, { engagement: richEngagement(), tests: 'no' }]) {
      const r = parseEngagementAggregate(junk as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['invalid_input', 'lifecycle_mismatch']).toContain(r.error.code);
    }
  });
});

describe('closing an engagement never touches its findings (spec 1.4, DefectDojo docs)', () => {
  it('close changes the engagement\'s status and active flag only; tests and findings are the same objects', () => {
    const { aggregate } = unwrap(parseEngagementAggregate(asAggregate(aggregateInput())));
    const closed = unwrap(defectdojo.apply(aggregate.engagement, { type: 'close', at: '2024-03-10T00:00:00Z' }));
    const after = unwrap(parseEngagementAggregate({ ...aggregate, engagement: closed.state })).aggregate;
    expect(after.engagement).toMatchObject({ status: 'Completed', data: { active: false } });
    expect(after.tests).toEqual(aggregate.tests);
    const flags = (a: typeof aggregate) => aggregateFindings(a).map((f) => [f.active, f.verified, f.isMitigated, f.riskAccepted, f.duplicate, f.falsePositive, f.outOfScope]);
    expect(flags(after)).toEqual(flags(aggregate));
    expect(aggregateFindings(after).some((f) => f.active)).toBe(true);
    expect(closed.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_closed', 'jira_close_epic']);
  });
});
