import { hash, verify } from '@node-rs/argon2';
import { AppError } from '@bizdash/domain/errors';

/**
 * argon2id with the OWASP-recommended floor (19 MiB, 2 passes). Hashes carry their parameters, so raising these
 * later still verifies old hashes.
 */
// `algorithm: 2` is Algorithm.Argon2id; the package exports it as an ambient const enum that isolated modules cannot read.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, OPTIONS),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
};

/** A hash of a random password, verified against when an email is unknown so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(hasher: PasswordHasher): Promise<string> {
  dummyHash ??= hasher.hash('not-a-real-password-' + Math.random().toString(36));
  return dummyHash;
}

// A short list of the passwords attackers try first; length does the rest of the work.
const COMMON = new Set([
  'password123',
  'password1234',
  'passw0rd123',
  '1234567890',
  '12345678910',
  '0123456789',
  'qwertyuiop',
  'qwerty12345',
  'iloveyou123',
  'admin12345',
  'administrator',
  'letmein1234',
  'welcome123',
  'welcome@123',
  'india@1234',
  'india12345',
  'abcd@12345',
  'abcdefghij',
  'changeme123',
  'bizdash123',
]);

/** Refuses passwords that are too short or too common, or that are the user's own email. */
export function assertStrongPassword(password: string, email?: string, field = 'password'): void {
  const lower = password.toLowerCase();
  if (password.length < 10) {
    throw new AppError('PASSWORD_TOO_WEAK', 'Password must be at least 10 characters', { field });
  }
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) {
    throw new AppError('PASSWORD_TOO_WEAK', 'This password is too common; choose another', { field });
  }
  if (email && lower === email.toLowerCase()) {
    throw new AppError('PASSWORD_TOO_WEAK', 'Password must not be your email address', { field });
  }
}
