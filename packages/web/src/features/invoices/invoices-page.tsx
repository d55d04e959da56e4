import { IconFileInvoice } from '@tabler/icons-react';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

export function InvoicesPage() {
  return (
    <>
      <PageHeader
        title="Invoices"
        description="GST tax invoices, credit notes and debit notes, numbered per financial year."
      />
      <AreaIntro
        icon={IconFileInvoice}
        heading="No invoices yet"
        points={[
          'CGST + SGST or IGST worked out from the place of supply',
          'Amounts in words and HSN/SAC summaries',
          'Printable PDF in your letterhead',
          'Payment status and what is still due',
        ]}
      >
        Invoices you issue will appear here with their number, party, taxable value, tax and balance due. Issued
        invoices are locked; corrections go through credit or debit notes.
      </AreaIntro>
    </>
  );
}
