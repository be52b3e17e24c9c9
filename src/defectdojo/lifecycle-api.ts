/**
 * The DefectDojo lifecycle without the engagement aggregate: what other folders (the testing kit) import, so that
 * loading them does not load the aggregate's schemas, copy, delete and record code. The public entry point is
 * `index.ts`, which exports all of it.
 */
export { DEFECTDOJO_STATUSES, isClosedStatus } from './statuses.js';
export type { DefectDojoStatus } from './statuses.js';
export { defectdojo } from './lifecycle.js';
export type { DefectDojoEventInput, DefectDojoState } from './lifecycle.js';
export type { DefectDojoSettings, DefectDojoSettingsInput } from './settings.js';
export type { DefectDojoData } from './model.js';
export { isOverdue } from './queries.js';
