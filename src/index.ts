/**
 * `engagement-lifecycle`: the lifecycle core shared by every lifecycle. The built-in lifecycles live in their own
 * entry points (`engagement-lifecycle/plextrac`, ...), so that importing one does not load the others.
 *
 * This is the package's explicit list of public names: a name the core exports to its sibling folders
 * (`src/core/index.ts`) is public only once it is listed here.
 */
export {
  DEFAULT_TIME_ZONE,
  addCalendarDays,
  calendarDate,
  calendarDateAt,
  calendarDateSchema,
  calendarDaysBetween,
  canonicalTimeZone,
  dayStartMs,
  hasDayBegun,
  instant,
  instantMs,
  instantSchema,
  msToInstant,
  timeZoneSchema,
} from './core/index.js';
// Beside DefectDojo's rules that use it, so that core's chunk does not load `TZDate` (see the module).
export { utcCalendarDay } from './defectdojo/lifecycle/utc-day.js';
export type { CalendarDate, Instant, InstantInput, TimeZone } from './core/index.js';
export { ERROR_CODES, LifecycleError, fromZodError, isLifecycleError, unwrap } from './core/index.js';
export type { AnyLifecycleError, ErrorCode, ErrorDetails, ErrorDetailsByCode, InputIssue, LifecycleErrorOptions, Result } from './core/index.js';
export { effectId } from './core/index.js';
export type { Effect, EffectDraft, EffectEnvelope, StatusChangedDraft, StatusChangedEffect } from './core/index.js';
export { isEffectOf, isEffectType } from './core/index.js';
export type { EffectOfType, LifecycleEffect } from './core/index.js';
export { baseEventShape, creationEventSchema, declareLifecycle, eventSchema } from './core/index.js';
export type {
  BaseEvent,
  CreateContext,
  CreationSpec,
  DynamicTarget,
  EngagementFacets,
  EngagementState,
  LifecycleDeclaration,
  NextDueHook,
  NextState,
  RegionSpec,
  StepContext,
  Target,
  TransitionSpec,
} from './core/index.js';
export type { ApplyResult, CreateResult, EngineOptions, IdGenerator } from './core/index.js';
export { defineLifecycle } from './core/index.js';
export type { BoundLifecycle, EffectOf, EventInputOf, Lifecycle, NextDueResult } from './core/index.js';
export { NEW_STATE, toMermaid } from './core/index.js';
export type { MermaidOptions } from './core/index.js';
export type { MigratedState, Migrations, StoredState } from './core/index.js';
export type { DeletePlan, PlanItem } from './core/index.js';
export { retentionFactsSchema, retentionSettingsSchema } from './core/index.js';
export type { ArchiveEngagementDraft, DeleteEngagementDraft, RetentionEffectDraft, RetentionFacts, RetentionSettings, RetentionSettingsInput } from './core/index.js';
