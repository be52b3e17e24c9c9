import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { engagementJiraSettings, resolveJiraSettings, shouldCloseEpic, type JiraProjectSettings } from '../../src/defectdojo/index.js';
import { ERROR_CODES, isLifecycleError } from '../../src/index.js';
import { richEngagement } from './aggregate-fixtures.js';
import { create } from './helpers.js';

const FIELDS = ['projectKey', 'issueTemplate', 'customFields', 'labels', 'defaultAssignee', 'epicMapping'] as const;

const full = (patch: Partial<JiraProjectSettings> = {}): JiraProjectSettings => ({
  projectKey: null,
  issueTemplate: null,
  customFields: null,
  labels: null,
  defaultAssignee: null,
  epicMapping: null,
  ...patch,
});

describe('resolveJiraSettings: the engagement overrides its asset field by field', () => {
  const asset = full({
    projectKey: 'APP',
    issueTemplate: 'asset-template',
    customFields: { priority: 'High' },
    labels: ['asset'],
    defaultAssignee: 'alice',
    epicMapping: true,
  });

  it('each field the engagement sets wins; each it leaves unset is inherited', () => {
    const r = resolveJiraSettings({ projectKey: 'SEC', labels: ['pentest'] }, asset)!;
    expect(r).toEqual({
      projectKey: 'SEC',
      issueTemplate: 'asset-template',
      customFields: { priority: 'High' },
      labels: ['pentest'],
      defaultAssignee: 'alice',
      epicMapping: true,
      source: { projectKey: 'engagement', issueTemplate: 'asset', customFields: 'asset', labels: 'engagement', defaultAssignee: 'asset', epicMapping: 'asset' },
    });
  });

  it.each(FIELDS)('%s alone can be overridden', (field) => {
    const own = { projectKey: 'SEC', issueTemplate: 'mine', customFields: { team: 'red' }, labels: ['x'], defaultAssignee: 'bob', epicMapping: false }[field];
    const r = resolveJiraSettings({ [field]: own }, asset)!;
    expect(r[field]).toEqual(own);
    expect(r.source[field]).toBe('engagement');
    for (const other of FIELDS.filter((f) => f !== field)) {
      expect(r[other]).toEqual(asset[other]);
      expect(r.source[other]).toBe('asset');
    }
  });

  it('an engagement can turn epic mapping off that its asset turned on', () => {
    expect(resolveJiraSettings({ epicMapping: false }, asset)!.epicMapping).toBe(false);
  });

  it('labels and custom fields replace the asset\'s as a whole, they are not merged', () => {
    const r = resolveJiraSettings({ labels: [], customFields: {} }, asset)!;
    expect(r.labels).toEqual([]);
    expect(r.customFields).toEqual({});
  });

  it('only one side: the other side\'s fields; neither: null; epic mapping set nowhere is off', () => {
    expect(resolveJiraSettings(null, null)).toBeNull();
    expect(resolveJiraSettings(null, asset)).toMatchObject({ projectKey: 'APP', source: { projectKey: 'asset' } });
    const own = resolveJiraSettings({ projectKey: 'SEC' }, null)!;
    expect(own).toMatchObject({ projectKey: 'SEC', issueTemplate: null, epicMapping: false, source: { issueTemplate: 'none', epicMapping: 'none' } });
  });

  it('returns a new frozen value and leaves its inputs alone', () => {
    const fields = { nested: { a: 1 } };
    const own = { customFields: fields };
    const r = resolveJiraSettings(own, null)!;
    expect(Object.isFrozen(r.customFields)).toBe(true);
    expect(r.customFields).not.toBe(fields);
    expect(Object.isFrozen(fields.nested)).toBe(false);
  });

  it('junk throws invalid_input naming the side and the field', () => {
    try {
      resolveJiraSettings({ projectKey: 5 } as never, null);
      expect.unreachable();
    } catch (error) {
      expect(isLifecycleError(error) && error.code).toBe('invalid_input');
      expect(isLifecycleError(error) && error.issues[0]!.path).toEqual(['engagement', 'projectKey']);
    }
    expect(() => resolveJiraSettings(null, { projectKay: 'APP' } as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });

  test.prop([fc.anything(), fc.anything()])('junk never escapes as another exception type', (a, b) => {
    try {
      resolveJiraSettings(a as never, b as never);
    } catch (error) {
      expect(isLifecycleError(error)).toBe(true);
      expect(ERROR_CODES).toContain((error as { code: string }).code);
    }
  });

  const settingsArb = fc.option(
    fc.record(
      {
        projectKey: fc.option(fc.constantFrom('SEC', 'APP'), { nil: null }),
        issueTemplate: fc.option(fc.constantFrom('a', 'b'), { nil: null }),
        labels: fc.option(fc.array(fc.constantFrom('x', 'y')), { nil: null }),
        defaultAssignee: fc.option(fc.constantFrom('alice', 'bob'), { nil: null }),
        epicMapping: fc.option(fc.boolean(), { nil: null }),
      },
      { requiredKeys: [] },
    ),
    { nil: null },
  );

  test.prop([settingsArb, settingsArb])('every field is the engagement\'s when set, else the asset\'s', (own, inherited) => {
    const r = resolveJiraSettings(own, inherited);
    if (own === null && inherited === null) {
      expect(r).toBeNull();
      return;
    }
    for (const f of ['projectKey', 'issueTemplate', 'labels', 'defaultAssignee'] as const) {
      const mine = own?.[f] ?? null;
      expect(r![f]).toEqual(mine ?? inherited?.[f] ?? null);
    }
    expect(r!.epicMapping).toBe((own?.epicMapping ?? inherited?.epicMapping ?? false) === true);
  });
});

describe('engagementJiraSettings and close-epic', () => {
  it('the engagement\'s own over the asset settings it was told, or over the asset given', () => {
    const e = richEngagement();
    expect(engagementJiraSettings(e)).toMatchObject({ projectKey: 'SEC', issueTemplate: 'tmpl', defaultAssignee: 'alice', labels: ['pentest'], epicMapping: true });
    const asset = { id: '139', name: 'Payments API', organizationId: '1', jira: { projectKey: 'NEW', issueTemplate: 'fresh' } };
    expect(engagementJiraSettings(e, asset as never)).toMatchObject({ projectKey: 'SEC', issueTemplate: 'fresh', defaultAssignee: null });
    expect(engagementJiraSettings(create())).toBeNull();
  });
  it('refuses another engagement\'s asset, and junk', () => {
    expect(() => engagementJiraSettings(richEngagement(), { id: 1, name: 'x', organizationId: 1 } as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => engagementJiraSettings({} as never)).toThrowError(expect.objectContaining({ code: 'lifecycle_mismatch' }));
  });
  it('shouldCloseEpic agrees with the resolution', () => {
    expect(shouldCloseEpic(richEngagement().data.jira)).toBe(true);
    expect(shouldCloseEpic({ project: { ...full(), epicMapping: false }, assetProject: full({ epicMapping: true }), epic: { key: 'A-1', id: null } })).toBe(false);
  });
});
