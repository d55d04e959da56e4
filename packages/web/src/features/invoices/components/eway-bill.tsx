import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  VEHICLE_NO_RE,
  normalizeVehicleNo,
  type GenerateEwayBillInput,
  type TransportMode,
} from '@bizdash/contracts/ewaybill';
import type { Invoice } from '@bizdash/contracts/invoices';
import { isApiError, saveBlob } from '../../../lib/api';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useGenerateEwayBill, useImportEwayBill, type EwayBillEndpoint } from '../api';
import { DateField } from '../../../components/date-field';

/** E-way bills are for issued sales invoices (the server refuses notes, drafts and services-only invoices). */
export function canEwayBill(invoice: Invoice): boolean {
  return invoice.status === 'issued' && invoice.direction === 'receivable' && invoice.type === 'sales';
}

/** "1234 5678 9012": the number in groups of four, as the portal prints it. */
export function groupEwbNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What the dialogs need of a document with an e-way bill: an invoice, or a delivery challan. */
type EwayBillDocument = Pick<Invoice, 'id' | 'number' | 'ewayBill'>;

/** The e-way bill on the invoice page: "1234 5678 9012" over "valid until 23-11-2026". */
export function ewayBillSummary(invoice: Pick<Invoice, 'ewayBill'>): ReactNode {
  const e = invoice.ewayBill;
  if (!e.number) return null;
  return (
    <>
      {groupEwbNumber(e.number)}
      {e.validUntil ? (
        <>
          <br />
          valid until {formatDate(e.validUntil)}
        </>
      ) : null}
    </>
  );
}

const MODES: { value: TransportMode; label: string }[] = [
  { value: 'road', label: 'Road' },
  { value: 'rail', label: 'Rail' },
  { value: 'air', label: 'Air' },
  { value: 'ship', label: 'Ship' },
];

function fileNameOf(invoice: EwayBillDocument): string {
  return `${(invoice.number ?? `invoice-${invoice.id}`).replace(/[^A-Za-z0-9-]+/g, '-')}-ewaybill.json`;
}

/**
 * Part B (conveyance) for the e-way bill and the download of the portal's bulk-generation JSON. Below the
 * business's threshold the server answers 409; the user may then generate anyway (some states and movements need
 * an e-way bill below it).
 */
