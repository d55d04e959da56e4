import { makeAccount } from './account';
import { makeApiKeyAuth } from './api-key-auth';
import { makeAuthCore, type AuthServiceDeps } from './auth-core';
import { makeLogin } from './login';
import { makeRefresh } from './refresh';
import { makeSessions } from './sessions';
import { makeTotpEnrolment } from './totp-enrolment';

export { REFRESH_GRACE_MS, type AuthServiceDeps, type IssuedSession, type Lockout } from './auth-core';

export type AuthService = ReturnType<typeof makeAuthService>;

/**
 * Signing in and staying signed in: login (sessions, refresh-token rotation, logout), API-key and access-token
 * authentication, and the signed-in user's own password and two-factor settings. Each use case lives in its own
 * file; this assembles them.
 */
export function makeAuthService(deps: AuthServiceDeps) {
  const core = makeAuthCore(deps);
  const sessions = makeSessions(core);
  const { login } = makeLogin(core, sessions);
  const { refresh } = makeRefresh(core, sessions);
  const { authenticateApiKey } = makeApiKeyAuth(core);
  const account = makeAccount(core, sessions);
  const { beginTotpSetup, enableTotp, disableTotp } = makeTotpEnrolment(core, account);

  return {
    login,
    refresh,
    logout: sessions.logout,
    authenticateAccessToken: sessions.authenticateAccessToken,
    authenticateApiKey,
    me: account.me,
    changePassword: account.changePassword,
    beginTotpSetup,
    enableTotp,
    disableTotp,
    revokeUserSessions: sessions.revokeUserSessions,
  };
}
