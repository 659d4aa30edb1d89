import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `alma_<id>_<secret>`: the id names the key in files and logs; only the secret's hash is stored. */
const TOKEN_PATTERN = /^alma_([0-9a-f]{12})_([0-9a-f]{64})$/;

export interface ApiKeyToken {
  readonly id: string;
  readonly secret: string;
}

/** A new key: 48 random bits of id, 256 random bits of secret. */
export function generateApiKeyToken(): ApiKeyToken & { readonly token: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { id, secret, token: `alma_${id}_${secret}` };
}

/** The parts of a presented key; null for anything that is not shaped like one. */
export function parseApiKeyToken(token: string): ApiKeyToken | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/**
 * SHA-256 of the secret. A slow password hash adds nothing here: the secret is 256 random bits,
 * so the hash cannot be reversed by guessing, and verification stays cheap on every request.
 */
export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'utf8');
  const actual = Buffer.from(hashSecret(secret), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
