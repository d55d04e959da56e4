import { Paper, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SettlementBasis } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { useSetSettlementSettings, useSettlementSettings } from '../orders/money-api';

const BASES: { value: SettlementBasis; label: string; description: string }[] = [
  {
    value: 'contracted',
    label: 'Contracted',
    description:
      'Revenue is the fees of a completed order, or the base charges of a failed one, whether or not the client has paid yet.',
  },
  {
    value: 'collected',
    label: 'Collected',
    description:
      'Revenue is what the client has actually paid against the order, capped at the amount due. Partners share only money received.',
  },
];

/** Settings → Partner settlements: which revenue the partner's share is computed on. */
export function SettlementSection() {
  const { can } = useAuth();
  const query = useSettlementSettings();
  const save = useSetSettlementSettings();
  const canManage = can('settings.manage');

  return (
    <>
      <PageHeader
        title="Partner settlements"
        description="The partner's share of an order is max(0, revenue − expenses) × share %, rounded to the paisa; the business keeps the rest and absorbs any loss."
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} what="the settlement setting" onRetry={() => void query.refetch()} />
      ) : (
        <Paper withBorder p="md" maw={720}>
          <Radio.Group
            label="Settlement basis"
            description="Changing it recomputes draft settlements as their orders change; approved ones stay as approved."
            value={query.data.basis}
            onChange={(value) => {
              const basis = BASES.find((b) => b.value === value)?.value;
              if (!basis || basis === query.data.basis) return;
              save.mutate(
                { basis },
                {
                  onSuccess: () => notifications.show({ color: 'teal', message: 'Settlement basis saved' }),
                  onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) }),
                },
              );
            }}
          >
            <Stack gap="sm" mt="sm">
              {BASES.map((b) => (
                <Radio
                  key={b.value}
                  value={b.value}
                  disabled={!canManage || save.isPending}
                  label={b.label}
                  description={b.description}
                />
              ))}
            </Stack>
          </Radio.Group>
          {canManage ? null : (
            <Text size="xs" c="dimmed" mt="sm">
              Only an owner or admin can change this.
            </Text>
          )}
        </Paper>
      )}
    </>
  );
}
