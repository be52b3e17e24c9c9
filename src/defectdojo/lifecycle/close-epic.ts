/** DefectDojo's `close_epic` task as an effect: closing an engagement closes the Jira epic it is mapped to. */
import { shouldCloseEpic } from './jira.js';
import type { DefectDojoData } from './model.js';

/** Closing an engagement closes its Jira epic (DefectDojo's `close_epic` task). */
export interface JiraCloseEpicDraft {
  readonly type: 'jira_close_epic';
  readonly category: 'jira';
  readonly epicKey: string;
  readonly projectKey: string | null;
}

/** The `jira_close_epic` effect closing `data` calls for: one when epic mapping is on and an epic is linked, else none. */
export function closeEpic(data: DefectDojoData): JiraCloseEpicDraft[] {
  if (!shouldCloseEpic(data.jira) || data.jira.epic === null) return [];
  const projectKey = data.jira.project?.projectKey ?? data.jira.assetProject?.projectKey ?? null;
  return [{ type: 'jira_close_epic', category: 'jira', epicKey: data.jira.epic.key, projectKey }];
}
