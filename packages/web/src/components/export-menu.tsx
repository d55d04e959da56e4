import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { downloadFile, type QueryValue } from '../lib/api';
import { errorMessage } from '../lib/errors';

interface ExportMenuProps {
  /** API path of the export, such as /parties/export. */
  path: string;
  /** The list's current filters and sort; paging is left out (the export is the whole filtered list). */
  query: Record<string, QueryValue>;
  fileName: string;
}

/** "Export" → CSV or XLSX of the list exactly as filtered and sorted on screen. */
export function ExportMenu({ path, query, fileName }: ExportMenuProps) {
  const [busy, setBusy] = useState(false);
  const { page: _page, pageSize: _pageSize, ...filters } = query;

  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    try {
      await downloadFile(path, { ...filters, format }, `${fileName}.${format}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          data-testid="export-menu"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>With the current filters</Menu.Label>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void run('csv')}>
          CSV
        </Menu.Item>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          Excel (XLSX)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
