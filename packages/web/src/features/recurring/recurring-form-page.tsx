import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Party } from '@bizdash/contracts/parties';
import type {
  RecurringFrequency,
  RecurringProfileDetail,
  SaveRecurringProfileInput,
} from '@bizdash/contracts/recurring';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatDate, todayIsoDate } from '../../lib/format';
import { usePartyById } from '../invoices/api';
import { DateField } from '../../components/date-field';
import { PartyPicker } from '../invoices/components/party-picker';
import { useRecurringProfile, useSaveRecurringProfile } from './api';
import { FREQUENCY_LABELS } from './schedule-text';

interface LineDraft {
  key: number;
  description: string;
  hsnSac: string;
  quantity: string;
  unit: string;
  rate: string;
  gstRate: string;
}

type EndMode = 'never' | 'date' | 'count';

const GST_RATES = ['0', '5', '12', '18', '28'].map((r) => ({ value: r, label: `${r}%` }));
let nextKey = 1;
const blankLine = (): LineDraft => ({
  key: nextKey++,
  description: '',
  hsnSac: '',
  quantity: '1',
  unit: 'OTH',
  rate: '',
  gstRate: '18',
});

/** Create or edit a recurring invoice profile: whom, what (lines priced by the invoice engine at each run), when. */
export function RecurringFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const existing = useRecurringProfile(id);
  const existingParty = usePartyById(existing.data?.party.id ?? null);
  if (id !== null && (!existing.data || !existingParty.data)) return <PageLoader />;
  return (
    <RecurringForm key={id ?? 'new'} existing={existing.data ?? null} existingParty={existingParty.data ?? null} />
  );
}

