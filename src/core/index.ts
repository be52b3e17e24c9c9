/**
 * The lifecycle core's internal face: every name a sibling folder (lifecycles, store, workflow, testing) may use.
 * Folders outside `src/core/` import the core only from here (checked by `npm run lint:deps`). The package's
 * public names are the explicit list in `src/index.ts`, a subset of these.
 */
export {
  DEFAULT_TIME_ZONE,
  addCalendarDays,
  builtCalendarDateSchema,
  builtInstantSchema,
  builtTimeZoneSchema,
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
  realDateArgument,
  timeZoneSchema,
  wallClockMs,
} from './dates.js';
export type { CalendarDate, Instant, InstantInput, TimeZone } from './dates.js';
export { ERROR_CODES, LifecycleError, asLifecycleError, caught, caughtResult, describeValue, failure, fromZodError, isLifecycleError, unwrap, zodIssues } from './errors.js';
export type { AnyLifecycleError, ErrorDetails, ErrorDetailsByCode } from './errors.js';
export type { ErrorCode, InputIssue, LifecycleErrorOptions, Result } from './errors.js';
export { argumentError, integerArgument, isLifecycleShaped, parseArguments, stringArgument } from './arguments.js';
export { effectId, stampEffects } from './effects.js';
export type { Effect, EffectDraft, EffectEnvelope, StatusChangedDraft, StatusChangedEffect } from './effects.js';
export { isEffectOf, isEffectType } from './effect-guards.js';
export type { EffectOfType, LifecycleEffect } from './effect-guards.js';
export { baseEventShape, builtInDeclaration, checkDeclarationShape, creationEventSchema, declareLifecycle, eventSchema, readonlyArray, statusChangeSchema } from './declaration.js';
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
} from './declaration.js';
export { generateId } from './inputs.js';
export type { ApplyResult, CreateResult, EngineOptions, IdGenerator } from './inputs.js';
export { builtInLifecycle, defineLifecycle } from './lifecycle.js';
export type { BoundLifecycle, EffectOf, EventInputOf, Lifecycle, NextDueResult } from './lifecycle.js';
export { NEW_STATE } from './machine.js';
export { toMermaid } from './mermaid.js';
export type { MermaidOptions } from './mermaid.js';
export { machineEngine, machineOf, restore, snapshotOf, stateOf } from './machine-api.js';
export type { MachineEngine, MachineLifecycle, Restored } from './machine-api.js';
export type {
  EffectOfLifecycle,
  EventInputOfLifecycle,
  MachineAction,
  MachineContext,
  MachineGuard,
  MachineOfLifecycle,
  MachineStateValue,
  RegionsOfLifecycle,
  SnapshotOfLifecycle,
  StateOfLifecycle,
  TypedMachine,
  TypedSnapshot,
} from './machine-types.js';
export { machineFor } from './machine.js';
export type { LifecycleMachine } from './machine.js';
export type { MigratedState, Migrations, StoredState } from './migrations.js';
export { deepEqual, deepFreeze } from './immutable.js';
export { brand, type Brand } from './brand.js';
export { eager, lazyObject, once } from './lazy.js';
export { fnv1a32 } from './hash.js';
export type { DeletePlan, PlanItem } from './plans.js';
export { engagementDeletePlan, noteFinish, retentionDueMs, retentionEffects, retentionFactsSchema, retentionSettingsSchema, runRetention } from './retention.js';
export type { ArchiveEngagementDraft, DeleteEngagementDraft, RetentionChange, RetentionEffectDraft, RetentionFacts, RetentionSettings, RetentionSettingsInput } from './retention.js';
