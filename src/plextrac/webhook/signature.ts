/**
 * PlexTrac's webhook signature: HMAC-SHA256 of the raw request body, keyed with the webhook's secret, in the
 * `X-Authorization-HMAC-256` header. Checked with Web Crypto (`globalThis.crypto.subtle`), so it runs in Node 20
 * and in edge runtimes alike; `subtle.verify` compares in constant time.
 */
import { LifecycleError } from '../../core/index.js';

/** The header PlexTrac signs deliveries in (HTTP header names are case-insensitive). */
export const PLEXTRAC_SIGNATURE_HEADER = 'x-authorization-hmac-256';

/** What a host passes for headers: a Fetch `Headers` or a Node-style record. */
export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The header's value, whatever the case of its name; null when absent or sent more than once. */
export function headerValue(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(name: string): string | null }).get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    return Array.isArray(value) && value.length === 1 ? (value[0] as string) : null;
  }
  return null;
}

/**
 * The signature's 32 bytes from the header: hex (what Node's `digest('hex')` gives) or base64, with an optional
 * `sha256=` prefix. PlexTrac's docs show neither encoding, so both are accepted; null when it is neither.
 */
export function signatureBytes(header: string): Uint8Array | null {
  const value = header.trim().replace(/^sha256=/i, '');
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(value.slice(2 * i, 2 * i + 2), 16);
    return bytes;
  }
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) {
    const text = atob(value);
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  return null;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** The bytes PlexTrac signed: the raw body, exactly as received. */
export function bodyBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

function signatureRefusal(problem: 'missing' | 'malformed' | 'mismatch', why: string): LifecycleError<'invalid_signature'> {
  return new LifecycleError('invalid_signature', `PlexTrac webhook refused: ${why}. Check the webhook's secret, and sign the raw body, not re-serialised JSON.`, {
    details: { header: PLEXTRAC_SIGNATURE_HEADER, problem },
  });
}

/**
 * Checks the signature of a delivery. Resolves with null when it is PlexTrac's, or with the refusal
 * (`invalid_signature`, with `details.problem` `missing`, `malformed` or `mismatch`) when the header is missing or malformed or the
 * signature does not match. Never rejects.
 */
export async function signatureRefusalOf(body: string | Uint8Array, header: string | null, secret: string): Promise<LifecycleError | null> {
  if (typeof secret !== 'string' || secret.length === 0) {
    return new LifecycleError('invalid_input', 'PlexTrac webhook: the secret must be a non-empty string (the one given when the webhook was created).');
  }
  if (header === null) return signatureRefusal('missing', `no ${PLEXTRAC_SIGNATURE_HEADER} header`);
  const signature = signatureBytes(header);
  if (!signature) return signatureRefusal('malformed', `the ${PLEXTRAC_SIGNATURE_HEADER} header is not an HMAC-SHA256 signature in hex or base64`);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return new LifecycleError('operation_not_allowed', 'PlexTrac webhook: this runtime has no Web Crypto (globalThis.crypto.subtle).');
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const ok = await subtle.verify('HMAC', key, signature, bodyBytes(body));
  return ok ? null : signatureRefusal('mismatch', 'the signature does not match the body');
}
