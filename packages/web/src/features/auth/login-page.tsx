import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconClockPause, IconInfoCircle, IconShieldLock } from '@tabler/icons-react';
import { useAuth } from '../../app/auth/auth-context';
import { PasswordField } from '../../components/password-field';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { AuthCard } from './auth-card';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "45 seconds", "4 min 30 s", "2 hours". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 3600) {
    const min = Math.floor(seconds / 60);
    const sec = seconds % 60;
    return sec ? `${min} min ${sec} s` : `${min} minute${min === 1 ? '' : 's'}`;
  }
  const hours = Math.ceil(seconds / 3600);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

interface FieldErrors {
  email?: string;
  password?: string;
  totp?: string;
}

export function LoginPage() {
  const { login, signedOutReason } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= lockedUntil) setLockedUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const secondsLeft = lockedUntil === null ? 0 : Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  const isLocked = secondsLeft > 0;

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    else if (!EMAIL_RE.test(email.trim())) errors.email = 'Enter a valid email address';
    if (!password) errors.password = 'Enter your password';
    if (needsTotp && !/^\d{6}$/.test(totp)) errors.totp = 'Enter the 6-digit code from your authenticator app';
    return errors;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isLocked || isSubmitting) return;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;
    setSubmitting(true);
    try {
      await login({ email: email.trim(), password, ...(needsTotp ? { totp } : {}) });
      // RedirectIfSignedIn takes it from here.
    } catch (error) {
      setSubmitting(false);
      if (!isApiError(error)) {
        setFormError(errorMessage(error));
        return;
      }
      switch (error.code) {
        case 'TOTP_REQUIRED':
          setNeedsTotp(true);
          break;
        case 'TOTP_INVALID':
          setNeedsTotp(true);
          setTotp('');
          setFieldErrors({ totp: "That code didn't work. Codes change every 30 seconds; enter the current one." });
          totpRef.current?.focus();
          break;
        case 'INVALID_CREDENTIALS':
          setFormError('Email or password is wrong');
          setPassword('');
          break;
        case 'TOO_MANY_ATTEMPTS': {
          const wait = error.retryAfter ?? 60;
          setNow(Date.now());
          setLockedUntil(Date.now() + wait * 1000);
          break;
        }
        case 'ACCOUNT_DISABLED':
          setFormError('This account is disabled. Ask the owner or an admin of your business to enable it.');
          break;
        case 'VALIDATION_FAILED': {
          const fe: FieldErrors = {};
          for (const { field, message } of error.errors) {
            if (field === 'email' || field === 'password' || field === 'totp') {
              fe[field] ??= capitalise(message.startsWith(`${field} `) ? message.slice(field.length + 1) : message);
            }
          }
          setFieldErrors(fe);
          if (Object.keys(fe).length === 0) setFormError(errorMessage(error));
          break;
        }
        default:
          setFormError(errorMessage(error));
      }
    }
  }

  return (
    <AuthCard
      title="Log in"
      subtitle="Welcome back. Log in to your BizDash workspace."
      footer="Forgot your password? Ask the owner or an admin of your business to reset it."
    >
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          {signedOutReason === 'expired' && !formError ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
              Your session ended. Log in again to carry on.
            </Alert>
          ) : null}
          {formError ? (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              data-testid="login-error"
            >
              {formError}
            </Alert>
          ) : null}
          {isLocked ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconClockPause size={18} />}
              role="alert"
              data-testid="login-locked"
            >
              Too many login attempts. Try again in {describeWait(secondsLeft)}.
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldErrors.email}
            autoFocus
            required
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldErrors.password}
            required
          />
          {needsTotp ? (
            <>
              <Alert color="indigo" variant="light" icon={<IconShieldLock size={18} />}>
                Two-factor authentication is on for this account. Enter the 6-digit code from your authenticator app.
              </Alert>
              <TextInput
                ref={totpRef}
                label="Authentication code"
                placeholder="123456"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                error={fieldErrors.totp}
                styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
                data-testid="totp-code"
                required
              />
            </>
          ) : null}
          <Button type="submit" fullWidth size="md" loading={isSubmitting} disabled={isLocked} mt={4}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
