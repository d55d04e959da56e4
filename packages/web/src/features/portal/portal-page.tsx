import { IconBuildingStore } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function PortalPage() {
  return (
    <>
      <PageHeader title="Partner portal" description="Your work with us: orders, settlements and payouts." />
      <AreaIntro
        icon={IconBuildingStore}
        heading="Nothing to show yet"
        points={[
          'Orders shared with you and their stages',
          'Settlements as they are approved',
          'Payouts made to your account',
          'Statements to download',
        ]}
      >
        When orders are shared with you, they and your payouts will appear here. Only your own records are visible to
        you.
      </AreaIntro>
    </>
  );
}
