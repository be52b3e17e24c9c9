/**
 * A last shrinking pass over concrete events. fast-check shrinks the generated steps, whose waits add up: removing
 * one moves every later event in time, so a failure that needs the clock at a given day can keep filler events.
 * Here events keep their own times, so each one the failure does not need can go.
 */

/** Removes events, one at a time and keeping the first (the creation), while `fails` still holds. */
export function removeNeedless<T>(events: readonly T[], fails: (events: readonly T[]) => boolean): readonly T[] {
  let current = events;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = current.length - 1; i >= 0; i--) {
      const candidate = [...current.slice(0, i), ...current.slice(i + 1)];
      if (fails(candidate)) {
        current = candidate;
        changed = true;
      }
    }
  }
  return current;
}

/** `removeNeedless` for an asynchronous check (a host system). */
export async function removeNeedlessAsync<T>(events: readonly T[], fails: (events: readonly T[]) => Promise<boolean>): Promise<readonly T[]> {
  let current = events;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = current.length - 1; i >= 0; i--) {
      const candidate = [...current.slice(0, i), ...current.slice(i + 1)];
      if (await fails(candidate)) {
        current = candidate;
        changed = true;
      }
    }
  }
  return current;
}
