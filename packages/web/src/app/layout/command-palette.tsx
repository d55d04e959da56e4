import { Spotlight, type SpotlightActionData, type SpotlightActionGroupData } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconBox,
  IconBuildingBank,
  IconFileInvoice,
  IconPackage,
  IconSearch,
  IconUserCircle,
  IconUsersGroup,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ComponentType } from 'react';
import { useNavigate } from 'react-router';
import type { SearchKind, SearchResult } from '@bizdash/contracts/search';
import { api } from '../../lib/api';
import { useAuth } from '../auth/auth-context';
import { NAV_ITEMS } from '../navigation';

const KIND_GROUPS: Record<SearchKind, { label: string; icon: ComponentType<{ size?: number; stroke?: number }> }> = {
  party: { label: 'Parties', icon: IconUsersGroup },
  order: { label: 'Orders', icon: IconPackage },
  invoice: { label: 'Invoices', icon: IconFileInvoice },
  company: { label: 'Companies', icon: IconBuildingBank },
  item: { label: 'Items', icon: IconBox },
};

/**
 * Ctrl+K / ⌘K: jump to an area, or find a record. Areas match as you type; records come from GET /search (the
 * parties' trigram index, order and invoice numbers, companies, items), debounced, and only what the role may read.
 */
export function CommandPalette() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);

  const search = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => api.get<SearchResult>('/search', { q: debounced, limit: 5 }, signal),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const needle = query.trim().toLowerCase();
  const areas: SpotlightActionData[] = [
    ...NAV_ITEMS.filter((item) => can(item.action)).map((item) => {
      const Icon = item.icon;
      return {
        id: item.path,
        label: item.label,
        description: item.description,
        leftSection: <Icon size={20} stroke={1.5} />,
        onClick: () => void navigate(item.path),
      };
    }),
    {
      id: '/account',
      label: 'Account',
      description: 'Your profile, password, two-factor and API keys',
      leftSection: <IconUserCircle size={20} stroke={1.5} />,
      onClick: () => void navigate('/account'),
    },
  ].filter((a) => !needle || `${a.label} ${a.description}`.toLowerCase().includes(needle));

  const hits = debounced.length >= 2 ? (search.data?.hits ?? []) : [];
  const groups: SpotlightActionGroupData[] = (Object.keys(KIND_GROUPS) as SearchKind[])
    .map((kind) => {
      const { label, icon: Icon } = KIND_GROUPS[kind];
      return {
        group: label,
        actions: hits
          .filter((h) => h.kind === kind)
          .map((h) => ({
            id: `${h.kind}-${h.id}`,
            label: h.title,
            description: h.subtitle ?? undefined,
            leftSection: <Icon size={20} stroke={1.5} />,
            onClick: () => void navigate(h.href),
          })),
      };
    })
    .filter((g) => g.actions.length > 0);

  const actions = [...(areas.length > 0 ? [{ group: 'Go to', actions: areas }] : []), ...groups];

  return (
    <Spotlight
      actions={actions}
      // Records are already matched by the server (typo-tolerant); areas are matched above. No second filter.
      filter={(_q, all) => all}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      nothingFound={search.isFetching ? 'Searching…' : 'Nothing matches'}
      highlightQuery
      scrollAreaProps={{ mah: 480 }}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.5} />,
        placeholder: 'Search parties, orders, invoices, items… or go to an area',
        'aria-label': 'Search',
      }}
    />
  );
}
