import { IconChartBar } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function ReportsPage() {
  return (
    <>
      <PageHeader title="Reports" description="Sales, tax and receivables, by period and by party." />
      <AreaIntro
        icon={IconChartBar}
        heading="Reports will build up as you work"
        points={[
          'Sales register by month and financial year',
          'GSTR-1 ready summaries and JSON export',
          'Receivables ageing by party',
          'Export to Excel-friendly CSV',
        ]}
      >
        Once invoices and payments are recorded, this area summarises them for your accountant and for GST filing.
      </AreaIntro>
    </>
  );
}
