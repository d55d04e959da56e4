import { IconUsersGroup } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function PartiesPage() {
  return (
    <>
      <PageHeader title="Parties" description="The clients, suppliers and partners you do business with." />
      <AreaIntro
        icon={IconUsersGroup}
        heading="No parties yet"
        points={[
          'GSTIN checked as you type',
          'Billing and shipping addresses with state codes',
          'Contact people, phone and email',
          'Outstanding balance at a glance',
        ]}
      >
        Add a party once and pick it on every order and invoice. Its GSTIN and state decide how GST is charged.
      </AreaIntro>
    </>
  );
}
