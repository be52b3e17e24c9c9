/**
 * A declaration, checked and compiled once into the lookup tables both engines read: candidate transitions by
 * status and event, creations by event, the statuses that allow each event. What to do with them is `decide.ts`
 * and `step.ts`.
 */
import * as z from 'zod';
import { instantSchema } from './dates.js';
import { eager } from './lazy.js';
import {
  checkDeclarationShape,
  declarationError,
  type BaseEvent,
  type CreationSpec,
  type DynamicTarget,
  type EngagementState,
  type LifecycleDeclaration,
  type TransitionSpec,
} from './declaration.js';
import type { EffectDraft } from './effects.js';
import { LifecycleError } from './errors.js';
import { deepFreeze } from './immutable.js';
import { migrationProblems } from './migrations.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyDeclaration = LifecycleDeclaration<any, any, any, any, any>;
type AnyTransition = TransitionSpec<string, any, BaseEvent, any, EffectDraft>;
type AnyCreation = CreationSpec<string, any, BaseEvent, any, EffectDraft>;

/** A declared transition with its targets resolved and its place in the declaration. */
export interface CompiledTransition {
  readonly index: number;
  readonly spec: AnyTransition;
  /** Every status the transition may lead to, in declaration order; `[]` when it keeps the status. */
  readonly targets: readonly string[];
  readonly dynamic: DynamicTarget<string, any, any> | null;
}

/** A declared creation with its targets resolved and its place in the declaration. */
export interface CompiledCreation {
  readonly index: number;
  readonly spec: AnyCreation;
  readonly targets: readonly string[];
  readonly dynamic: DynamicTarget<string, any, any> | null;
}

/** A checked declaration and the lookup tables both engines read. */
export interface Compiled {
  readonly declaration: AnyDeclaration;
  readonly statuses: ReadonlySet<string>;
  readonly terminal: ReadonlySet<string>;
  /** status → event type → candidate transitions, in declaration order. */
  readonly table: ReadonlyMap<string, ReadonlyMap<string, readonly CompiledTransition[]>>;
  readonly transitions: readonly CompiledTransition[];
  readonly creations: readonly CompiledCreation[];
  readonly creationsByEvent: ReadonlyMap<string, readonly CompiledCreation[]>;
  /** event type → statuses in which some transition handles it. */
  readonly allowedIn: ReadonlyMap<string, readonly string[]>;
  readonly eventSchemas: ReadonlyMap<string, z.ZodType<BaseEvent, unknown>>;
  readonly stateSchema: z.ZodType<EngagementState, unknown>;
  readonly defaultSettings: unknown;
}

const RESERVED = new Set(['(new)']);


function targetsOf(to: unknown, id: string, where: string, statuses: ReadonlySet<string>): { targets: string[]; dynamic: DynamicTarget<string, any, any> | null } {
  if (to === undefined) return { targets: [], dynamic: null };
  if (typeof to === 'string') {
    if (!statuses.has(to)) throw declarationError(id, `${where} goes to unknown status "${to}"`);
    return { targets: [to], dynamic: null };
  }
  const dynamic = to as DynamicTarget<string, any, any>;
  if (!Array.isArray(dynamic.oneOf) || dynamic.oneOf.length === 0 || typeof dynamic.select !== 'function') {
    throw declarationError(id, `${where} has a target that is neither a status nor { oneOf, select }`);
  }
  for (const status of dynamic.oneOf) {
    if (!statuses.has(status)) throw declarationError(id, `${where} may go to unknown status "${status}"`);
  }
  return { targets: [...new Set(dynamic.oneOf)], dynamic };
}

