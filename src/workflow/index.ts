/**
 * `engagement-lifecycle/workflow`: custom workflows on the same core as the built-in lifecycles. A workflow is an
 * ordinary declaration and `Lifecycle`: both engines, the xstate machine and the testing kit work for it.
 */
export { defineWorkflow } from './define.js';
export { extendWorkflow } from './extend.js';
export { workflowInfo } from './assembly.js';
export type {
  CreationData,
  DefaultWorkflowSettings,
  EntryContext,
  EntryEffects,
  EventShapes,
  Workflow,
  WorkflowDeclaration,
  WorkflowEffectDraft,
  WorkflowEventInputOf,
  WorkflowEventOf,
  WorkflowExtension,
  WorkflowInfo,
  WorkflowSpec,
  WorkflowTransition,
} from './types.js';
export { findWorkflowProblems, statusGraph } from './checks.js';
export type { GraphSource, StatusEdge, StatusGraph, WorkflowProblem, WorkflowProblemCode } from './checks.js';
