/**
 * Definition-time checks of a workflow: names that do not exist, statuses no path reaches, and live statuses with
 * no way out. Each problem names its culprit, so that the error says what to fix.
 */
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { LifecycleError, NEW_STATE, caught, deepFreeze, describeValue, machineOf, type MachineLifecycle } from '../core/index.js';

/** What kind of mistake a workflow problem is. */
export type WorkflowProblemCode =
  | 'unknown_status'
  | 'unknown_event'
  | 'duplicate_event'
  | 'duplicate_status'
  | 'duplicate_id'
  | 'unmatched_removal'
  | 'unreachable_status'
  | 'dead_end';

/** One mistake in a workflow definition, with its culprit. */
export interface WorkflowProblem {
  readonly code: WorkflowProblemCode;
  /** The status, event or transition at fault. */
  readonly culprit: string;
  readonly message: string;
}

/** One edge of the status graph: `event` may move an engagement from `from` to `to`. */
export interface StatusEdge {
  readonly from: string;
  readonly to: string;
  readonly event: string;
}

/** The statuses of a lifecycle and the events that move between them. */
export interface StatusGraph {
  /** The statuses creation events lead to. */
  readonly initial: readonly string[];
  /** Every declared way between two statuses (self-loops included), creation edges excluded. */
  readonly edges: readonly StatusEdge[];
}

/** What the graph checks need of a lifecycle: its statuses and its declaration (to build its xstate machine). */
export interface GraphSource extends MachineLifecycle {
  readonly id: string;
  readonly statuses: readonly string[];
  readonly terminal: readonly string[];
}

/** The node holding the statuses: the machine's root, or its `status` region when the declaration has regions. */
function statusRegion(root: DirectedGraphNode): DirectedGraphNode {
  if (root.children.some((c) => c.stateNode.key === NEW_STATE)) return root;
  const region = root.children.find((c) => c.stateNode.key === 'status');
  if (!region) throw new LifecycleError('invalid_declaration', 'The machine has no status region');
  return region;
}

/**
 * The status graph of a lifecycle, read from its xstate machine with `xstate/graph`'s `toDirectedGraph`.
 *
 * Why a structural walk and not `getShortestPaths`/`getSimplePaths`: those run the machine, so every guard is
 * evaluated against a concrete context and concrete events. To find a path they would need events with valid
 * payloads and data that satisfies each guard (and the serialised context, or paths get pruned); a guard that is
 * merely hard to satisfy with the sample events would make a status look unreachable. A declaration error ("no
 * transition leads here") is a property of the declared graph, so the walk below follows every declared transition
 * and every possible target of a dynamic one without evaluating guards. Whether guards can actually be satisfied is
 * what the property tests (`checkLifecycle` in `engagement-lifecycle/testing`, with `mustReach`) find out.
 */
export function statusGraph(lifecycle: GraphSource): StatusGraph {
  return deepFreeze(caught('statusGraph', () => graphOf(checkedSource(lifecycle, 'statusGraph'))));
}

/** Refuses what is not a lifecycle (an object with a `declaration`, `statuses` and `terminal`) with `invalid_input`. */
const isStringList = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string');

function checkedSource(value: unknown, what: string): GraphSource {
  const source = value as Partial<GraphSource> | null;
  if (source === null || typeof source !== 'object' || source.declaration === null || typeof source.declaration !== 'object' || !isStringList(source.statuses) || !isStringList(source.terminal)) {
    throw new LifecycleError('invalid_input', `${what} expects a lifecycle (from defineLifecycle or defineWorkflow), got ${describeValue(value)}`);
  }
  return source as GraphSource;
}

function graphOf(lifecycle: GraphSource): StatusGraph {
  const region = statusRegion(toDirectedGraph(machineOf(lifecycle)));
  const initial: string[] = [];
  const edges: StatusEdge[] = [];
  for (const node of region.children) {
    const from = node.stateNode.key;
    for (const edge of node.edges) {
      const to = edge.target.key;
      if (from === NEW_STATE) {
        if (!initial.includes(to)) initial.push(to);
      } else {
        edges.push({ from, to, event: edge.label.text });
      }
    }
  }
  return { initial, edges };
}

/** Statuses no path reaches from creation, and live (non-terminal) statuses with no transition to another status. */
export function graphProblems(lifecycle: GraphSource): WorkflowProblem[] {
  const { initial, edges } = graphOf(lifecycle);
  const reached = new Set<string>(initial);
  const queue = [...initial];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const e of edges) {
      if (e.from === status && !reached.has(e.to)) {
        reached.add(e.to);
        queue.push(e.to);
      }
    }
  }
  const problems: WorkflowProblem[] = [];
  for (const status of lifecycle.statuses) {
    if (!reached.has(status)) {
      problems.push({
        code: 'unreachable_status',
        culprit: status,
        message: `status "${status}" is unreachable: no path of transitions leads to it from ${initial.map((s) => `"${s}"`).join(', ')}`,
      });
    }
  }
  const terminal = new Set(lifecycle.terminal);
  for (const status of lifecycle.statuses) {
    if (terminal.has(status)) continue;
    if (!edges.some((e) => e.from === status && e.to !== status)) {
      problems.push({
        code: 'dead_end',
        culprit: status,
        message: `status "${status}" is not terminal but no transition leaves it: add one, or list it in "terminal"`,
      });
    }
  }
  return problems;
}

/** Every problem of a lifecycle's graph (for linting any lifecycle, the built-ins included). */
export function findWorkflowProblems(lifecycle: GraphSource): readonly WorkflowProblem[] {
  return deepFreeze(caught('findWorkflowProblems', () => graphProblems(checkedSource(lifecycle, 'findWorkflowProblems'))));
}

/* ---------- names ---------- */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** `; did you mean "X"?` when a known name is close to an unknown one. */
export function suggestion(name: string, known: Iterable<string>): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean "${best}"?` : '';
}

/** Collects problems about names while a workflow is assembled. */
export class NameCheck {
  readonly problems: WorkflowProblem[] = [];

  constructor(
    private readonly statuses: ReadonlySet<string>,
    private readonly events: ReadonlySet<string>,
  ) {}

  status(name: unknown, where: string): void {
    if (typeof name === 'string' && this.statuses.has(name)) return;
    const shown = String(name);
    this.problems.push({
      code: 'unknown_status',
      culprit: shown,
      message: `${where} names unknown status "${shown}"${suggestion(shown, this.statuses)} (statuses: ${[...this.statuses].join(', ')})`,
    });
  }

  event(name: unknown, where: string): void {
    if (typeof name === 'string' && this.events.has(name)) return;
    const shown = String(name);
    this.problems.push({
      code: 'unknown_event',
      culprit: shown,
      message: `${where} names event "${shown}", which is not declared in "events"${suggestion(shown, this.events)}`,
    });
  }

  add(problem: WorkflowProblem): void {
    this.problems.push(problem);
  }
}

/** Throws one `invalid_declaration` error listing every problem, or returns when there is none. */
export function throwProblems(id: string, problems: readonly WorkflowProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  - ${p.message}`).join('\n');
  throw new LifecycleError('invalid_declaration', `Workflow "${id}" is inconsistent:\n${lines}`, {
    details: { workflow: id, problems: problems.map((p) => ({ code: p.code, culprit: p.culprit })) },
  });
}
