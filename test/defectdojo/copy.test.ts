import { describe, expect, it } from 'vitest';
import {
  cloneFileTitle,
  copyEngagement,
  defectdojo,
  parseEngagementAggregate,
  type CopyOutcome,
} from '../../src/defectdojo/index.js';
import { aggregateFindings } from '../../src/defectdojo/aggregate/aggregate.js';
import { unwrap } from '../../src/index.js';
import { aggregateInput, asAggregate, counter, richEngagement } from './aggregate-fixtures.js';

const at = '2024-03-05T10:00:00Z';

function copy(input = aggregateInput(), options: Partial<Parameters<typeof copyEngagement>[1]> = {}): CopyOutcome {
  return unwrap(copyEngagement(asAggregate(input), { at, actor: 'admin', newId: counter(), ...options }));
}

describe('cloneFileTitle: " - clone-" and eight hex characters, within 100 characters', () => {
  it('a short title keeps all of it', () => {
    expect(cloneFileTitle('report.pdf', '0a1b2c3d')).toBe('report.pdf - clone-0a1b2c3d');
  });
  it('at the cap: the original is cut so that the whole is exactly 100 characters', () => {
    const title = 'T'.repeat(100);
    const cloned = cloneFileTitle(title, 'deadbeef');
    expect(cloned).toHaveLength(100);
    expect(cloned).toBe(`${'T'.repeat(83)} - clone-deadbeef`);
    expect(cloneFileTitle('T'.repeat(83), 'deadbeef')).toHaveLength(100);
    expect(cloneFileTitle('T'.repeat(84), 'deadbeef')).toBe(`${'T'.repeat(83)} - clone-deadbeef`);
  });
  it('never splits a surrogate pair', () => {
    const title = `${'a'.repeat(82)}😀tail`;
    const cloned = cloneFileTitle(title, '00000000');
    expect(cloned).toBe(`${'a'.repeat(82)} - clone-00000000`);
    expect(cloned.length).toBeLessThanOrEqual(100);
  });
  it('refuses a tag that is not eight hex characters', () => {
    expect(() => cloneFileTitle('x', 'XYZ')).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('copyEngagement (spec 4)', () => {
  it('same name, status, dates, lead, type, CI/CD fields and tags; a new id; created and updated at the copy', () => {
    const input = aggregateInput();
    const { aggregate } = copy(input);
    const o = input.engagement;
    const c = aggregate.engagement;
    expect(c.id).toBe('c1');
    expect(c).toMatchObject({ status: o.status, version: 1, createdAt: '2024-03-05T10:00:00.000Z', updatedAt: '2024-03-05T10:00:00.000Z' });
    for (const key of ['name', 'targetStart', 'targetEnd', 'lead', 'productId', 'engagementType', 'buildId', 'commitHash', 'tags', 'active'] as const) {
      expect(c.data[key]).toEqual(o.data[key]);
    }
    expect(c.data.name).toBe('Q1 pentest');
    expect(defectdojo.safeParseState(c).ok).toBe(true);
  });

  it('no Jira links: the engagement\'s own Jira project and epic stay with the original; the asset\'s settings are the asset\'s', () => {
    const input = aggregateInput();
    const c = copy(input).aggregate.engagement;
    expect(input.engagement.data.jira.project).not.toBeNull();
    expect(c.data.jira).toEqual({ project: null, epic: null, assetProject: input.engagement.data.jira.assetProject });
    // So closing the copy closes no epic.
    expect(unwrap(defectdojo.apply(c, { type: 'close', at: '2024-03-06T00:00:00Z' })).effects.map((e) => e.type)).not.toContain('jira_close_epic');
  });

  it('tests, findings (flags untouched), notes, files and endpoint statuses are copied with new ids', () => {
    const { aggregate, mapping } = copy();
    const t = aggregate.tests[0]!;
    expect(t).toMatchObject({ title: 'Nmap', testType: 'Nmap Scan', environment: 'Production', tags: ['network'] });
    expect(t.notes[0]).toMatchObject({ entry: 'scan notes' });
    const f = t.findings[0]!;
    expect(f).toMatchObject({
      title: 'Open telnet',
      severity: 'High',
      active: false,
      verified: true,
      riskAccepted: true,
      vulnerabilityIds: ['CVE-2020-0001'],
      reviewers: ['4'],
      foundBy: ['Nmap Scan'],
      tags: ['legacy'],
    });
    expect(f.endpoints[0]).toMatchObject({ endpointId: '900', riskAccepted: true });
    expect(aggregateFindings(aggregate)[2]).toMatchObject({ isMitigated: true, mitigated: '2024-03-06T10:00:00.000Z' });
    // A duplicate still names the same original, as DefectDojo's copy keeps foreign keys.
    expect(t.findings[1]).toMatchObject({ duplicate: true, duplicateFinding: '5' });
    const from = new Map(mapping.map((m) => [`${m.kind}:${m.from}`, m.to]));
    expect(from.get('finding:11')).toBe(f.id);
    expect(from.get('endpoint_status:301')).toBe(f.endpoints[0]!.id);
    expect(new Set(mapping.map((m) => m.to)).size).toBe(mapping.length);
  });

  it('ids are made in DefectDojo\'s order: the engagement, its notes, its files, its tests, its risk acceptances', () => {
    const { mapping } = copy();
    expect(mapping.map((m) => `${m.kind}:${m.from}`)).toEqual([
      'engagement:42',
      'note:103',
      'file:203',
      'test:1',
      'note:101',
      'file:201',
      'finding:11',
      'note:102',
      'file:202',
      'endpoint_status:301',
      'finding:12',
      'test:2',
      'finding:13',
      'risk_acceptance:401',
      'note:104',
    ]);
  });

  it('file titles: " - clone-" + 8 hex derived from the file\'s new id; the same ids give the same titles', () => {
    const a = copy();
    expect(a.aggregate.files[0]!.title).toMatch(/^scope\.pdf - clone-[0-9a-f]{8}$/);
    expect(a.aggregate.files[0]!.file).toBe('uploads/scope.pdf');
    expect(copy().aggregate.files[0]!.title).toBe(a.aggregate.files[0]!.title);
    expect(copy(aggregateInput(), { newId: counter('x') }).aggregate.files[0]!.title).not.toBe(a.aggregate.files[0]!.title);
  });

  it('a 100-character file title is cut so the copy\'s title is 100 characters', () => {
    const input = aggregateInput();
    input.files[0]!.title = 'F'.repeat(100);
    const title = copy(input).aggregate.files[0]!.title;
    expect(title).toHaveLength(100);
    expect(title).toMatch(/^F{83} - clone-[0-9a-f]{8}$/);
  });

  it('risk acceptances are copied and re-linked to the copied findings with the same hash that are risk accepted', () => {
    const input = aggregateInput();
    const { aggregate } = copy(input);
    const ra = aggregate.riskAcceptances[0]!;
    const copied = aggregateFindings(aggregate);
    // Finding 11 was accepted; finding 13 shares its hash and is risk accepted too, so both copies are accepted.
    expect(ra.acceptedFindings).toEqual([copied[0]!.id, copied[2]!.id]);
    expect(ra).toMatchObject({ name: 'Legacy telnet', notes: [expect.objectContaining({ entry: 'until Q3' })] });
    expect(ra.id).not.toBe('401');
  });

  it('a finding with the same hash that is not risk accepted is not re-linked; null hashes never match', () => {
    const input = aggregateInput();
    input.tests[1]!.findings[0]!.riskAccepted = false;
    expect(copy(input).aggregate.riskAcceptances[0]!.acceptedFindings).toHaveLength(1);
    const noHash = aggregateInput();
    delete (noHash.tests[0]!.findings[0] as { hashCode?: string }).hashCode;
    delete (noHash.tests[1]!.findings[0] as { hashCode?: string }).hashCode;
    expect(copy(noHash).aggregate.riskAcceptances[0]!.acceptedFindings).toEqual([]);
  });

  it('effects: engagement_added and engagement_copied (to the lead, the new engagement\'s URL), with stable ids', () => {
    const { effects } = copy();
    expect(effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_added', 'engagement_copied']);
    expect(effects[0]).toMatchObject({ from: null, to: 'In Progress', cause: 'copy', id: 'defectdojo:c1:1:status_changed' });
    expect(effects[2]).toMatchObject({
      id: 'defectdojo:c1:1:engagement_copied',
      engagementId: 'c1',
      version: 1,
      at: '2024-03-05T10:00:00.000Z',
      title: 'Copying of Q1 pentest',
      description: 'The engagement "Q1 pentest" was copied by admin',
      url: '/engagement/c1',
      recipients: ['7'],
    });
  });

  it('the copy shares no object with the original, and the original is not changed', () => {
    const input = aggregateInput();
    const before = JSON.stringify(input);
    const outcome = copy(input);
    expect(JSON.stringify(input)).toBe(before);
    const objects = new Set<object>();
    const walk = (v: unknown, into: Set<object>) => {
      if (v === null || typeof v !== 'object' || into.has(v)) return;
      into.add(v);
      for (const x of Object.values(v)) walk(x, into);
    };
    walk(input, objects);
    const mine = new Set<object>();
    walk(outcome.aggregate, mine);
    for (const o of mine) expect(objects.has(o)).toBe(false);
    expect(Object.isFrozen(outcome.aggregate.tests[0]!.findings[0])).toBe(true);
  });

  it('the copy is an aggregate like any other', () => {
    expect(parseEngagementAggregate(copy().aggregate).ok).toBe(true);
  });

  it('the overdue flag is worked out at the copy\'s time; the time rules\' marks are kept', () => {
    const input = aggregateInput(richEngagement());
    const late = copy(input, { at: '2024-04-01T00:00:00Z' }).aggregate.engagement;
    expect(late.data.clock.overdue).toBe(true);
    expect(late.data.clock.expiredFor).toBe(input.engagement.data.clock.expiredFor);
  });

  it('refuses a misbehaving id generator with invalid_input', () => {
    const same = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'admin', newId: () => 'same' });
    expect(!same.ok && same.error.message).toContain('an id already in use');
    const clash = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'admin', newId: () => '42' });
    expect(!clash.ok && clash.error.code).toBe('invalid_input');
    const throws = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'admin', newId: () => { throw new Error('out of ids'); } });
    expect(!throws.ok && throws.error.message).toContain('out of ids');
    const empty = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'admin', newId: () => '' });
    expect(!empty.ok && empty.error.code).toBe('invalid_input');
  });

  it('refuses missing options and junk with invalid_input', () => {
    expect(copyEngagement(asAggregate(aggregateInput()), { at, newId: counter() } as never).ok).toBe(false);
    expect(copyEngagement(asAggregate(aggregateInput()), { at, actor: 'admin' } as never).ok).toBe(false);
    expect(copyEngagement(null as never, { at, actor: 'admin', newId: counter() }).ok).toBe(false);
    expect(copyEngagement(asAggregate(aggregateInput()), null as never).ok).toBe(false);
  });
});
