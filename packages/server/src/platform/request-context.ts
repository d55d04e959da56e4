import type { Role } from '@bizdash/domain/permissions';

/** Who is acting. API keys act with the role they were given; the system acts for migrations, jobs and the CLI. */
export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  id: number | null;
  name: string | null;
  role: Role | null;
  /** The login session behind a user actor, so logout and password changes can spare or end it. */
  sessionId?: string;
}

/** What every service call is given about the request it serves: for authorisation and the audit trail. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  ip: string | null;
}

export function systemContext(name = 'system'): RequestContext {
  return { actor: { type: 'system', id: null, name, role: null }, requestId: null, ip: null };
}

export function anonymousContext(requestId: string | null, ip: string | null): RequestContext {
  return { actor: { type: 'anonymous', id: null, name: null, role: null }, requestId, ip };
}
