/**
 * The Jira settings in force (`src/defectdojo/aggregate/jira-settings.ts`), their refusals word for word: an
 * asset that does not validate is refused with its issues under `asset`, another engagement's asset is refused
 * saying whose it is, and a caller's value that throws is named by the function that read it.
 */
import { describe, expect, it } from 'vitest';
import { engagementJiraSettings, resolveJiraSettings } from '../../src/defectdojo/index.js';
import { thrownError as refusal } from '../fuzz/refusals.js';
import { richEngagement } from './aggregate-fixtures.js';

const unreadable = () => Object.defineProperty({}, 'projectKey', { enumerable: true, get: () => { throw new Error('no'); } });

describe('resolveJiraSettings refuses', () => {
  it('settings that are not Jira project settings, naming them', () => {
    const error = refusal(() => resolveJiraSettings({ projectKey: 7 } as never, null));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Jira settings');
  });

  it('settings that throw when read: named as the Jira settings while parsing, as itself while copying', () => {
    expect(refusal(() => resolveJiraSettings(unreadable() as never, null)).message).toBe('Invalid input to Jira settings: reading it threw (Error: no)');
    // Custom fields are kept as given (z.unknown), then copied before freezing: a getter there throws in the copy.
    const customFields = { severity: unreadable() };
    expect(refusal(() => resolveJiraSettings({ projectKey: 'SEC', customFields }, null)).message).toBe('Invalid input to resolveJiraSettings: reading it threw (Error: no)');
  });

  it('custom fields that contain themselves, as not plain JSON', () => {
    const customFields: Record<string, unknown> = { a: 1 };
    customFields['self'] = customFields;
    const error = refusal(() => resolveJiraSettings({ projectKey: 'SEC', customFields }, null));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('a value contains itself (a cycle)');
  });
});

describe('engagementJiraSettings refuses', () => {
  const engagement = richEngagement();
  const productId = engagement.data.productId;

  it('an asset that does not validate: its issues, under asset', () => {
    const error = refusal(() => engagementJiraSettings(engagement, { id: productId, name: '' } as never));
    expect(error.code).toBe('invalid_input');
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(issue.path[0]).toBe('asset');
    expect(error.issues.map((i) => i.path.join('.'))).toContain('asset.name');
    expect(error.message).toMatch(/^Invalid asset:\n/);
  });

  it('another engagement\'s asset, saying whose it is', () => {
    const error = refusal(() => engagementJiraSettings(engagement, { id: '999', name: 'Other', organizationId: '1' } as never));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`Asset "999" is not the asset of engagement "${engagement.id}" ("${productId}"): pass the engagement's own asset`);
    expect(error.issues).toEqual([{ path: ['asset', 'id'], message: `expected "${productId}"`, code: 'custom' }]);
  });

  it('an asset that throws when read, naming itself', () => {
    const asset = Object.defineProperty({ id: productId, organizationId: '1' }, 'name', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(refusal(() => engagementJiraSettings(engagement, asset as never)).message).toBe('Invalid input to engagementJiraSettings: reading it threw (Error: no)');
  });
});
