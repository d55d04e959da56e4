import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the secret in a public link. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are kept only as SHA-256 hashes: a leaked database or backup opens no link. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
