import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconSearch, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { NAV_ITEMS } from '../navigation';

/** Ctrl+K / ⌘K: jump to any area the user may open. Records join the results as their areas arrive. */
export function CommandPalette() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const actions: SpotlightActionData[] = [
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
  ];
  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      nothingFound="Nothing matches"
      highlightQuery
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.5} />,
        placeholder: 'Go to…',
        'aria-label': 'Search',
      }}
    />
  );
}
