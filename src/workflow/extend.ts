/**
 * `extendWorkflow`: a built-in lifecycle (or another workflow) with statuses, events or transitions added or
 * removed. It checks the extension when it is made and throws `invalid_declaration` naming every culprit.
 */
import type * as z from 'zod';
import {
  LifecycleError,
  eventSchema,
  type BaseEvent,
  type CreationSpec,
  type EffectDraft,
  type Lifecycle,
  type LifecycleDeclaration,
  type TransitionSpec,
  caught,
} from '../core/index.js';
import { checkTransitionNames, entryMap, finish, toTransitionSpec, withEntryEffects, workflowInfo, type LooseTransition } from './assembly.js';
import { NameCheck } from './checks.js';
import { checkShape, extensionSchema, type AnyFn } from './spec-schema.js';
import type { EventShapes, Workflow, WorkflowDeclaration, WorkflowEffectDraft, WorkflowEventInputOf, WorkflowEventOf, WorkflowExtension } from './types.js';

/**
 * A built-in lifecycle (or another workflow) with statuses, events and transitions added or removed. The base's
 * `'*'` transitions keep meaning the base's own live statuses: added statuses get only the transitions the
 * extension gives them (`transitions`, `alsoFrom`). The result records its lineage, so the testing kit keeps
 * checking the base's invariants, except those named in `dropInvariants`.
 * @throws LifecycleError `invalid_declaration`, naming every culprit.
 */
export function extendWorkflow<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I,
  OIn,
  const S2 extends string = never,
  Ev2 extends EventShapes = Record<never, z.ZodRawShape>,
  X2 extends EffectDraft = WorkflowEffectDraft,
