import type { ComponentType } from 'react';
import { Box, Divider, Flex, NavLink, Paper, ScrollArea, Select, Text } from '@mantine/core';
import {
  IconArrowsRightLeft,
  IconBuilding,
  IconBuildingBank,
  IconBuildingSkyscraper,
  IconClipboardList,
  IconCoins,
  IconDatabaseExport,
  IconMail,
  IconPlugConnected,
  IconFileDescription,
  IconHash,
  IconId,
  IconPackages,
  type IconProps,
} from '@tabler/icons-react';
import { Navigate, NavLink as RouterNavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Action } from '@bizdash/domain/permissions';
import { useAuth } from '../../app/auth/auth-context';
import { ForbiddenPage, NotFoundPage } from '../../components/status-page';
import { CompaniesPage } from '../masters/companies-page';
import { DocumentTypesPage } from '../masters/document-types-page';
import { ItemsPage } from '../masters/items-page';
import { OrderTypesPage } from '../masters/order-types-page';
import { RegistrarsPage } from '../masters/registrars-page';
import { BusinessSection } from './business-section';
import { NumberSeriesSection } from './number-series-section';
import { OrderStagesSection } from './order-stages-section';
import { RegistrationsSection } from './registrations-section';
import { SettlementSection } from './settlement-section';
import { EmailSection } from '../email/email-section';
import { BackupsSection } from '../backups/backups-section';
import { SyncSection } from '../sync/sync-section';

interface SettingsSection {
  path: string;
  label: string;
  icon: ComponentType<IconProps>;
  action: Action;
  group: 'business' | 'masters';
  Page: ComponentType;
}

/** The settings area's sections; each checks its own permission (masters are open to staff who may read them). */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  {
    path: 'business',
    label: 'Business',
    icon: IconBuilding,
    action: 'settings.read',
    group: 'business',
    Page: BusinessSection,
  },
  {
    path: 'registrations',
    label: 'GST registrations',
    icon: IconId,
    action: 'settings.read',
    group: 'business',
    Page: RegistrationsSection,
  },
  {
    path: 'number-series',
    label: 'Number series',
    icon: IconHash,
    action: 'settings.read',
    group: 'business',
    Page: NumberSeriesSection,
  },
  {
    path: 'order-stages',
    label: 'Order stages',
    icon: IconArrowsRightLeft,
    action: 'settings.read',
    group: 'business',
    Page: OrderStagesSection,
  },
  {
    path: 'settlement',
    label: 'Partner settlements',
    icon: IconCoins,
    action: 'settings.read',
    group: 'business',
    Page: SettlementSection,
  },
  {
    path: 'email',
    label: 'Email',
    icon: IconMail,
    action: 'settings.read',
    group: 'business',
    Page: EmailSection,
  },
  {
    path: 'backups',
    label: 'Backups',
    icon: IconDatabaseExport,
    action: 'settings.read',
    group: 'business',
    Page: BackupsSection,
  },
  {
    path: 'sync',
    label: 'Sync and webhooks',
    icon: IconPlugConnected,
    action: 'jobs.manage',
    group: 'business',
    Page: SyncSection,
  },
  {
    path: 'registrars',
    label: 'Registrars',
    icon: IconBuildingBank,
    action: 'masters.read',
    group: 'masters',
    Page: RegistrarsPage,
  },
  {
    path: 'companies',
    label: 'Companies',
    icon: IconBuildingSkyscraper,
    action: 'masters.read',
    group: 'masters',
    Page: CompaniesPage,
  },
  {
    path: 'document-types',
    label: 'Document types',
    icon: IconFileDescription,
    action: 'masters.read',
    group: 'masters',
    Page: DocumentTypesPage,
  },
  {
    path: 'order-types',
    label: 'Order types',
    icon: IconClipboardList,
    action: 'masters.read',
    group: 'masters',
    Page: OrderTypesPage,
  },
  { path: 'items', label: 'Items', icon: IconPackages, action: 'masters.read', group: 'masters', Page: ItemsPage },
];

function SubNav({ sections }: { sections: readonly SettingsSection[] }) {
  const groups: [SettingsSection['group'], string][] = [
    ['business', 'Business'],
    ['masters', 'Master data'],
  ];
  return (
    <Paper withBorder p="xs" component="nav" aria-label="Settings sections" data-testid="settings-nav">
      {groups.map(([group, title], index) => {
        const inGroup = sections.filter((s) => s.group === group);
        if (inGroup.length === 0) return null;
        return (
          <Box key={group}>
            {index > 0 && sections.some((s) => s.group !== group) ? <Divider my="xs" /> : null}
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
              {title}
            </Text>
            {inGroup.map((section) => (
              <RouterNavLink
                key={section.path}
                to={`/settings/${section.path}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                {({ isActive }) => (
                  <NavLink
                    component="span"
                    label={section.label}
                    leftSection={<section.icon size={18} stroke={1.6} />}
                    active={isActive}
                    variant="light"
                    style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  />
                )}
              </RouterNavLink>
            ))}
          </Box>
        );
      })}
    </Paper>
  );
}

/**
 * The sections as one picker on narrow screens, where the full list would push every section's content a screen down.
 */
function SectionPicker({ sections }: { sections: readonly SettingsSection[] }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = sections.find(
    (s) => pathname === `/settings/${s.path}` || pathname.startsWith(`/settings/${s.path}/`),
  );
  const data = (
    [
      ['business', 'Business'],
      ['masters', 'Master data'],
    ] as const
  )
    .map(([group, title]) => ({
      group: title,
      items: sections.filter((s) => s.group === group).map((s) => ({ value: s.path, label: s.label })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <Select
      aria-label="Settings section"
      data={data}
      value={current?.path ?? null}
      onChange={(path) => path && void navigate(`/settings/${path}`)}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      data-testid="settings-section-picker"
    />
  );
}

/** /settings/*: business profile, GST registrations, numbering and master data, with a left sub-navigation. */
export function SettingsPage() {
  const { can } = useAuth();
  const sections = SETTINGS_SECTIONS.filter((s) => can(s.action));
  const first = sections[0];
  if (!first) return <ForbiddenPage />;

  return (
    <Flex gap="lg" direction={{ base: 'column', md: 'row' }} align={{ base: 'stretch', md: 'flex-start' }}>
      {/* Sticky beside the content on wide screens only: above it, a sticky list would cover what scrolls under it. */}
      <Box
        w={{ base: '100%', md: 220 }}
        pos={{ base: 'static', md: 'sticky' }}
        top="var(--mantine-spacing-md)"
        style={{ flexShrink: 0 }}
      >
        <Box visibleFrom="md">
          <ScrollArea.Autosize mah="calc(100vh - 120px)" type="never">
            <SubNav sections={sections} />
          </ScrollArea.Autosize>
        </Box>
        <Box hiddenFrom="md">
          <SectionPicker sections={sections} />
        </Box>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Routes>
          <Route index element={<Navigate to={first.path} replace />} />
          {SETTINGS_SECTIONS.map((section) => (
            <Route
              key={section.path}
              path={section.path}
              element={can(section.action) ? <section.Page /> : <ForbiddenPage />}
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Box>
    </Flex>
  );
}
