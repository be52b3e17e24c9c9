/**
 * Mermaid state diagrams of lifecycles, drawn from their xstate machine: a walk over the machine's state nodes
 * and transitions (no maintained xstate → Mermaid package exists). Works for any declaration, built-in or custom.
 */
import type { AnyStateMachine, StateNode } from 'xstate';
import type { LifecycleDeclaration } from './declaration.js';
import { compiled, type AnyDeclaration } from './compile.js';
import { defaultOptions } from './inputs.js';
import { LifecycleError, caught, describeValue } from './errors.js';
import { machineFor, NEW_STATE } from './machine.js';

/** How `toMermaid` draws a diagram. */
export interface MermaidOptions {
  /** Draw transitions that keep the status (clock events, edits) as loops. Default false: they clutter. */
  readonly selfLoops?: boolean;
  /** Mermaid diagram direction. Default `LR`. */
  readonly direction?: 'LR' | 'TB';
  /** Event types to leave out, e.g. DefectDojo's `set_status`, which links every status to every other. */
  readonly omitEvents?: readonly string[];
}

type AnyNode = StateNode<any, any>;

function ids(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let id = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 's';
    if (/^[0-9]/.test(id)) id = `s_${id}`;
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id}_${n}`;
    used.add(unique);
    out.set(name, unique);
  }
  return out;
}

/** The lines of one region (a compound state node): its states, initial arrow, transitions and final states. */
function regionLines(region: AnyNode, selfLoops: boolean, omit: ReadonlySet<string>, indent: string): string[] {
  const children = Object.values(region.states) as AnyNode[];
  const names = children.map((child) => child.key).filter((key) => key !== NEW_STATE);
  const id = ids(names);
  const lines: string[] = [];
  for (const name of names) if (id.get(name) !== name) lines.push(`${indent}state "${name}" as ${id.get(name)}`);
  const edges = new Map<string, string[]>();
  const edge = (from: string, to: string, label: string) => {
    const key = `${from} --> ${to}`;
    const labels = edges.get(key) ?? [];
    if (!labels.includes(label)) labels.push(label);
    edges.set(key, labels);
  };
  const initial = region.initial?.target?.[0] as AnyNode | undefined;
  for (const child of children) {
    for (const [eventType, transitions] of child.transitions) {
      // No `xstate.` event reaches here: compile.ts refuses such event types, and the machine has no delays or done events.
      if (omit.has(eventType)) continue;
      for (const transition of transitions) {
        const label = transition.description ?? eventType;
        const targets = (transition.target ?? []) as readonly AnyNode[];
        if (child.key === NEW_STATE) {
          for (const target of targets) edge('[*]', id.get(target.key)!, label);
        } else if (targets.length === 0) {
          if (selfLoops) edge(id.get(child.key)!, id.get(child.key)!, label);
        } else {
          for (const target of targets) {
            if (target.key === child.key && !selfLoops) continue;
            edge(id.get(child.key)!, id.get(target.key)!, label);
          }
        }
      }
    }
    // Eventless transitions (regions following the data) have no event label; each moves to another value.
    for (const always of child.always ?? []) {
      for (const target of always.target as readonly AnyNode[]) edge(id.get(child.key)!, id.get(target.key)!, 'data');
    }
  }
  if (initial && initial.key !== NEW_STATE) lines.push(`${indent}[*] --> ${id.get(initial.key)}`);
  for (const [key, labels] of edges) lines.push(`${indent}${key} : ${labels.join(', ')}`);
  for (const child of children) if (child.type === 'final') lines.push(`${indent}${id.get(child.key)} --> [*]`);
  return lines;
}

function machineDiagram(machine: AnyStateMachine, title: string, options: MermaidOptions): string {
  const selfLoops = options.selfLoops ?? false;
  const omit = new Set(options.omitEvents);
  const root = machine.root as AnyNode;
  const lines = ['stateDiagram-v2', `  direction ${options.direction ?? 'LR'}`];
  if (root.type !== 'parallel') {
    lines.push(...regionLines(root, selfLoops, omit, '  '));
  } else {
    // A parallel machine: one concurrent region per child, inside a composite state named after the lifecycle.
    const regions = Object.values(root.states) as AnyNode[];
    lines.push(`  state "${title}" as lifecycle {`);
    regions.forEach((region, i) => {
      if (i > 0) lines.push('    --');
      lines.push(`    state "${region.key}" as region_${region.key.replace(/[^A-Za-z0-9]+/g, '_')} {`);
      lines.push(...regionLines(region, selfLoops, omit, '      '));
      lines.push('    }');
    });
    lines.push('  }');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A Mermaid `stateDiagram-v2` of a lifecycle: every status, the creation events from `[*]`, each transition labelled
 * with its event (or its declaration label), terminal statuses to `[*]`, and parallel regions as concurrent states.
 * @throws LifecycleError `invalid_declaration` for an inconsistent declaration.
 */
export function toMermaid(lifecycle: { readonly declaration: LifecycleDeclaration<any, any, any, any, any> } | AnyDeclaration, options: MermaidOptions = {}): string {
  return caught('toMermaid', () => {
    if (lifecycle === null || typeof lifecycle !== 'object') {
      throw new LifecycleError('invalid_input', `toMermaid expects a lifecycle or a declaration, got ${describeValue(lifecycle)}`);
    }
    if (options === null || typeof options !== 'object') {
      throw new LifecycleError('invalid_input', `toMermaid's options must be an object, got ${describeValue(options)}`);
    }
    const declaration = ('declaration' in lifecycle ? lifecycle.declaration : lifecycle) as AnyDeclaration;
    const compiledDeclaration = compiled(declaration);
    return machineDiagram(machineFor(compiledDeclaration, defaultOptions(compiledDeclaration)) as AnyStateMachine, declaration.id, options);
  });
}