>(
  base: Lifecycle<S, D, E, O, X, I, OIn>,
  extension: WorkflowExtension<S, S2, D, E, Ev2, O, X | X2>,
  // NoInfer: assigning the result to a wider type (a list of lifecycles) must not decide what the extension adds.
): Workflow<S | NoInfer<S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X | NoInfer<X2>, I | WorkflowEventInputOf<NoInfer<Ev2>>, OIn> {
  return caught('extendWorkflow', () => {
    checkShape(extensionSchema, extension, 'workflow extension');
    // Cast: the extension works over the base's declaration with its types erased (they come back in the result's type).
    const decl = base.declaration as unknown as LifecycleDeclaration<string, unknown, BaseEvent, unknown, EffectDraft>;
    const baseInfo = workflowInfo(decl);
    const added = extension.statuses ?? [];
    const statuses: string[] = [...decl.statuses, ...added];
    const newEvents = extension.events ?? ({} as Ev2);
    const check = new NameCheck(new Set(statuses), new Set([...Object.keys(decl.events), ...Object.keys(newEvents)]));
    if (extension.id === decl.id || baseInfo?.lineage.includes(extension.id)) {
      check.add({ code: 'duplicate_id', culprit: extension.id, message: `the extension needs an id of its own, not "${extension.id}", so that stored states are never misread` });
    }
    for (const s of added) {
      if (decl.statuses.includes(s as never) || added.indexOf(s) !== added.lastIndexOf(s)) {
        check.add({ code: 'duplicate_status', culprit: s, message: `status "${s}" is declared twice (the base already has it, or it is added twice)` });
      }
    }
    for (const e of Object.keys(newEvents)) {
      if (Object.prototype.hasOwnProperty.call(decl.events, e)) {
        check.add({ code: 'duplicate_event', culprit: e, message: `event "${e}" already exists in "${decl.id}"; extensions add events, they do not redefine them` });
      }
    }
    const terminalList: readonly string[] = extension.terminal ?? decl.terminal;
    for (const s of terminalList) check.status(s, '"terminal"');
    for (const s of Object.keys(extension.effects ?? {})) check.status(s, '"effects"');
    for (const e of Object.keys(extension.hints ?? {})) check.event(e, '"hints"');
    const addedTransitions = (extension.transitions ?? []) as readonly LooseTransition[];
    checkTransitionNames(check, addedTransitions, (i, t) => `added transition #${i} (on "${t.on}")`);

    // The base's transitions, with '*' fixed to the base's live statuses.
    const baseTerminal = new Set<string>(decl.terminal);
    const baseLive = decl.statuses.filter((s) => !baseTerminal.has(s));
    type Editable = { spec: TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft>; from: string[] };
    let baseTransitions: Editable[] = decl.transitions.map((t) => ({ spec: t, from: t.from === '*' ? [...baseLive] : [...t.from] }));

    for (const [i, removal] of (extension.removeTransitions ?? []).entries()) {
      const where = `removeTransitions #${i} (on "${removal.on}")`;
      check.event(removal.on, where);
      const from: readonly string[] | undefined =
        removal.from === undefined ? undefined : typeof removal.from === 'string' ? [removal.from] : [...removal.from];
      for (const s of from ?? []) check.status(s, `${where}: "from"`);
      const matching = baseTransitions.filter((t) => t.spec.on === removal.on && (!from || from.some((s) => t.from.includes(s))));
      if (matching.length === 0) {
        check.add({
          code: 'unmatched_removal',
          culprit: removal.on,
          message: `${where} matches no transition of "${decl.id}"${from ? ` leaving from ${from.join(', ')}` : ''}`,
        });
      }
      baseTransitions = baseTransitions
        .map((t) => (matching.includes(t) ? { ...t, from: from ? t.from.filter((s) => !from.includes(s)) : [] } : t))
        .filter((t) => t.from.length > 0);
    }

    for (const [event, from] of Object.entries((extension.alsoFrom ?? {}) as Record<string, readonly string[]>)) {
      const where = `alsoFrom "${event}"`;
      check.event(event, where);
      for (const s of from) check.status(s, where);
      const matching = baseTransitions.filter((t) => t.spec.on === event);
      if (matching.length === 0 && Object.prototype.hasOwnProperty.call(decl.events, event)) {
        check.add({ code: 'unmatched_removal', culprit: event, message: `${where}: "${decl.id}" has no transition on "${event}" to extend` });
      }
      baseTransitions = baseTransitions.map((t) => (matching.includes(t) ? { ...t, from: [...t.from, ...from.filter((s) => !t.from.includes(s))] } : t));
    }

    // Statuses that became terminal lose the base transitions leaving them; nothing may leave a terminal status.
    const terminal = new Set(terminalList);
    baseTransitions = baseTransitions.map((t) => ({ ...t, from: t.from.filter((s) => !terminal.has(s)) })).filter((t) => t.from.length > 0);
    addedTransitions.forEach((t, i) => {
      if (t.from === '*') return;
      for (const s of typeof t.from === 'string' ? [t.from] : t.from) {
        if (terminal.has(s)) check.add({ code: 'dead_end', culprit: s, message: `added transition #${i} (on "${t.on}") leaves from terminal status "${s}"` });
      }
    });

    const entry = entryMap(extension.effects);
    const wrap = <T extends { effects?: AnyFn | undefined }>(spec: T): T => {
      const effects = withEntryEffects(spec.effects, entry);
      return effects ? { ...spec, effects } : spec;
    };
    const events = {
      ...decl.events,
      ...Object.fromEntries(Object.entries(newEvents).map(([type, shape]) => [type, eventSchema(type, shape)])),
    };
    const hints = { ...(decl.hints ?? {}), ...(extension.hints ?? {}) };
    // Not inherited: the base's consistency rule (what its statuses must agree with) no longer holds once statuses and
    // transitions change, and its migrations upgrade the base's own stored states, not the extension's.
    const { consistency: _baseConsistency, migrations: _baseMigrations, ...inherited } = decl as typeof decl & { consistency?: unknown; migrations?: unknown };
    // Cast: assembled over erased types, as in defineWorkflow; the combined types are checked by `test/workflow/data.test-d.ts`.
    const declaration = {
      ...inherited,
      id: extension.id,
      version: extension.version ?? 1,
      statuses,
      terminal: terminalList,
      events,
      create: decl.create.map((k) => wrap(k as CreationSpec<string, unknown, BaseEvent, unknown, EffectDraft> & { effects?: AnyFn })),
      transitions: [
        ...addedTransitions.map((t) => toTransitionSpec(t, entry)),
        ...baseTransitions.map((t) => wrap({ ...t.spec, from: t.from } as TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft> & { effects?: AnyFn })),
      ],
      hints,
      workflow: {
        lineage: [decl.id, ...(baseInfo?.lineage ?? [])],
        dropInvariants: [...new Set([...(baseInfo?.dropInvariants ?? []), ...(extension.dropInvariants ?? [])])],
      },
    } as unknown as WorkflowDeclaration<S | S2, D, E | WorkflowEventOf<Ev2>, O, X | X2>;
    // A plain `as` that TypeScript checks: the same types, only NoInfer-wrapped for the caller's inference.
    return finish(declaration, check.problems) as Workflow<S | NoInfer<S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X | NoInfer<X2>, I | WorkflowEventInputOf<NoInfer<Ev2>>, OIn>;
  });
}