function RecurringForm({
  existing,
  existingParty,
}: {
  existing: RecurringProfileDetail | null;
  existingParty: Party | null;
}) {
  const navigate = useNavigate();
  const save = useSaveRecurringProfile(existing?.id ?? null);
  const [party, setParty] = useState<Party | null>(existingParty);
  const [name, setName] = useState(existing?.name ?? '');
  const [frequency, setFrequency] = useState<RecurringFrequency>(existing?.frequency ?? 'monthly');
  const [dayOfMonth, setDayOfMonth] = useState<number>(existing?.dayOfMonth ?? 1);
  const [startDate, setStartDate] = useState<string | null>(existing?.startDate ?? todayIsoDate());
  const [endMode, setEndMode] = useState<EndMode>(existing?.endDate ? 'date' : existing?.maxRuns ? 'count' : 'never');
  const [endDate, setEndDate] = useState<string | null>(existing?.endDate ?? null);
  const [maxRuns, setMaxRuns] = useState<number>(existing?.maxRuns ?? 12);
  const [autoIssue, setAutoIssue] = useState(existing?.autoIssue ?? true);
  const [autoEmail, setAutoEmail] = useState(existing?.autoEmail ?? false);
  const [isActive, setIsActive] = useState(existing?.isActive ?? true);
  const [notes, setNotes] = useState(existing?.invoice.notes ?? '');
  const [lines, setLines] = useState<LineDraft[]>(
    existing
      ? existing.invoice.lines.map((l) => ({
          key: nextKey++,
          description: l.description,
          hsnSac: l.hsnSac,
          quantity: l.quantity,
          unit: l.unit,
          rate: l.rate ?? '',
          gstRate: l.gstRate,
        }))
      : [blankLine()],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  const setLine = (key: number, patch: Partial<LineDraft>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  function submit() {
    if (!party) {
      setErrors({ partyId: 'Choose the party to bill' });
      return;
    }
    const input: SaveRecurringProfileInput = {
      name: name.trim(),
      partyId: party.id,
      frequency,
      dayOfMonth,
      startDate: startDate ?? '',
      endDate: endMode === 'date' ? endDate : null,
      maxRuns: endMode === 'count' ? maxRuns : null,
      autoIssue,
      autoEmail: autoIssue && autoEmail,
      isActive,
      invoice: {
        ...(existing ? existing.invoice : {}),
        reverseCharge: existing?.invoice.reverseCharge ?? false,
        roundToRupee: existing?.invoice.roundToRupee ?? true,
        notes: notes.trim() || null,
        lines: lines.map((l) => ({
          description: l.description.trim(),
          hsnSac: l.hsnSac.trim(),
          quantity: l.quantity.trim(),
          unit: l.unit.trim() || 'OTH',
          rate: l.rate.trim(),
          gstRate: l.gstRate,
          cessRate: '0',
          cessPerUnit: '0',
        })),
      },
    };
    setErrors({});
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: `Saved ${saved.name}` });
        void navigate(`/recurring/${saved.id}`);
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) {
          notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
        }
      },
    });
  }

  const lineError = (i: number, field: string) => errors[`invoice.lines.${i}.${field}`];

  return (
    <>
      <PageHeader
        title={existing ? `Edit ${existing.name}` : 'New recurring invoice'}
        description="Each run drafts a sales invoice dated its run date, priced by the GST engine like any invoice."
      />
      <Stack gap="md" maw={1000}>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            Whom and when
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Profile name"
              placeholder="Monthly retainer"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <PartyPicker
              label="Party"
              role="client"
              value={party}
              onChange={setParty}
              required
              error={errors.partyId}
            />
            <Select
              label="Frequency"
              data={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))}
              value={frequency}
              onChange={(v) => v && setFrequency(v as RecurringFrequency)} // `as`: the data are the three values
              allowDeselect={false}
            />
            <NumberInput
              label="Day of month"
              description="A day beyond a month's end means its last day (31 → 30 April, 28 February)"
              min={1}
              max={31}
              clampBehavior="strict"
              value={dayOfMonth}
              onChange={(v) => setDayOfMonth(typeof v === 'number' ? v : Number(v) || 1)}
              error={errors.dayOfMonth}
            />
            <DateField label="Start" required value={startDate} onChange={setStartDate} error={errors.startDate} />
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Ends
              </Text>
              <SegmentedControl
                aria-label="Ends"
                data={[
                  { value: 'never', label: 'Never' },
                  { value: 'date', label: 'On a date' },
                  { value: 'count', label: 'After' },
                ]}
                value={endMode}
                onChange={(v) => setEndMode(v as EndMode)} // `as`: the data are the three modes
              />
              {endMode === 'date' ? (
                <DateField aria-label="End date" value={endDate} onChange={setEndDate} error={errors.endDate} />
              ) : null}
              {endMode === 'count' ? (
                <NumberInput
                  aria-label="Number of runs"
                  suffix=" runs"
                  min={1}
                  max={1000}
                  value={maxRuns}
                  onChange={(v) => setMaxRuns(typeof v === 'number' ? v : Number(v) || 1)}
                  error={errors.maxRuns}
                />
              ) : null}
            </Stack>
          </SimpleGrid>
          <Group mt="md" gap="xl">
            <Switch
              label="Issue automatically"
              description="Off: each run leaves a draft to review"
              checked={autoIssue}
              onChange={(e) => setAutoIssue(e.currentTarget.checked)}
            />
            <Switch
              label="Email each invoice"
              description={
                party && party.emails.length === 0 ? 'This party has no email address' : "To the party's email"
              }
              checked={autoIssue && autoEmail}
              disabled={!autoIssue}
              onChange={(e) => setAutoEmail(e.currentTarget.checked)}
            />
            <Switch label="Active" checked={isActive} onChange={(e) => setIsActive(e.currentTarget.checked)} />
          </Group>
        </Paper>

        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            Invoice lines
          </Title>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Description</Table.Th>
                  <Table.Th w={120}>HSN/SAC</Table.Th>
                  <Table.Th w={100}>Qty</Table.Th>
                  <Table.Th w={100}>Unit</Table.Th>
                  <Table.Th w={130}>Rate (₹)</Table.Th>
                  <Table.Th w={110}>GST</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => (
                  <Table.Tr key={l.key}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${i + 1} description`}
                        value={l.description}
                        onChange={(e) => setLine(l.key, { description: e.currentTarget.value })}
                        error={lineError(i, 'description')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${i + 1} HSN/SAC`}
                        className="mono"
                        value={l.hsnSac}
                        onChange={(e) => setLine(l.key, { hsnSac: e.currentTarget.value })}
                        error={lineError(i, 'hsnSac')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${i + 1} quantity`}
                        classNames={{ input: 'num' }}
                        value={l.quantity}
                        onChange={(e) => setLine(l.key, { quantity: e.currentTarget.value })}
                        error={lineError(i, 'quantity')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${i + 1} unit`}
                        value={l.unit}
                        onChange={(e) => setLine(l.key, { unit: e.currentTarget.value.toUpperCase() })}
                        error={lineError(i, 'unit')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${i + 1} rate`}
                        classNames={{ input: 'num' }}
                        value={l.rate}
                        onChange={(e) => setLine(l.key, { rate: e.currentTarget.value })}
                        error={lineError(i, 'rate')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Line ${i + 1} GST rate`}
                        data={GST_RATES}
                        value={l.gstRate}
                        onChange={(v) => v && setLine(l.key, { gstRate: v })}
                        allowDeselect={false}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove line ${i + 1}`}
                        disabled={lines.length === 1}
                        onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} />}
            mt="xs"
            onClick={() => setLines((all) => [...all, blankLine()])}
          >
            Add line
          </Button>
          <TextInput
            mt="sm"
            label="Notes on each invoice"
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
        </Paper>

        {existing?.lastRunDate ? (
          <Alert color="blue" variant="light">
            Runs already made (last on {formatDate(existing.lastRunDate)}) stay as they are; the next run follows the
            schedule saved here.
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={existing ? `/recurring/${existing.id}` : '/recurring'}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </>
  );
}
