/**
 * The conformance suite catches broken adapters: a naive store passes it, and each deliberately planted defect
 * fails the very cases that state the broken promise.
 */
import { describe, expect, it } from 'vitest';
import { storeContractCases } from '../../src/testing/store-contract.js';
import { naiveUnderTest, type Defects } from './plants.js';

async function failures(defects: Defects): Promise<string[]> {
  const failed: string[] = [];
  for (const c of storeContractCases({ create: () => naiveUnderTest(defects) })) {
    try {
      await c.run();
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}

const plants: [keyof Defects, string, string[]][] = [
  ['ignoreExpectedVersion', 'ignores the expected version', ['stale expected version', 'two concurrent writers', 'creation of an existing engagement']],
  ['checkThenYield', 'checks the version, then yields before writing', ['two concurrent writers', 'concurrent creations']],
  ['dropEffects', 'saves state without its effects', ['plain JSON write', 'puts its effects into the outbox', 'a sweep changes every due engagement once']],
  ['dropAudit', 'saves state without its audit record', ['every applied change appends one audit record', 'replays from the audit log']],
  ['noRollback', 'leaves a half-done step behind', ['a save that fails half-way', 'a creation that fails half-way', 'a delete plan that fails half-way', 'a sweep that fails half-way']],
  ['dueExclusive', 'misses engagements due exactly at now', ['due exactly at now']],
  ['cursorSkips', 'skips an engagement between due pages', ['due pages come in']],
  ['ignoreActive', 'ignores the active filter', ['list filters']],
  ['keyById', 'keys engagements by id alone', ['ids are unique per lifecycle']],
  ['atMostOnce', 'hands each effect out once only', ['handed out again and again']],
  ['reuseEffectIds', 'accepts a deleted engagement’s id, and its effect ids, again', ['the id of a deleted engagement cannot be reused']],
  ['claimWithoutLock', 'lets two claims take the same engagement', ['concurrent claims never hand out the same engagement']],
  ['deleteAnyVersion', 'executes a delete plan at any version', ['a delete plan at a stale version']],
  ['deleteKeepsRecords', 'deletes the engagement but not its records', ['a delete plan removes the engagement']],
  ['rescheduleAnyVersion', 'reschedules at any version', ['reschedule moves the due instant at the expected version only']],
  ['ignoreTenant', 'ignores tenants', ['two tenants are two engagements', 'leave every other tenant as it was', 'property: no operation for one tenant']],
  ['deliverAcrossTenants', 'marks an effect delivered in every tenant', ['leave every other tenant as it was']],
];

describe('the store contract against planted defects', () => {
  it('a naive but correct store passes every case', async () => {
    expect(await failures({})).toEqual([]);
  });

  it.each(plants)('catches a store that %s', async (defect, _what, expected) => {
    const failed = await failures({ [defect]: true });
    for (const fragment of expected) {
      expect(failed.some((name) => name.includes(fragment)), `a case about "${fragment}" fails for ${defect}; failed: ${failed.join(' | ')}`).toBe(true);
    }
  });
});
