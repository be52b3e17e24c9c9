/** The Jira settings in force for an engagement: its own, over its asset's, field by field. */
import { fromZodError, LifecycleError } from '../core/errors.js';
import { assetSchema, type Asset } from './hierarchy.js';
import { parseEngagement } from './inputs.js';
import { resolveJiraSettings, type ResolvedJiraSettings } from './jira.js';
import type { DefectDojoState } from './lifecycle.js';

/**
 * The Jira settings in force for an engagement (see `resolveJiraSettings`): the engagement's own settings over
 * those of its asset — `asset.jira` when the asset is given (it must be the engagement's), else the asset
 * settings the engagement last received (`set_jira`'s `assetProject`). Null when neither has a Jira project.
 * @throws LifecycleError `invalid_input` on an invalid engagement or asset, or an asset that is not the engagement's.
 */
export function engagementJiraSettings(engagement: DefectDojoState, asset?: Asset): ResolvedJiraSettings | null {
  const e = parseEngagement(engagement);
  if (e instanceof LifecycleError) throw e;
  let inherited = e.data.jira.assetProject;
  if (asset !== undefined) {
    const a = assetSchema.safeParse(asset);
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
