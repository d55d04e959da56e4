import type { AuditEntry } from '@bizdash/contracts/audit';

/** Plain-language names for the audit actions the app knows; unknown ones are humanised from their code. */
const ACTION_LABELS: Record<string, string> = {
  'business.created': 'Set up the business',
  'auth.login': 'Logged in',
  'auth.login_failed': 'Failed login attempt',
  'auth.logout': 'Logged out',
  'auth.refresh_reuse': 'Reused an old session token (sessions ended)',
  'user.created': 'Created user',
  'user.updated': 'Updated user',
  'user.role_changed': 'Changed role',
  'user.disabled': 'Disabled user',
  'user.enabled': 'Enabled user',
  'user.deleted': 'Deleted user',
  'user.password_reset': 'Reset password',
  'user.password_changed': 'Changed own password',
  'user.totp_enabled': 'Turned on two-factor',
  'user.totp_disabled': 'Turned off two-factor',
  'api_key.created': 'Created API key',
  'api_key.revoked': 'Revoked API key',
  'api_key.used': 'Used API key',
};

export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [area = action, verb] = action.split('.');
  const words = (text: string) => text.replace(/[_-]+/g, ' ');
  if (!verb) return capitalise(words(area));
  return `${capitalise(words(verb))} ${words(area)}`;
}

/** A colour for the kind of action: failures red, removals orange, creations green. */
export function actionColor(action: string): string {
  if (/failed|reuse|denied/.test(action)) return 'red';
  if (/disabled|revoked|deleted|removed|cancel|reset/.test(action)) return 'orange';
  if (/created|enabled|completed/.test(action)) return 'teal';
  if (action.startsWith('auth.')) return 'gray';
  return 'indigo';
}

export const ACTOR_TYPE_LABELS: Record<AuditEntry['actor']['type'], string> = {
  user: 'User',
  api_key: 'API key',
  system: 'System',
  anonymous: 'Anonymous',
};

export function actorName(actor: AuditEntry['actor']): string {
  if (actor.type === 'system') return 'System';
  if (actor.name) return actor.name;
  if (actor.type === 'anonymous') return 'Anonymous';
  return actor.id === null ? ACTOR_TYPE_LABELS[actor.type] : `${ACTOR_TYPE_LABELS[actor.type]} #${actor.id}`;
}

/** "role, isActive" — the changed field names, for a table cell. */
export function changedFieldsSummary(changes: AuditEntry['changes'], max = 3): string {
  if (!changes) return '';
  const fields = Object.keys(changes);
  if (fields.length === 0) return '';
  const shown = fields.slice(0, max).map(fieldLabel).join(', ');
  return fields.length > max ? `${shown} +${fields.length - max} more` : shown;
}

/** "isActive" → "Is active", "last_login_at" → "Last login at". */
export function fieldLabel(field: string): string {
  const spaced = field
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return capitalise(spaced);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
