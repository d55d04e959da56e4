import { useRef, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Checkbox,
  Combobox,
  Group,
  NativeSelect,
  Table,
  Text,
  TextInput,
  Tooltip,
  useCombobox,
  type TextInputProps,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import type { Item } from '@bizdash/contracts/masters';
import { formatAmount, formatPaise } from '../../../lib/format';
import { useItemSearch } from '../api';
import type { LineTaxability } from '@bizdash/contracts/invoices';
import { blankLine, isBlankLine, isZeroRate, type LineDraft, type LineField, type LiveLine } from '../invoice-draft';

/** Editable cells, in the order Enter and Tab walk through them. */
const CELLS: readonly LineField[] = ['description', 'hsnSac', 'quantity', 'unit', 'rate', 'discount', 'gstRate'];
const CELL_LABELS: Record<LineField, string> = {
  description: 'description',
  hsnSac: 'HSN/SAC',
  quantity: 'quantity',
  unit: 'unit',
  rate: 'rate',
  discount: 'discount',
  gstRate: 'GST %',
};

interface LineGridProps {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  live: Map<string, LiveLine>;
  /** Errors from the server, by line key and field. */
  serverErrors: Record<string, Partial<Record<string, string>>>;
  /** Note mode: lines come from the original; tick the ones the note covers. */
  isNote: boolean;
  /** Credit notes keep the original's description, HSN and rates; only quantity and rate change. */
  isLocked: boolean;
  stateTaxLabel: string | null;
  /** Lines of a bill of supply are exempt unless marked otherwise (Rule 49). */
  isBillOfSupply: boolean;
  /** Exports and SEZ supplies: a taxable 0 % line is zero-rated, not nil-rated (it stays in GSTR-1 exp / b2b). */
  isZeroRated: boolean;
}

/** What a 0 % line is (GSTR-1 Table 8); a taxable line at 0 % is nil-rated, on a bill of supply exempt. */
const ZERO_RATE_OPTIONS: { value: LineTaxability; label: string }[] = [
  { value: 'nil', label: 'Nil-rated' },
  { value: 'exempt', label: 'Exempt' },
  { value: 'non_gst', label: 'Non-GST' },
];

function focusCell(container: HTMLElement | null, row: number, col: number) {
  // The next row may render on the next frame (a new blank line), so wait for it.
  requestAnimationFrame(() => {
    const el = container?.querySelector<HTMLInputElement>(`[data-cell="${row}:${col}"]`);
    el?.focus();
    el?.select();
  });
}

/**
 * The keyboard-first line table: Enter or Tab moves to the next cell, the last cell of a line moves to the next
 * line, and a blank line is always waiting at the end (it is never sent).
 */
export function LineGrid({
  lines,
  onChange,
  live,
  serverErrors,
  isNote,
  isLocked,
  stateTaxLabel,
  isBillOfSupply,
  isZeroRated,
}: LineGridProps) {
  const zeroRateOptions = isZeroRated
    ? [{ value: 'taxable', label: 'Zero-rated' }, ...ZERO_RATE_OPTIONS]
    : ZERO_RATE_OPTIONS;
  const defaultZeroRate: LineTaxability = isZeroRated ? 'taxable' : isBillOfSupply ? 'exempt' : 'nil';
  const containerRef = useRef<HTMLDivElement>(null);
  // The line being typed into shows no "required" marks until it is left.
  const [activeRow, setActiveRow] = useState<number | null>(null);

  function update(index: number, patch: Partial<LineDraft>) {
    const next = lines.map((l, i) => (i === index ? { ...l, ...patch } : l));
    // Typing into the last line opens a fresh one below it.
    const last = next[next.length - 1];
    if (!isNote && last && !isBlankLine(last)) next.push(blankLine());
    onChange(next);
  }

  function remove(index: number) {
    const next = lines.filter((_, i) => i !== index);
    if (!isNote && (next.length === 0 || !isBlankLine(next[next.length - 1]!))) next.push(blankLine());
    onChange(next);
  }

  function onCellKeyDown(event: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const lastCol = CELLS.length - 1;
    const step = event.shiftKey ? -1 : 1;
    let nextRow = row;
    let nextCol = col + step;
    if (nextCol > lastCol) {
      nextRow += 1;
      nextCol = 0;
    } else if (nextCol < 0) {
      nextRow -= 1;
      nextCol = lastCol;
    }
    if (nextRow < 0 || nextRow >= lines.length) return;
    focusCell(containerRef.current, nextRow, nextCol);
  }

  function pickItem(index: number, item: Item) {
    update(index, {
      itemId: item.id,
      description: item.name,
      hsnSac: item.hsnSac,
      unit: item.unit,
      rate: item.salePrice ?? lines[index]?.rate ?? '',
      gstRate: item.gstRate,
      cessRate: item.cessRate,
      cessPerUnit: item.cessPerUnit,
      taxability: item.taxability,
      quantity: lines[index]?.quantity || '1',
    });
    focusCell(containerRef.current, index, CELLS.indexOf('quantity'));
  }

  const taxHeading = stateTaxLabel ? `GST % (CGST+${stateTaxLabel})` : 'GST %';

  return (
    <div ref={containerRef}>
      <Table.ScrollContainer minWidth={1140} type="native">
        <Table verticalSpacing={4} horizontalSpacing={6} data-testid="line-grid" className="invoice-line-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={isNote ? 56 : 36}>#</Table.Th>
              <Table.Th>Item / description</Table.Th>
              <Table.Th w={104}>HSN/SAC</Table.Th>
              <Table.Th w={84} className="num-cell">
                Qty
              </Table.Th>
              <Table.Th w={70}>Unit</Table.Th>
              <Table.Th w={112} className="num-cell">
                Rate ₹
              </Table.Th>
              <Table.Th w={90} className="num-cell">
                <Tooltip label="10% for a percentage, 50 for ₹50 off">
                  <span>Discount</span>
                </Tooltip>
              </Table.Th>
              <Table.Th w={70} className="num-cell">
                <Tooltip label={taxHeading}>
                  <span>GST %</span>
                </Tooltip>
              </Table.Th>
              <Table.Th w={100}>
                <Tooltip label="A 0 % line is nil-rated, exempt or outside GST (GSTR-1 Table 8)">
                  <span>Supply</span>
                </Tooltip>
              </Table.Th>
              <Table.Th w={120} className="num-cell">
                Taxable
              </Table.Th>
              <Table.Th w={120} className="num-cell">
                Total
              </Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, row) => {
              const liveLine = live.get(line.key);
              const errors = { ...(row === activeRow ? {} : liveLine?.errors), ...serverErrors[line.key] };
              const isBlank = isBlankLine(line);
              const isOff = isNote && line.originalLineId !== null && !line.isSelected;
              const cell = (field: LineField, props: Partial<TextInputProps> = {}) => {
                const col = CELLS.indexOf(field);
                const readOnly = isOff || (isLocked && field !== 'quantity' && field !== 'rate');
                return (
                  <TextInput
                    size="xs"
                    value={line[field]}
                    onChange={(e) => update(row, { [field]: e.currentTarget.value })}
                    onKeyDown={(e) => onCellKeyDown(e, row, col)}
                    aria-label={`Line ${row + 1} ${CELL_LABELS[field]}`}
                    error={!isBlank && !isOff && errors[field] ? true : undefined}
                    title={!isBlank && !isOff ? errors[field] : undefined}
                    readOnly={readOnly}
                    variant={readOnly ? 'filled' : 'default'}
                    tabIndex={readOnly ? -1 : undefined}
                    data-cell={`${row}:${col}`}
                    autoComplete="off"
                    {...props}
                  />
                );
              };
              return (
                <Table.Tr
                  key={line.key}
                  data-testid={`line-${row + 1}`}
                  style={{ opacity: isOff ? 0.55 : 1 }}
                  onFocus={() => setActiveRow(row)}
                  onBlur={() => setActiveRow(null)}
                >
                  <Table.Td>
                    {isNote && line.originalLineId !== null ? (
                      <Group gap={4} wrap="nowrap">
                        <Checkbox
                          size="xs"
                          checked={line.isSelected}
                          onChange={(e) => update(row, { isSelected: e.currentTarget.checked })}
                          aria-label={`Include line ${row + 1}`}
                        />
                        <Text size="xs" c="dimmed" className="num">
                          {row + 1}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="xs" c="dimmed" className="num">
                        {row + 1}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {isLocked || isOff ? (
                      cell('description')
                    ) : (
                      <DescriptionCell
                        line={line}
                        row={row}
                        hasError={!isBlank && Boolean(errors.description)}
                        onText={(description) => update(row, { description, itemId: null })}
                        onPick={(item) => pickItem(row, item)}
                        onKeyDown={(e) => onCellKeyDown(e, row, 0)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>{cell('hsnSac', { inputMode: 'numeric', classNames: { input: 'num' } })}</Table.Td>
                  <Table.Td>
                    {cell('quantity', { inputMode: 'decimal', classNames: { input: 'num' }, styles: rightInput })}
                  </Table.Td>
                  <Table.Td>{cell('unit', { styles: { input: { textTransform: 'uppercase' } } })}</Table.Td>
                  <Table.Td>
                    {cell('rate', { inputMode: 'decimal', classNames: { input: 'num' }, styles: rightInput })}
                  </Table.Td>
                  <Table.Td>
                    {cell('discount', { placeholder: '% or ₹', classNames: { input: 'num' }, styles: rightInput })}
                  </Table.Td>
                  <Table.Td>
                    {cell('gstRate', { inputMode: 'decimal', classNames: { input: 'num' }, styles: rightInput })}
                  </Table.Td>
                  <Table.Td>
                    {!isBlank && isZeroRate(line.gstRate) ? (
                      <NativeSelect
                        size="xs"
                        data={zeroRateOptions}
                        value={line.taxability === 'taxable' ? defaultZeroRate : line.taxability}
                        onChange={(e) => update(row, { taxability: e.currentTarget.value as LineTaxability })}
                        disabled={isOff || isLocked || isNote}
                        aria-label={`Line ${row + 1} supply`}
                        tabIndex={-1}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {isBlank ? '' : 'Taxable'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="num-cell">
                    <Text size="sm" className="num" c={isOff ? 'dimmed' : undefined}>
                      {isBlank || isOff ? '' : formatPaise(liveLine?.taxableValue)}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num-cell">
                    <Text size="sm" className="num" fw={500} data-testid={`line-${row + 1}-total`}>
                      {isBlank || isOff ? '' : formatPaise(liveLine?.total)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {!isBlank && line.originalLineId === null ? (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        onClick={() => remove(row)}
                        aria-label={`Remove line ${row + 1}`}
                        tabIndex={-1}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

const rightInput = { input: { textAlign: 'right' as const } };

interface DescriptionCellProps {
  line: LineDraft;
  row: number;
  hasError: boolean;
  onText: (text: string) => void;
  onPick: (item: Item) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

/** Free text, or an item from the catalogue (type, arrow down, Enter): the item fills HSN, unit, rate and GST. */
function DescriptionCell({ line, row, hasError, onText, onPick, onKeyDown }: DescriptionCellProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [isFocused, setFocused] = useState(false);
  const [search] = useDebouncedValue(line.description.trim(), 150);
  const items = useItemSearch(search, isFocused && search.length > 0);
  const options = items.data ?? [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        const item = options.find((i) => String(i.id) === value);
        if (item) onPick(item);
        combobox.closeDropdown();
      }}
      withinPortal
    >
      <Combobox.Target>
        <TextInput
          size="xs"
          value={line.description}
          placeholder={row === 0 ? 'Type an item name or a description' : undefined}
          aria-label={`Line ${row + 1} description`}
          data-cell={`${row}:0`}
          autoComplete="off"
          error={hasError || undefined}
          onChange={(e) => {
            onText(e.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            combobox.closeDropdown();
          }}
          onKeyDown={(e) => {
            // Enter on a highlighted item is the combobox's: it picks the item.
            if (combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1) return;
            onKeyDown(e);
          }}
          rightSection={
            line.itemId ? (
              <Tooltip label="From the items catalogue">
                <Text size="xs" c="teal" fw={700}>
                  ●
                </Text>
              </Tooltip>
            ) : null
          }
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.length === 0 || !isFocused}>
        <Combobox.Options>
          {options.map((item) => (
            <Combobox.Option value={String(item.id)} key={item.id}>
              <Group justify="space-between" wrap="nowrap" gap="md">
                <div>
                  <Text size="sm">{item.name}</Text>
                  <Text size="xs" c="dimmed">
                    <span className="mono">{item.hsnSac}</span> · {item.unit} · GST {item.gstRate}%
                  </Text>
                </div>
                <Text size="sm" className="num">
                  {item.salePrice ? formatAmount(item.salePrice) : ''}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
