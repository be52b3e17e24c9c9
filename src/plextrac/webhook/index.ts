/** PlexTrac webhooks: signature verification with Web Crypto, the payload, and retried deliveries recognised. */
export { PLEXTRAC_SIGNATURE_HEADER, headerValue, signatureBytes, signatureRefusalOf } from './signature.js';
export type { HeaderSource } from './signature.js';
export { PLEXTRAC_WEBHOOK_EVENTS, lifecycleEventOf, plextracWebhookPayloadSchema } from './payload.js';
export type { PlextracWebhookPayload } from './payload.js';
export { receivePlextracWebhook } from './receive.js';
export type { PlextracWebhookDelivery, ReceivedPlextracWebhook, SeenDeliveries } from './receive.js';
