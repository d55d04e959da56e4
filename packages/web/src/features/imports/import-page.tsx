import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDownload, IconFileUpload } from '@tabler/icons-react';
import type {
  ImportBatch,
  ImportEntity,
  ImportMapping,
  ImportPreview,
  ImportValidation,
} from '@bizdash/contracts/imports';
import { PageHeader } from '../../components/page-header';
import { api, downloadFile, uploadWithProgress } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatCount, formatNumber } from '../../lib/format';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOT_IMPORTED = '';

interface ImportPageProps {
  entity: ImportEntity;
  title: string;
  /** The list to go back to, and to open after the import. */
  listPath: string;
  noun: string;
  nounPlural: string;
  /** Parties: the role for rows without one. */
  defaultRole?: 'client' | 'supplier' | 'partner';
}

/**
 * Import from CSV or XLSX in three steps: upload (with progress), map columns and check every row (errors listed
 * and downloadable), then import all rows or none.
 */
export function ImportPage({ entity, title, listPath, noun, nounPlural, defaultRole }: ImportPageProps) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [uploadProgress, setUploadProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [role, setRole] = useState(defaultRole ?? 'client');
  const [validation, setValidation] = useState<ImportValidation | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportBatch | null>(null);
  const base = `/${entity}/imports`;
  const options = () => ({ mapping, ...(entity === 'parties' ? { defaultRole: role } : {}) });

  async function upload(chosen: File | null) {
    setFile(chosen);
    setError(null);
    setPreview(null);
    setValidation(null);
    if (!chosen) return;
    setUploadProgress(0);
    try {
      const staged = await uploadWithProgress<ImportPreview>(base, chosen, {
        query: { fileName: chosen.name },
        contentType: /\.xlsx$/i.test(chosen.name) ? XLSX_TYPE : 'text/csv',
        onProgress: setUploadProgress,
      });
      setPreview(staged);
      setMapping(staged.suggestedMapping);
      setStep(1);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setUploadProgress(null);
    }
  }

  async function check() {
    if (!preview) return;
    setBusy('check');
    setError(null);
    try {
      setValidation(await api.post<ImportValidation>(`${base}/${preview.id}/validate`, options()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy('commit');
    setError(null);
    try {
      const batch = await api.post<ImportBatch>(`${base}/${preview.id}/commit`, options());
      setDone(batch);
      setStep(2);
      notifications.show({
        color: 'green',
        title: 'Import complete',
        message: `${formatCount(batch.committedCount ?? 0, noun, nounPlural)} imported`,
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const headerOptions = [
    { value: NOT_IMPORTED, label: '— not imported —' },
    ...(preview?.headers.map((h, i) => ({ value: String(i), label: h || `Column ${i + 1}` })) ?? []),
  ];
  const ready = validation !== null && validation.errorRowCount === 0;

  return (
    <>
      <PageHeader
        title={title}
        description={`Bring ${nounPlural} in from a CSV or Excel file. Every row is checked by the same rules as the form; nothing is saved unless every row is right.`}
        actions={
          <Button component={Link} to={listPath} variant="default">
            Back to {nounPlural}
          </Button>
        }
      />
      <Paper withBorder p="lg">
        <Stepper active={step} onStepClick={(s) => s < step && !done && setStep(s)} allowNextStepsSelect={false}>
          <Stepper.Step label="Upload" description="CSV or XLSX">
            <Stack mt="md" maw={520}>
              <FileInput
                label="File"
                placeholder="Choose a .csv or .xlsx file"
                accept=".csv,.xlsx,text/csv"
                leftSection={<IconFileUpload size={16} />}
                value={file}
                onChange={(f) => void upload(f)}
                clearable
                data-testid="import-file"
              />
              {uploadProgress !== null ? (
                <Stack gap={4}>
                  <Text size="sm" c="dimmed">
                    Uploading and reading {file?.name}…
                  </Text>
                  <Progress value={uploadProgress * 100} animated={uploadProgress >= 1} aria-label="Upload progress" />
                </Stack>
              ) : null}
              <Text size="sm" c="dimmed">
                The first row must hold the column headings. Up to 50,000 rows at a time. An export from this list
                imports back as it is.
              </Text>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Map and check" description="Columns to fields">
            {preview ? (
              <Stack mt="md">
                <Group justify="space-between">
                  <Text>
                    <b>{preview.fileName}</b>: {formatCount(preview.rowCount, 'row')}, {preview.headers.length} columns
                  </Text>
                  {entity === 'parties' ? (
                    <Select
                      label="Role for rows without one"
                      data={[
                        { value: 'client', label: 'Client' },
                        { value: 'supplier', label: 'Supplier' },
                        { value: 'partner', label: 'Partner' },
                      ]}
                      value={role}
                      onChange={(v) => {
                        if (v === 'client' || v === 'supplier' || v === 'partner') setRole(v);
                        setValidation(null);
                      }}
                      allowDeselect={false}
                      w={220}
                    />
                  ) : null}
                </Group>
                <Table.ScrollContainer minWidth={640} type="native">
                  <Table verticalSpacing={6} data-testid="import-mapping">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w="30%">Field</Table.Th>
                        <Table.Th w="35%">Column in the file</Table.Th>
                        <Table.Th>First value</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.fields.map((field) => {
                        const index = mapping[field.key];
                        const sample = index === null || index === undefined ? '' : preview.sampleRows[0]?.[index];
                        return (
                          <Table.Tr key={field.key}>
                            <Table.Td>
                              <Text size="sm" fw={500}>
                                {field.label}
                                {field.required ? (
                                  <Text span c="red">
                                    {' '}
                                    *
                                  </Text>
                                ) : null}
                              </Text>
                              {field.hint ? (
                                <Text size="xs" c="dimmed">
                                  {field.hint}
                                </Text>
                              ) : null}
                            </Table.Td>
                            <Table.Td>
                              <Select
                                aria-label={`Column for ${field.label}`}
                                data={headerOptions}
                                value={index === null || index === undefined ? NOT_IMPORTED : String(index)}
                                onChange={(v) => {
                                  setMapping((m) => ({ ...m, [field.key]: v ? Number(v) : null }));
                                  setValidation(null);
                                }}
                                allowDeselect={false}
                                size="sm"
                              />
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm" c={sample ? undefined : 'dimmed'} truncate maw={260}>
                                {sample || '—'}
                              </Text>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>

                <Group>
                  <Button onClick={() => void check()} loading={busy === 'check'} data-testid="import-check">
                    Check {formatCount(preview.rowCount, 'row')}
                  </Button>
                  {ready ? (
                    <Button
                      color="green"
                      onClick={() => void commit()}
                      loading={busy === 'commit'}
                      leftSection={<IconCheck size={16} />}
                      data-testid="import-commit"
                    >
                      Import {formatCount(validation.rowCount, noun, nounPlural)}
                    </Button>
                  ) : null}
                </Group>
                {busy === 'commit' ? (
                  <Stack gap={4}>
                    <Text size="sm" c="dimmed">
                      Saving {formatCount(preview.rowCount, noun, nounPlural)} in one transaction…
                    </Text>
                    <Progress value={100} animated striped aria-label="Import progress" />
                  </Stack>
                ) : null}

                {validation ? <ValidationSummary validation={validation} base={base} /> : null}
              </Stack>
            ) : null}
          </Stepper.Step>

          <Stepper.Completed>
            {done ? (
              <Alert color="green" icon={<IconCheck size={18} />} title="Imported" mt="md" data-testid="import-done">
                <Stack gap="xs">
                  <Text size="sm">
                    {formatCount(done.committedCount ?? 0, noun, nounPlural)} from {done.fileName} are saved, each with
                    its own entry in the audit log.
                  </Text>
                  <Group>
                    <Button component={Link} to={listPath} size="xs">
                      Open {nounPlural}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
          </Stepper.Completed>
        </Stepper>
        {error ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} mt="md" data-testid="import-error">
            {error}
          </Alert>
        ) : null}
      </Paper>
    </>
  );
}

function ValidationSummary({ validation, base }: { validation: ImportValidation; base: string }) {
  if (validation.errorRowCount === 0) {
    return (
      <Alert color="green" icon={<IconCheck size={18} />} data-testid="import-summary">
        All {formatNumber(validation.rowCount)} rows are ready to import.
      </Alert>
    );
  }
  return (
    <Stack gap="sm" data-testid="import-summary">
      <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm">
            {formatCount(validation.errorRowCount, 'row')} of {formatNumber(validation.rowCount)} have errors. Fix them
            in the file and upload it again, or change the mapping; nothing is imported until every row is right.
          </Text>
          <Button
            size="xs"
            variant="white"
            leftSection={<IconDownload size={14} />}
            onClick={() => void downloadFile(`${base}/${validation.id}/errors.csv`, undefined, 'import-errors.csv')}
          >
            Download all {formatNumber(validation.errorCount)} errors
          </Button>
        </Group>
      </Alert>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table striped verticalSpacing={4} fz="sm" data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {validation.errors.map((e, i) => (
              <Table.Tr key={`${e.row}-${e.field}-${i}`}>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {e.row}
                  </Badge>
                </Table.Td>
                <Table.Td>{e.column ?? e.field}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" truncate maw={220}>
                    {e.value || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {validation.errorCount > validation.errors.length ? (
        <Text size="xs" c="dimmed">
          Showing the first {validation.errors.length}; the download has all of them.
        </Text>
      ) : null}
    </Stack>
  );
}
