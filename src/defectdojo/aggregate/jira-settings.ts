/**
 * The Jira settings in force, from validated inputs: any two Jira project settings, or an engagement's own over
 * its asset's, field by field (the lifecycle's `resolveJiraFields` does the resolution).
 */
import * as z from 'zod';
import { caught, deepFreeze, fromZodError, LifecycleError, eager, lazyObject } from '../../core/index.js';
import {
  jiraProjectSettingsSchema,
  resolveJiraFields,
  type DefectDojoState,
  type JiraProjectSettings,
  type ResolvedJiraSettings,
} from '../lifecycle/index.js';
import { assetSchema, type Asset } from './hierarchy.js';
import { parseEngagement, parseWith } from './inputs.js';
import { cloneData } from './plain-data.js';

const resolveInput = /* @__PURE__ */ lazyObject(() => z.object({ engagement: eager(jiraProjectSettingsSchema).nullable(), asset: eager(jiraProjectSettingsSchema).nullable() }));

/**
 * Resolves Jira settings field by field: the engagement's own project key, issue template, custom fields,
 * labels, default assignee and epic mapping override its asset's; a field the engagement leaves unset (null or
 * missing) is inherited. A set field replaces the asset's as a whole (labels and custom fields are not merged).
 * Epic mapping set nowhere is off. Returns null when neither has a Jira project. Partial settings are accepted.
 * The result is a new frozen value.
 * @throws LifecycleError `invalid_input` when either argument is not Jira project settings (or null).
 */
export function resolveJiraSettings(
  engagement: z.input<typeof jiraProjectSettingsSchema> | null,
  asset: z.input<typeof jiraProjectSettingsSchema> | null,
): ResolvedJiraSettings | null {
  return caught('resolveJiraSettings', () => {
    const parsed = parseWith(resolveInput, { engagement: engagement ?? null, asset: asset ?? null }, 'Jira settings');
    // Parsing made new objects, but values under customFields are the caller's: copy them before freezing.
    const both = cloneData(parsed) as { engagement: JiraProjectSettings | null; asset: JiraProjectSettings | null };
    return deepFreeze(resolveJiraFields(both.engagement, both.asset));
  });
}


/**
 * The Jira settings in force for an engagement (see `resolveJiraSettings`): the engagement's own settings over
 * those of its asset — `asset.jira` when the asset is given (it must be the engagement's), else the asset
 * settings the engagement last received (`set_jira`'s `assetProject`). Null when neither has a Jira project.
 * @throws LifecycleError `invalid_input` on an invalid engagement or asset, or an asset that is not the engagement's.
 */
export function engagementJiraSettings(engagement: DefectDojoState, asset?: Asset): ResolvedJiraSettings | null {
  const e = parseEngagement(engagement);
  let inherited = e.data.jira.assetProject;
  if (asset !== undefined) {
    const a = caught('engagementJiraSettings', () => assetSchema.safeParse(asset));
    if (!a.success) {
      const error = fromZodError('asset', a.error);
      throw new LifecycleError('invalid_input', error.message, { issues: error.issues.map((i) => ({ ...i, path: ['asset', ...i.path] })) });
    }
    if (a.data.id !== e.data.productId) {
      throw new LifecycleError('invalid_input', `Asset "${a.data.id}" is not the asset of engagement "${e.id}" ("${e.data.productId}"): pass the engagement's own asset`, {
        issues: [{ path: ['asset', 'id'], message: `expected "${e.data.productId}"`, code: 'custom' }],
      });
    }
    inherited = a.data.jira;
  }
  return resolveJiraSettings(e.data.jira.project, inherited);
}
