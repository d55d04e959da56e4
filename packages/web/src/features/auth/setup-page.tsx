import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { ADDRESS_STATES, findState } from '@bizdash/domain/states';
import { useAuth } from '../../app/auth/auth-context';
import { PasswordField } from '../../components/password-field';
import type { DemoSetupInput, DemoSetupResult } from '@bizdash/contracts/demo';
import { api, isApiError } from '../../lib/api';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { useCompleteSetup } from './api';
import { AuthCard } from './auth-card';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 10;

const STATE_OPTIONS = ADDRESS_STATES.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));

type Field = 'name' | 'email' | 'password' | 'confirm' | 'businessName' | 'stateCode' | 'gstin';
type Values = Record<Field, string>;

const SERVER_FIELDS: Record<string, Field> = {
  'owner.name': 'name',
  'owner.email': 'email',
  'owner.password': 'password',
  'business.name': 'businessName',
  'business.stateCode': 'stateCode',
  'business.gstin': 'gstin',
};

function validate(v: Values): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  if (!v.name.trim()) e.name = 'Enter your name';
  if (!v.email.trim()) e.email = 'Enter your email address';
  else if (!EMAIL_RE.test(v.email.trim())) e.email = 'Enter a valid email address';
  if (v.password.length < MIN_PASSWORD) e.password = `Use at least ${MIN_PASSWORD} characters`;
  if (!v.confirm) e.confirm = 'Type the password again';
  else if (v.confirm !== v.password) e.confirm = "The passwords don't match";
  if (!v.businessName.trim()) e.businessName = 'Enter the name of your business';
  if (!v.stateCode) e.stateCode = 'Choose the state your business is registered in';
  const gstin = v.gstin.trim().toUpperCase();
  if (gstin) {
    // The same rules the server applies (length, format, state, PAN, check character), so typos show at once.
    const check = validateGstin(gstin);
    if (!check.valid) e.gstin = check.errors[0]?.message ?? 'This GSTIN is not valid';
    else if (v.stateCode && gstin.slice(0, 2) !== v.stateCode) {
      const state = findState(v.stateCode);
      e.gstin = `A GSTIN from ${state?.name ?? 'this state'} starts with ${v.stateCode}`;
    }
  }
  return e;
}

