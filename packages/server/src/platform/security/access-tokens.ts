import { SignJWT, jwtVerify, errors } from 'jose';

export interface AccessClaims {
  userId: number;
  sessionId: string;
}

export interface AccessTokens {
  readonly ttlSeconds: number;
  issue(claims: AccessClaims, now: Date): Promise<string>;
  /** The claims of a valid, unexpired token, or null. */
  verify(token: string, now: Date): Promise<AccessClaims | null>;
}

const ISSUER = 'bizdash';

/**
 * Short-lived HS256 JWTs. They carry only the user and session ids: the guard looks the session up on every
 * request, so a disabled user or a revoked session stops working at once, not when the token expires.
 */
export function makeAccessTokens(key: Uint8Array, ttlSeconds = 15 * 60): AccessTokens {
  // A token's signature check always gives the same answer, so verified tokens are remembered until they expire.
  // This saves an HMAC on every request; expiry is still checked against the clock each time.
  const verified = new Map<string, AccessClaims & { exp: number }>();
  const MAX_CACHED = 10_000;
  return {
    ttlSeconds,
    async issue({ userId, sessionId }, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    async verify(token, now) {
      const cached = verified.get(token);
      if (cached) {
        if (cached.exp * 1000 > now.getTime()) return { userId: cached.userId, sessionId: cached.sessionId };
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          currentDate: now,
        });
        const userId = Number(payload.sub);
        if (!Number.isSafeInteger(userId) || typeof payload.sid !== 'string' || !payload.exp) return null;
        if (verified.size >= MAX_CACHED) verified.clear();
        verified.set(token, { userId, sessionId: payload.sid, exp: payload.exp });
        return { userId, sessionId: payload.sid };
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}
