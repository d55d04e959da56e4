import { IconPackage } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function OrdersPage() {
  return (
    <>
      <PageHeader
        title="Orders"
        description="Every order from enquiry to delivery, with its party, items and payments."
      />
      <AreaIntro
        icon={IconPackage}
        heading="No orders yet"
        points={[
          'Stages from quotation to delivery',
          'Items, quantities, rates and GST',
          'Advances and payments received',
          'One click from order to invoice',
        ]}
      >
        Orders you take will be listed here. Each one moves through its stages, keeps its own history, and becomes the
        starting point for its GST invoice.
      </AreaIntro>
    </>
  );
}
