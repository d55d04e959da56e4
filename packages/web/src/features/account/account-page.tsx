import { Stack } from '@mantine/core';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { ApiKeysSection } from './components/api-keys-section';
import { PasswordSection } from './components/password-section';
import { ProfileSection } from './components/profile-section';
import { TwoFactorSection } from './components/two-factor-section';

export function AccountPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader title="Account" description="Your profile and how you sign in." />
      <Stack gap="lg">
        <ProfileSection />
        <PasswordSection />
        <TwoFactorSection />
        {can('api_keys.manage') ? <ApiKeysSection /> : null}
      </Stack>
    </>
  );
}