/** Checks the declaration's shape and builds the lookup tables. Throws `invalid_declaration`. */
export function compileDeclaration(declaration: AnyDeclaration): Compiled {
  // The shape check refuses an id that is not a non-empty string, a version that is not a positive integer and a
  // status that is not a string.
  checkDeclarationShape(declaration);
  const id: string = declaration.id;
  const migrationProblem = migrationProblems(declaration.version, (declaration as { migrations?: unknown }).migrations)[0];
  if (migrationProblem) throw declarationError(id, migrationProblem);
  const statuses = new Set<string>();
  for (const status of declaration.statuses) {
    if (status.trim() === '' || status.includes('.') || status.startsWith('#') || RESERVED.has(status)) {
      throw declarationError(id, `"${status}" cannot be a status name (empty, reserved, or contains "." or a leading "#")`);
    }
    if (statuses.has(status)) throw declarationError(id, `status "${status}" is declared twice`);
    statuses.add(status);
  }
  if (statuses.size === 0) throw declarationError(id, 'it declares no status');
  const terminal = new Set<string>();
  for (const status of declaration.terminal) {
    if (!statuses.has(status)) throw declarationError(id, `terminal status "${status}" is not a declared status`);
    terminal.add(status);
  }
  const eventSchemas = new Map<string, z.ZodType<BaseEvent, unknown>>();
  for (const [type, schema] of Object.entries(declaration.events as Record<string, z.ZodType<BaseEvent, unknown>>)) {
    if (type.startsWith('xstate.')) throw declarationError(id, `event type "${type}" is reserved by xstate`);
    eventSchemas.set(type, schema);
  }
  const knownEvent = (type: string, where: string): void => {
    if (!eventSchemas.has(type)) throw declarationError(id, `${where} uses event "${type}", which has no schema in "events"`);
  };

  const creations: CompiledCreation[] = declaration.create.map((spec: AnyCreation, index: number) => {
    const where = `creation #${index} (on "${spec.on}")`;
    knownEvent(spec.on, where);
    if (spec.to === undefined) throw declarationError(id, `${where} has no target status`);
    return { index, spec, ...targetsOf(spec.to, id, where, statuses) };
  });
  if (creations.length === 0) throw declarationError(id, 'it declares no way to create an engagement ("create" is empty)');
  const creationsByEvent = new Map<string, CompiledCreation[]>();
  for (const creation of creations) {
    const list = creationsByEvent.get(creation.spec.on) ?? [];
    list.push(creation);
    creationsByEvent.set(creation.spec.on, list);
  }

  const table = new Map<string, Map<string, CompiledTransition[]>>();
  for (const status of statuses) table.set(status, new Map());
  const allowedIn = new Map<string, string[]>();
  const transitions: CompiledTransition[] = declaration.transitions.map((spec: AnyTransition, index: number) => {
    const where = `transition #${index} (on "${spec.on}")`;
    knownEvent(spec.on, where);
    if (creationsByEvent.has(spec.on)) throw declarationError(id, `${where} uses "${spec.on}", which is a creation event`);
    const compiled: CompiledTransition = { index, spec, ...targetsOf(spec.to, id, where, statuses) };
    const from = spec.from === '*' ? [...statuses].filter((status) => !terminal.has(status)) : spec.from;
    for (const status of from) {
      if (!statuses.has(status)) throw declarationError(id, `${where} leaves from unknown status "${status}"`);
      if (terminal.has(status)) throw declarationError(id, `${where} leaves from terminal status "${status}"`);
      const byEvent = table.get(status)!;
      const list = byEvent.get(spec.on) ?? [];
      list.push(compiled);
      byEvent.set(spec.on, list);
      const allowed = allowedIn.get(spec.on) ?? [];
      if (!allowed.includes(status)) allowed.push(status);
      allowedIn.set(spec.on, allowed);
    }
    return compiled;
  });

  const defaults = declaration.settings.safeParse({});
  if (!defaults.success) throw declarationError(id, 'its settings schema does not accept {} (every setting needs a default)');

  // Built on first use: most states the engines see are their own (trusted), and importing a lifecycle stays cheap.
  let stateSchema: z.ZodType<EngagementState, unknown> | undefined;
  const buildStateSchema = (): z.ZodType<EngagementState, unknown> => z.object({
    lifecycle: z.literal(id),
    lifecycleVersion: z.literal(declaration.version),
    id: z.string().min(1),
    status: z.enum([...statuses] as [string, ...string[]]),
    version: z.number().int().min(1),
    createdAt: eager(instantSchema),
    updatedAt: eager(instantSchema),
    data: declaration.data,
  });

  return {
    declaration,
    statuses,
    terminal,
    table,
    transitions,
    creations,
    creationsByEvent,
    allowedIn,
    eventSchemas,
    get stateSchema() {
      return (stateSchema ??= buildStateSchema());
    },
    defaultSettings: deepFreeze(defaults.data),
  };
}

const compiledCache = new WeakMap<object, Compiled>();

/** The compiled form of a declaration, built once per declaration object. */
export function compiled(declaration: AnyDeclaration): Compiled {
  let compiledDeclaration = compiledCache.get(declaration);
  if (!compiledDeclaration) {
    compiledDeclaration = compileDeclaration(declaration);
    compiledCache.set(declaration, compiledDeclaration);
  }
  return compiledDeclaration;
}

