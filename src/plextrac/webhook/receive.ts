/**
 * Receiving a PlexTrac webhook delivery: verify the signature, parse the payload, recognise a retried delivery,
 * and say which lifecycle event it means. Pure apart from Web Crypto: the host passes the time it received the
 * delivery and what it has already processed (a set, or a lookup), and records the delivery id itself.
 */
import * as z from 'zod';
import { asLifecycleError, deepFreeze, eager, fromZodError, instantSchema, lazyObject, LifecycleError, type InstantInput, type Result } from '../../core/index.js';
import type { PlextracEventInput } from '../lifecycle.js';
import { lifecycleEventOf, plextracWebhookPayloadSchema, type PlextracWebhookPayload } from './payload.js';
import { PLEXTRAC_SIGNATURE_HEADER, headerValue, signatureBytes, signatureRefusalOf, type HeaderSource } from './signature.js';

/** How the host says which deliveries it has already processed: a set of ids, or a lookup (sync or async). */
export type SeenDeliveries = ReadonlySet<string> | ((deliveryId: string) => boolean | Promise<boolean>);

/** One delivery as the host received it. */
export interface PlextracWebhookDelivery {
  /** The raw body, exactly as received: the signature is over these bytes. */
  readonly body: string | Uint8Array;
  readonly headers: HeaderSource;
  /** The secret given when the webhook was created. */
  readonly secret: string;
  /** When the host received it: the lifecycle event's `at` (the payload carries no time). */
  readonly receivedAt: InstantInput;
  /** Deliveries already processed; a delivery among them is refused as a replay. */
  readonly seen?: SeenDeliveries;
}

/** A verified, first-time delivery. */
export interface ReceivedPlextracWebhook {
  /** The delivery's id (`cuid`): record it once the delivery is processed, so that a retry is recognised. */
  readonly deliveryId: string;
  /**
   * The body's fingerprint: its HMAC-SHA256 in hex (the verified signature). A retry resends the same body, so it
   * has the same fingerprint even if PlexTrac gave it a new `cuid`; record it beside the id.
   */
  readonly fingerprint: string;
  readonly payload: PlextracWebhookPayload;
  /** What the delivery targets: the report (or other entity) ids, and their type. */
  readonly targets: readonly string[];
  readonly targetType: string | null;
  /** The lifecycle event it means for the target's engagement, or null (an event without lifecycle meaning). */
  readonly event: PlextracEventInput | null;
}

const deliveryShape = /* @__PURE__ */ lazyObject(() => z.object({
  body: z.union([z.string(), z.instanceof(Uint8Array)]),
  headers: z.custom<HeaderSource>((v) => typeof v === 'object' && v !== null, { message: 'expected a Headers object or a record' }),
  secret: z.string().min(1),
  receivedAt: eager(instantSchema),
  })); // pure: dropped from bundles that do not receive webhooks

function replayRefusal(deliveryId: string, byFingerprint: boolean): LifecycleError<'duplicate_delivery'> {
  return new LifecycleError(
    'duplicate_delivery',
    `PlexTrac webhook delivery "${deliveryId}" was already processed${byFingerprint ? ' (the same body was)' : ''}: PlexTrac retries a delivery up to 5 times, and this is a retry. Acknowledge it (2xx) and do nothing.`,
    { details: { deliveryId, by: byFingerprint ? 'fingerprint' : 'id' } },
  );
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

function parseBody(body: string | Uint8Array): unknown | LifecycleError {
  try {
    return JSON.parse(typeof body === 'string' ? body : utf8.decode(body));
  } catch (error) {
    return new LifecycleError('invalid_input', `PlexTrac webhook: the body is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

async function alreadySeen(seen: SeenDeliveries | undefined, id: string): Promise<boolean | LifecycleError> {
  if (seen === undefined) return false;
  try {
    return typeof seen === 'function' ? (await seen(id)) === true : seen.has(id);
  } catch (error) {
    return new LifecycleError('invalid_input', `PlexTrac webhook: the host's "seen" lookup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Verifies and reads one delivery. In order: the input's shape (`invalid_input`), the signature
 * (`invalid_signature`; nothing else is read from an unsigned body), the
 * JSON payload (`invalid_input`), and whether it was already processed, by id or by fingerprint
 * (`duplicate_delivery`, `details.by` `id` or `fingerprint`). Never rejects; the result is deeply frozen.
 */
export async function receivePlextracWebhook(delivery: PlextracWebhookDelivery): Promise<Result<ReceivedPlextracWebhook>> {
  let result: Result<ReceivedPlextracWebhook>;
  try {
    result = await receive(delivery);
  } catch (error) {
    // The caller's getters and Proxy traps run while the delivery is read: what they throw is its refusal.
    result = { ok: false, error: asLifecycleError('receivePlextracWebhook', error) };
  }
  // Refusals are frozen too (outputs are deeply frozen); the error object itself stays an ordinary Error.
  return result.ok ? result : Object.freeze(result);
}

async function receive(delivery: PlextracWebhookDelivery): Promise<Result<ReceivedPlextracWebhook>> {
  const input = deliveryShape.safeParse(delivery);
  if (!input.success) return { ok: false, error: fromZodError('PlexTrac webhook delivery', input.error) };
  const { body, headers, secret, receivedAt } = input.data;

  const header = headerValue(headers, PLEXTRAC_SIGNATURE_HEADER);
  const refused = await signatureRefusalOf(body, header, secret);
  if (refused) return { ok: false, error: refused };

  const json = parseBody(body);
  if (json instanceof LifecycleError) return { ok: false, error: json };
  const parsed = plextracWebhookPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: fromZodError('PlexTrac webhook payload', parsed.error) };
  const payload = parsed.data;

  const fingerprint = hex(signatureBytes(header as string) as Uint8Array);
  for (const id of [payload.cuid, fingerprint]) {
    const seen = await alreadySeen(delivery.seen, id);
    if (seen instanceof LifecycleError) return { ok: false, error: seen };
    if (seen) return { ok: false, error: replayRefusal(payload.cuid, id === fingerprint) };
  }

  return deepFreeze({
    ok: true as const,
    deliveryId: payload.cuid,
    fingerprint,
    payload,
    targets: payload.targetCuids ?? (payload.targetCuid !== undefined ? [payload.targetCuid] : []),
    targetType: payload.targetType ?? null,
    event: lifecycleEventOf(payload, receivedAt),
  });
}
