import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { useJournalEntry } from './api';
import { AccountsTabs } from './components/accounts-tabs';
import { EntryLinesTable } from './components/entry-lines';
import { SourceLink } from './components/source-link';
import { SOURCE_LABELS, VOUCHER_LABELS } from './labels';

/** One journal entry: its lines, the document that posted it, and the entry it reverses or that reversed it. */
export function JournalEntryPage() {
  const id = Number(useParams().id);
  const query = useJournalEntry(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} what="this entry" onRetry={() => void query.refetch()} />;
  const entry = query.data;
  const partyId = entry.lines.find((l) => l.partyId !== null)?.partyId ?? null;
  return (
    <>
      <PageHeader
        title={`Journal entry #${entry.id}`}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" size="sm">
              {VOUCHER_LABELS[entry.voucherType]}
            </Badge>
            <span>{entry.narration}</span>
          </Group>
        }
      />
      <AccountsTabs />
      <Stack gap="md">
        {entry.reversesId !== null ? (
          <Alert color="orange" variant="light" icon={<IconArrowBackUp size={18} />} data-testid="entry-reverses">
            This entry reverses{' '}
            <Anchor component={Link} to={`/accounts/entries/${entry.reversesId}`} size="sm">
              entry #{entry.reversesId}
            </Anchor>
            .
          </Alert>
        ) : null}
        {entry.reversedById !== null ? (
          <Alert color="gray" variant="light" icon={<IconArrowBackUp size={18} />} data-testid="entry-reversed-by">
            Reversed by{' '}
            <Anchor component={Link} to={`/accounts/entries/${entry.reversedById}`} size="sm">
              entry #{entry.reversedById}
            </Anchor>
            : the document was changed or cancelled after it posted.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact label="Date">
            <span className="num">{formatDate(entry.date)}</span>
          </Fact>
          <Fact label="Reference">
            <span className="mono">{entry.reference ?? PLACEHOLDER}</span>
          </Fact>
          <Fact label={SOURCE_LABELS[entry.sourceType]}>
            <SourceLink source={{ ...entry, partyId }} label="Open document" />
          </Fact>
          <Fact label="Posted">
            <DateTime value={entry.createdAt} />
          </Fact>
        </SimpleGrid>
        <Paper withBorder p={0}>
          <EntryLinesTable entry={entry} />
        </Paper>
      </Stack>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Paper>
  );
}