export function EwayBillModal({
  invoice,
  endpoint = 'invoices',
  opened,
  onClose,
}: {
  invoice: EwayBillDocument;
  /** The document's API base (a delivery challan: 'sales-documents'). */
  endpoint?: EwayBillEndpoint;
  opened: boolean;
  onClose: () => void;
}) {
  const saved = invoice.ewayBill.partB;
  const [mode, setMode] = useState<TransportMode>(saved?.mode ?? 'road');
  const [distance, setDistance] = useState<number | string>(saved?.distanceKm ?? '');
  const [vehicleNo, setVehicleNo] = useState(saved?.vehicleNo ?? '');
  const [odc, setOdc] = useState(saved?.overDimensionalCargo ?? false);
  const [transporterId, setTransporterId] = useState(saved?.transporterId ?? '');
  const [transporterName, setTransporterName] = useState(saved?.transporterName ?? '');
  const [docNo, setDocNo] = useState(saved?.transportDocNo ?? '');
  const [docDate, setDocDate] = useState<string | null>(saved?.transportDocDate ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [belowThreshold, setBelowThreshold] = useState<string | null>(null);
  const generate = useGenerateEwayBill(endpoint);

  // Closing forgets the last answer, so the dialog opens clean.
  function close() {
    setErrors({});
    setBelowThreshold(null);
    onClose();
  }

  const vehicle = normalizeVehicleNo(vehicleNo);
  const vehicleError =
    vehicle && !VEHICLE_NO_RE.test(vehicle) ? 'Use the registration number, such as MH12AB1234' : null;

  function submit(force: boolean) {
    const body: GenerateEwayBillInput = {
      partB: {
        mode,
        distanceKm: typeof distance === 'number' ? distance : Number(distance || 0),
        vehicleNo: vehicle || null,
        overDimensionalCargo: odc,
        transporterId: transporterId.trim() || null,
        transporterName: transporterName.trim() || null,
        transportDocNo: docNo.trim() || null,
        transportDocDate: docDate,
      },
      ...(force ? { force: true } : {}),
    };
    generate.mutate(
      { id: invoice.id, body },
      {
        onSuccess: (file) => {
          saveBlob(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), fileNameOf(invoice));
          notifications.show({
            color: 'teal',
            message:
              'E-way bill JSON downloaded: upload it on the portal (Bulk generation), then record the number here',
          });
          close();
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409 && error.details.reason === 'below_threshold') {
            setBelowThreshold(error.detail);
            return;
          }
          const fields = fieldErrorsOf(error);
          setErrors(fields);
          if (Object.keys(fields).length === 0) notifications.show({ color: 'red', message: errorMessage(error) });
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="E-way bill: Part B" size="lg" centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Part A comes from {invoice.number ?? 'this document'} (its goods lines only). Enter how the goods travel; the
          JSON is for the portal&apos;s bulk generation.
        </Text>
        <SegmentedControl
          aria-label="Mode of transport"
          data={MODES}
          value={mode}
          onChange={(v) => setMode(v as TransportMode)}
        />
        <NumberInput
          label="Approximate distance (km)"
          description="0 lets the portal work it out from the PIN codes"
          min={0}
          max={4000}
          allowDecimal={false}
          value={distance}
          onChange={setDistance}
          error={errors.distanceKm}
          required
        />
        {mode === 'road' ? (
          <Group grow align="flex-start">
            <TextInput
              label="Vehicle number"
              placeholder="MH12AB1234"
              value={vehicleNo}
              onChange={(e) => setVehicleNo(e.currentTarget.value)}
              error={vehicleError ?? errors.vehicleNo}
            />
            <Checkbox
              mt={30}
              label="Over-dimensional cargo"
              checked={odc}
              onChange={(e) => setOdc(e.currentTarget.checked)}
            />
          </Group>
        ) : null}
        <Group grow align="flex-start">
          <TextInput
            label="Transporter id (GSTIN / TRANSIN)"
            value={transporterId}
            onChange={(e) => setTransporterId(e.currentTarget.value.toUpperCase())}
            error={errors.transporterId}
          />
          <TextInput
            label="Transporter name"
            value={transporterName}
            onChange={(e) => setTransporterName(e.currentTarget.value)}
            error={errors.transporterName}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={mode === 'road' ? 'Transport document no. (LR)' : 'Transport document no. (RR / AWB / BL)'}
            value={docNo}
            onChange={(e) => setDocNo(e.currentTarget.value)}
            error={errors.transportDocNo}
            required={mode !== 'road'}
          />
          <DateField
            label="Transport document date"
            value={docDate}
            onChange={setDocDate}
            error={errors.transportDocDate}
            clearable
          />
        </Group>
        {belowThreshold ? (
          <Alert color="yellow" title="Below the e-way bill threshold">
            <Stack gap="xs">
              <Text size="sm">{belowThreshold}</Text>
              <Button size="xs" variant="default" onClick={() => submit(true)} loading={generate.isPending}>
                Generate anyway
              </Button>
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={() => submit(false)} loading={generate.isPending} disabled={vehicleError !== null}>
            Download JSON
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Records the e-way bill the portal generated: number, date and validity, printed on the invoice PDF. */
export function EwayBillImportModal({
  invoice,
  endpoint = 'invoices',
  opened,
  onClose,
}: {
  invoice: EwayBillDocument;
  endpoint?: EwayBillEndpoint;
  opened: boolean;
  onClose: () => void;
}) {
  const [number, setNumber] = useState(invoice.ewayBill.number ?? '');
  const [date, setDate] = useState<string | null>(invoice.ewayBill.date);
  const [validUntil, setValidUntil] = useState<string | null>(invoice.ewayBill.validUntil);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useImportEwayBill(endpoint);
  const digits = number.replace(/\s/g, '');
  const numberError = digits && !/^\d{12}$/.test(digits) ? 'An e-way bill number has 12 digits' : null;

  function submit() {
    if (!date || !validUntil) {
      setErrors({ ...(date ? {} : { date: 'Required' }), ...(validUntil ? {} : { validUntil: 'Required' }) });
      return;
    }
    save.mutate(
      { id: invoice.id, body: { number: digits, date, validUntil } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'E-way bill saved; it prints on the PDF' });
          onClose();
        },
        onError: (error) => {
          const fields = fieldErrorsOf(error);
          setErrors(fields);
          if (Object.keys(fields).length === 0) notifications.show({ color: 'red', message: errorMessage(error) });
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Record the e-way bill" centered>
      <Stack gap="sm">
        <TextInput
          label="E-way bill number"
          placeholder="1234 5678 9012"
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={numberError ?? errors.number}
          classNames={{ input: 'num' }}
          required
        />
        <DateField label="Generated on" value={date} onChange={setDate} error={errors.date} required />
        <DateField label="Valid until" value={validUntil} onChange={setValidUntil} error={errors.validUntil} required />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={!digits || numberError !== null}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
