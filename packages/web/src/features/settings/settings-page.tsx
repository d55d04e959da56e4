import { IconSettings } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your business profile and how BizDash works for it." />
      <AreaIntro
        icon={IconSettings}
        heading="Business settings"
        points={[
          'Legal name, address, GSTIN and state',
          'Invoice numbering per financial year',
          'Bank details and terms printed on invoices',
          'Backups and email delivery',
        ]}
      >
        The details you entered during setup live here, along with the preferences that shape your invoices and
        documents.
      </AreaIntro>
    </>
  );
}
