/**
 * PlexTrac's webhook payload (`WebhookPayload` in PlexTrac's API docs) and what it means for the engagement
 * lifecycle. Only a published report changes an engagement's status; the other documented events are recognised
 * and carry no lifecycle event.
 */
import * as z from 'zod';
import { eager, lazyObject } from '../../core/index.js';
import type { InstantInput } from '../../core/index.js';
import type { PlextracEventInput } from '../lifecycle.js';

/**
 * The event names PlexTrac's docs spell out. The docs also list finding publish, assessment submission and
 * engagement requests from the Schedule module without spelling their names (the list varies by version), so
 * any other name is accepted and carries no lifecycle event.
 */
export const PLEXTRAC_WEBHOOK_EVENTS = ['ReportPublished'] as const;

// Schemas built in `/* @__PURE__ */` closures: a bundle that does not use them (`derive` alone) drops them.
const cuid = /* @__PURE__ */ lazyObject(() => z.string().min(1));

/**
 * A delivery's JSON: `cuid` (the delivery's id, the same on every retry), `actorCuid`, `event`, `targetType`,
 * `text`, and exactly one of `targetCuid` / `targetCuids`. Unknown fields are kept out of the result, not refused:
 * PlexTrac may add fields.
 */
export const plextracWebhookPayloadSchema = /* @__PURE__ */ lazyObject(() => z
  .object({
    cuid: eager(cuid),
    actorCuid: eager(cuid).optional(),
    event: z.string().min(1),
    targetCuid: eager(cuid).optional(),
    targetCuids: z.array(eager(cuid)).min(1).optional(),
    targetType: z.string().min(1).optional(),
    text: z.string().optional(),
  })
  .refine((p) => (p.targetCuid === undefined) !== (p.targetCuids === undefined), {
    message: 'exactly one of targetCuid and targetCuids is expected',
    path: ['targetCuid'],
  }));

/** A validated PlexTrac webhook payload. */
export type PlextracWebhookPayload = z.output<typeof plextracWebhookPayloadSchema>;

/**
 * The lifecycle event a payload means, or null when it means none. `ReportPublished` is the report's status
 * becoming Published (`report_status_changed`) at `at`, the time the host received it (the payload has none), by
 * the payload's actor. The host finds the engagement from the payload's target (the report).
 */
export function lifecycleEventOf(payload: PlextracWebhookPayload, at: InstantInput): PlextracEventInput | null {
  if (payload.event !== 'ReportPublished') return null;
  return {
    type: 'report_status_changed',
    at,
    reportStatus: 'Published',
    ...(payload.actorCuid !== undefined ? { actor: payload.actorCuid } : {}),
  } as PlextracEventInput;
}
