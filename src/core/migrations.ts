/**
 * Migrations: how a stored state of an older declaration version becomes a state of the current one. Each step
 * `migrations[N]` takes a state of version N (as stored: status and data not yet checked against any schema) and
 * gives the status and data of version N + 1; the engine runs the steps in order and validates the result with the
 * current schema, so a migration can never hand the engines a state they could not have produced.
 */
import { LifecycleError, describeValue } from './errors.js';

/** A stored state of an older version, as a migration step receives it (frozen; fields not yet validated). */
export interface StoredState {
  readonly lifecycle: string;
  readonly lifecycleVersion: number;
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly data: unknown;
}

/** What a migration step gives: the status and data of the next version (the other fields are kept). */
export interface MigratedState {
  readonly status: string;
  readonly data: unknown;
}

/** One step per old version: `migrations[N]` turns a state of version N into one of version N + 1. */
export type Migrations = Readonly<Record<number, (state: StoredState) => MigratedState>>;

/** Definition-time check: every step starts at a version below the current one (so each can be reached). */
export function migrationProblems(version: number, migrations: unknown): string[] {
  if (migrations === undefined) return [];
  if (migrations === null || typeof migrations !== 'object' || Array.isArray(migrations)) return ['migrations must be an object keyed by the old version'];
  return Object.entries(migrations).flatMap(([key, step]) => {
    const from = Number(key);
    if (!Number.isInteger(from) || from < 1 || from >= version) return [`migration ${key} must start at a version from 1 to ${version - 1}`];
    return typeof step === 'function' ? [] : [`migration ${key} must be a function`];
  });
}

/** What `migrate` reads of a declaration. */
interface Versioned {
  readonly id: string;
  readonly version: number;
  readonly migrations?: Migrations | undefined;
}

const mismatch = ({ id, version }: Versioned, lifecycle: unknown, lifecycleVersion: unknown, why: string): LifecycleError => {
  return new LifecycleError(
    'lifecycle_mismatch',
    `This state belongs to lifecycle ${describeValue(lifecycle)} version ${describeValue(lifecycleVersion)}, not "${id}" version ${version}${why}.`,
    { details: { expected: { lifecycle: id, version }, received: { lifecycle, lifecycleVersion } } },
  );
};

/**
 * The state of another version brought to the current one, still unvalidated (the caller validates it), or
 * `lifecycle_mismatch` when it belongs to another lifecycle or no chain of steps leads from its version.
 * A step that throws, or returns no object, is refused as `invalid_input`: the stored state could not be upgraded.
 */
export function migrate(declaration: Versioned, input: { readonly lifecycle?: unknown; readonly lifecycleVersion?: unknown }): object | LifecycleError {
  const { id, version, migrations } = declaration;
  const { lifecycle, lifecycleVersion } = input;
  if (lifecycle !== id || typeof lifecycleVersion !== 'number' || !Number.isInteger(lifecycleVersion) || lifecycleVersion > version) {
    return mismatch(declaration, lifecycle, lifecycleVersion, '');
  }
  for (let from = lifecycleVersion; from < version; from++) {
    if (!migrations || typeof migrations[from] !== 'function') return mismatch(declaration, lifecycle, lifecycleVersion, ` (no migration from version ${from})`);
  }
  let state = { ...input } as Record<string, unknown>;
  for (let from = lifecycleVersion; from < version; from++) {
    let next: unknown;
    try {
      // Cast: a step receives the stored object as it is (only `lifecycle` and `lifecycleVersion` are checked, as
      // StoredState's doc says); what it returns is validated by the current schema before any engine sees it.
      next = migrations![from]!(Object.freeze({ ...state }) as unknown as StoredState);
    } catch (error) {
      return new LifecycleError('invalid_input', `The migration of "${id}" from version ${from} threw: ${error instanceof Error ? error.message : describeValue(error)}`);
    }
    if (next === null || typeof next !== 'object') {
      return new LifecycleError('invalid_input', `The migration of "${id}" from version ${from} returned no state`);
    }
    const { status, data } = next as Partial<MigratedState>;
    state = { ...state, status, data, lifecycleVersion: from + 1 };
  }
  return state;
}