export function SetupPage() {
  const { login, markSetupDone } = useAuth();
  const setup = useCompleteSetup();
  const [values, setValues] = useState<Values>({
    name: '',
    email: '',
    password: '',
    confirm: '',
    businessName: '',
    stateCode: '',
    gstin: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isLoggingIn, setLoggingIn] = useState(false);
  const [isLoadingDemo, setLoadingDemo] = useState(false);

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function setGstin(raw: string) {
    const gstin = raw.toUpperCase().replace(/\s/g, '').slice(0, 15);
    set('gstin', gstin);
    // A GSTIN begins with its state code; fill the state in if it is still empty.
    const code = gstin.slice(0, 2);
    if (!values.stateCode && /^\d{2}$/.test(code) && STATE_OPTIONS.some((o) => o.value === code))
      set('stateCode', code);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (setup.isPending || isLoggingIn) return;
    const found = validate(values);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const email = values.email.trim();
    const gstin = values.gstin.trim().toUpperCase();
    try {
      await setup.mutateAsync({
        owner: { name: values.name.trim(), email, password: values.password },
        business: { name: values.businessName.trim(), stateCode: values.stateCode, ...(gstin ? { gstin } : {}) },
      });
    } catch (error) {
      if (isApiError(error) && error.code === 'SETUP_ALREADY_DONE') {
        notifications.show({
          color: 'blue',
          title: 'BizDash is already set up',
          message: 'Log in with your account. Ask the owner if you need one.',
        });
        markSetupDone();
        return;
      }
      if (isApiError(error) && error.code === 'PASSWORD_TOO_WEAK') {
        setErrors({ password: error.detail || 'This password is too easy to guess. Use a longer one.' });
        return;
      }
      const fieldErrors = fieldErrorsOf(error, SERVER_FIELDS);
      if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
      else setFormError(errorMessage(error));
      return;
    }
    setLoggingIn(true);
    const businessName = values.businessName.trim();
    try {
      await login({ email, password: values.password });
      // No toast: it covered the dashboard's first chart title. The empty dashboard welcomes and names the next steps.
      markSetupDone(businessName);
    } catch {
      // The account exists; if the automatic login hiccups, the login page is the way in.
      markSetupDone(businessName);
      notifications.show({ color: 'blue', title: 'Your account is ready', message: 'Log in to continue.' });
    } finally {
      setLoggingIn(false);
    }
  }

  /** First run with a demo firm: the owner account from this form, the business and a year of work from the server. */
  async function handleDemo() {
    if (setup.isPending || isLoggingIn || isLoadingDemo) return;
    const all = validate(values);
    // The demo brings its own business; only the account fields matter here.
    const found = Object.fromEntries(
      Object.entries(all).filter(([field]) => ['name', 'email', 'password', 'confirm'].includes(field)),
    );
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const email = values.email.trim();
    const input: DemoSetupInput = { owner: { name: values.name.trim(), email, password: values.password } };
    setLoadingDemo(true);
    try {
      const result = await api.post<DemoSetupResult>('/setup/demo', input, { skipRefresh: true });
      await login({ email, password: values.password });
      markSetupDone(result.summary.businessName);
      notifications.show({
        color: 'teal',
        title: 'Demo firm loaded',
        message: `${result.summary.businessName}: ${result.summary.orders} orders, ${result.summary.parties} parties and ${result.summary.invoices} invoices to explore.`,
      });
    } catch (error) {
      if (isApiError(error) && error.code === 'SETUP_ALREADY_DONE') {
        markSetupDone();
        return;
      }
      const fieldErrors = fieldErrorsOf(error, SERVER_FIELDS);
      if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
      else setFormError(errorMessage(error));
    } finally {
      setLoadingDemo(false);
    }
  }

  return (
    <AuthCard
      title="Set up BizDash"
      subtitle="Create the owner account and tell us about your business. You can change the business details later in Settings."
      width={560}
      footer="Your data stays on this server. Nothing is sent anywhere else."
    >
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          {formError ? (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              data-testid="setup-error"
            >
              {formError}
            </Alert>
          ) : null}
          <Divider
            label={
              <Text size="sm" fw={600} c="dimmed">
                Your account
              </Text>
            }
            labelPosition="left"
          />
          <TextInput
            label="Name"
            autoComplete="name"
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            autoFocus
            required
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            inputMode="email"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
            description="You will log in with this."
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordField
              label="Password"
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              description={`At least ${MIN_PASSWORD} characters`}
              required
            />
            <PasswordField
              label="Confirm password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(e) => set('confirm', e.currentTarget.value)}
              error={errors.confirm}
              description="Type it once more"
              required
            />
          </SimpleGrid>
          <Divider
            label={
              <Text size="sm" fw={600} c="dimmed">
                Your business
              </Text>
            }
            labelPosition="left"
            mt="xs"
          />
          <TextInput
            label="Business name"
            autoComplete="organization"
            value={values.businessName}
            onChange={(e) => set('businessName', e.currentTarget.value)}
            error={errors.businessName}
            description="As it should appear on invoices"
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="State"
              placeholder="Choose a state"
              data={STATE_OPTIONS}
              value={values.stateCode || null}
              onChange={(value) => set('stateCode', value ?? '')}
              error={errors.stateCode}
              searchable
              allowDeselect={false}
              nothingFoundMessage="No state matches"
              maxDropdownHeight={280}
              required
            />
            <TextInput
              label="GSTIN"
              placeholder="27AAAAA0000A1Z5"
              value={values.gstin}
              onChange={(e) => setGstin(e.currentTarget.value)}
              error={errors.gstin}
              description="Optional; leave empty if not registered"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.04em' } }}
              autoCapitalize="characters"
              spellCheck={false}
            />
          </SimpleGrid>
          <Button
            type="submit"
            size="md"
            fullWidth
            mt="xs"
            loading={setup.isPending || isLoggingIn}
            disabled={isLoadingDemo}
          >
            Create account
          </Button>
          <Divider label="or just look around" labelPosition="center" />
          <Button
            variant="light"
            fullWidth
            loading={isLoadingDemo}
            disabled={setup.isPending || isLoggingIn}
            onClick={() => void handleDemo()}
            data-testid="load-demo"
          >
            Load a demo firm
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Creates your account above with a sample share-services firm: a year of orders, invoices and payments. For
            trying BizDash only; use a fresh installation for your real business.
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
