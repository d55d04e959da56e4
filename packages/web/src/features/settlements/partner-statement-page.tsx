import { Link, useParams } from 'react-router';
import { Anchor, Group, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { PageHeader } from '../../components/page-header';
import { useParty } from '../parties/api';
import { StatementView } from './statement-view';

/** /settlements/partners/:id/statement: one partner's statement for a period, on screen and as PDF or XLSX. */
export function PartnerStatementPage() {
  const id = Number(useParams().id);
  const party = useParty(id);
  return (
    <>
      <Anchor component={Link} to="/settlements/partners" size="sm" c="dimmed">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          <Text span size="sm" inherit>
            Partner balances
          </Text>
        </Group>
      </Anchor>
      <PageHeader
        title={`Statement · ${party.data?.name ?? 'Partner'}`}
        description="Opening balance, settlements and adjustments by approval date, payouts, and the balance owed."
      />
      <StatementView partnerId={id} linkOrders />
    </>
  );
}
