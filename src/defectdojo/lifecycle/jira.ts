/**
 * Jira settings of an engagement and of its asset (DefectDojo "product"), and the epic an engagement is mapped
 * to. An engagement inherits its asset's Jira settings and may override them field by field.
 */
import * as z from 'zod';
import { parseArguments, readonlyArray, eager, lazyObject } from '../../core/index.js';

/** A Jira project configuration. `null` (or a missing field) means "not set here: inherit". */
export interface JiraProjectSettings {
  readonly projectKey: string | null;
  readonly issueTemplate: string | null;
  readonly customFields: Readonly<Record<string, unknown>> | null;
  readonly labels: readonly string[] | null;
  readonly defaultAssignee: string | null;
  /** DefectDojo's `enable_engagement_epic_mapping`: engagements are pushed to Jira as epics. */
  readonly epicMapping: boolean | null;
}

/** The Jira issue an engagement is linked to as its epic. */
export interface JiraEpic {
  readonly key: string;
  readonly id: string | null;
}

/** Validates Jira project settings; each unset field is null (inherit). */
export const jiraProjectSettingsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  projectKey: z.string().min(1).nullable().default(null),
  issueTemplate: z.string().min(1).nullable().default(null),
  customFields: z.record(z.string(), z.unknown()).nullable().default(null),
  labels: readonlyArray(z.string()).nullable().default(null),
  defaultAssignee: z.string().min(1).nullable().default(null),
  epicMapping: z.boolean().nullable().default(null),
}));

/** Validates the Jira epic an engagement is linked to. */
export const jiraEpicSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ key: z.string().min(1), id: z.string().min(1).nullable().default(null) }));

/** The Jira side of a DefectDojo engagement: its own settings, its asset's, and its epic. */
export interface EngagementJira {
  /** The engagement's own settings (DefectDojo's `JIRA_Project` with `engagement` set), or null. */
  readonly project: JiraProjectSettings | null;
  /** The asset's settings, as the host last told the engagement, or null. */
  readonly assetProject: JiraProjectSettings | null;
  readonly epic: JiraEpic | null;
}

/** Validates the Jira side of an engagement: its settings, its asset's, and its epic. */
export const engagementJiraSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  project: eager(jiraProjectSettingsSchema).nullable().default(null),
  assetProject: eager(jiraProjectSettingsSchema).nullable().default(null),
  epic: eager(jiraEpicSchema).nullable().default(null),
}));

/** An engagement without any Jira settings or epic. */
export const NO_JIRA: EngagementJira = Object.freeze({ project: null, assetProject: null, epic: null });

/** The settings in force: each field from the engagement when it sets it, else from the asset. */
export interface ResolvedJiraSettings {
  readonly projectKey: string | null;
  readonly issueTemplate: string | null;
  readonly customFields: Readonly<Record<string, unknown>> | null;
  readonly labels: readonly string[] | null;
  readonly defaultAssignee: string | null;
  readonly epicMapping: boolean;
  /** Where each field came from. */
  readonly source: { readonly [K in keyof JiraProjectSettings]: 'engagement' | 'asset' | 'none' };
}

const FIELDS = ['projectKey', 'issueTemplate', 'customFields', 'labels', 'defaultAssignee', 'epicMapping'] as const;

/** The field-by-field resolution, without validation: for inputs the lifecycle has already validated. */
export function resolveJiraFields(
  engagement: JiraProjectSettings | null,
  asset: JiraProjectSettings | null,
): ResolvedJiraSettings | null {
  if (!engagement && !asset) return null;
  const out: Record<string, unknown> = {};
  const source: Record<string, 'engagement' | 'asset' | 'none'> = {};
  for (const field of FIELDS) {
    const own = engagement?.[field] ?? null;
    const inherited = asset?.[field] ?? null;
    out[field] = own ?? inherited;
    source[field] = own !== null ? 'engagement' : inherited !== null ? 'asset' : 'none';
  }
  return { ...(out as Omit<ResolvedJiraSettings, 'epicMapping' | 'source'>), epicMapping: out['epicMapping'] === true, source } as ResolvedJiraSettings;
}

/**
 * Whether closing should close the Jira epic, as DefectDojo's `close_epic`: the engagement has a Jira project
 * (its own or its asset's) whose settings enable epic mapping, and an epic is linked.
 */
export function shouldCloseEpic(input: EngagementJira): boolean {
  // Public: the argument is checked (the engine passes its parsed data, a caller may pass anything).
  const { jira } = parseArguments('shouldCloseEpic', { jira: engagementJiraSchema }, [input]);
  const resolved = resolveJiraFields(jira.project, jira.assetProject);
  return resolved !== null && resolved.epicMapping && jira.epic !== null;
}
