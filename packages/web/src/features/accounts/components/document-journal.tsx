import { Paper, Stack, Text } from '@mantine/core';
import type { SourceType } from '@bizdash/contracts/accounts';
import { QueryError } from '../../../components/query-error';
import { PageLoader } from '../../../components/page-loader';
import { useEntriesOf } from '../api';
import { EntryCard } from './entry-lines';

/** The journal entries a document posted: the posting, and any reversal and re-posting after a change. */
export function DocumentJournal({ sourceType, sourceId }: { sourceType: SourceType; sourceId: number }) {
  const query = useEntriesOf(sourceType, sourceId);
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return <QueryError error={query.error} what="the journal entries" onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0)
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          Nothing posted to the book for this document.
        </Text>
      </Paper>
    );
  return (
    <Stack gap="sm" data-testid="document-journal">
      {query.data.items.map((entry) => (
        <EntryCard key={entry.id} entry={entry} />
      ))}
    </Stack>
  );
}
