/**
 * Effects: what must happen outside the library after a change (a notification, a report to create, a Jira epic
 * to close), returned as data for the host to carry out. Every effect has an id derived from the lifecycle, the
 * engagement id, the engagement's new version and the effect type, so a consumer that receives an effect twice
 * (webhooks are retried, outboxes deliver at least once) can drop the copy.
 */
import { integerArgument, stringArgument } from './arguments.js';
import type { Instant } from './dates.js';

/** The fields the engine stamps on every effect. */
export interface EffectEnvelope {
  /** Stable id: `<lifecycle>:<engagement id>:<version>:<type>`, with `:<n>` for the n-th effect of a type in one change. */
  readonly id: string;
  readonly type: string;
  readonly lifecycle: string;
  readonly engagementId: string;
  /** The engagement's version after the change that caused this effect. */
  readonly version: number;
  /** When the change happened: the `at` of the event. */
  readonly at: Instant;
}

/** An effect before the engine stamps it: a `type` and its payload. */
export interface EffectDraft {
  readonly type: string;
}

/** A stamped effect: the draft's payload plus the envelope. */
export type Effect<D extends EffectDraft = EffectDraft> = D & EffectEnvelope;

/** Emitted by every lifecycle for every change of status, creation included (`from: null`). */
export interface StatusChangedDraft<S extends string = string> {
  readonly type: 'status_changed';
  readonly from: S | null;
  readonly to: S;
  /** The event type that caused the change. */
  readonly cause: string;
}

/** The stamped `status_changed` effect. */
export type StatusChangedEffect<S extends string = string> = Effect<StatusChangedDraft<S>>;

/**
 * The id of the n-th (0-based) effect of `type` in the change that produced `version`.
 * @throws LifecycleError `invalid_input` when a part is not a non-empty string, or `version` and `n` not integers
 * (1 and 0 at least).
 */
export function effectId(lifecycle: string, engagementId: string, version: number, type: string, n = 0): string {
  stringArgument('effectId', 'lifecycle', lifecycle);
  stringArgument('effectId', 'engagementId', engagementId);
  integerArgument('effectId', 'version', version, 1);
  stringArgument('effectId', 'type', type);
  integerArgument('effectId', 'n', n, 0);
  const base = `${lifecycle}:${engagementId}:${version}:${type}`;
  return n === 0 ? base : `${base}:${n + 1}`;
}

/** Stamps drafts with their envelope; ids stay unique when one change emits several effects of one type. */
export function stampEffects(
  drafts: readonly EffectDraft[],
  lifecycle: string,
  engagementId: string,
  version: number,
  at: Instant,
): Effect[] {
  if (drafts.length === 0) return [];
  const effects: Effect[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    const { type } = draft;
    // n: the drafts of this type before this one. A change emits a handful of effects, so counting beats a Map.
    let n = 0;
    for (let j = 0; j < i; j++) if (drafts[j]!.type === type) n++;
    // The draft's own fields come after the envelope, as they always have; its `type` is the envelope's.
    effects.push({ id: effectId(lifecycle, engagementId, version, type, n), type, lifecycle, engagementId, version, at, ...(draft as object) } as Effect);
  }
  return effects;
}
