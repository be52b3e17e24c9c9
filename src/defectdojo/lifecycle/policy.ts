/** Which writes an engagement accepts in its status, under the tenant's write policy. */
import { LifecycleError } from '../../core/index.js';
import type { DefectDojoSettings } from './settings.js';
import type { DefectDojoStatus } from './statuses.js';

/** Writes into an engagement that a write policy may refuse. */
export const WRITE_OPERATIONS = ['add_test', 'import_scan'] as const;
/** One of `WRITE_OPERATIONS`. */
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

/**
 * The refusal of `operation` on an engagement in `status`, or null when it is allowed. DefectDojo's code allows
 * every write whatever the status (policy `open`, the default); `closed-when-completed` follows the line of
 * DefectDojo's docs that says a Completed engagement takes no more tests or scans.
 */
export function writeRefusal(
  engagementId: string,
  status: DefectDojoStatus,
  operation: WriteOperation,
  settings: Pick<DefectDojoSettings, 'writePolicy'>,
): LifecycleError | null {
  if (settings.writePolicy === 'closed-when-completed' && status === 'Completed') {
    const what = operation === 'add_test' ? 'add a test to' : 'import a scan into';
    return new LifecycleError(
      'operation_not_allowed',
      `Cannot ${what} engagement "${engagementId}": it is Completed, and the write policy "closed-when-completed" forbids writes into completed engagements. Reopen it first.`,
      { details: { engagementId, status, operation, writePolicy: settings.writePolicy } },
    );
  }
  return null;
}
