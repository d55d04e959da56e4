import { ActionIcon, Group, Input, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';

interface Option {
  value: string;
  label: string;
}

interface RequiredDocumentsProps {
  /** Document type ids, in the order they are asked for. */
  value: number[];
  onChange: (ids: number[]) => void;
  options: Option[];
  /** Names for ids not in `options` (archived document types still on the order type). */
  knownNames: Record<number, string>;
  error?: string | undefined;
  loading?: boolean;
}

/** An ordered list of document types: add from a select, move up or down, remove. */
export function RequiredDocuments({ value, onChange, options, knownNames, error, loading }: RequiredDocumentsProps) {
  const nameOf = (id: number) => options.find((o) => o.value === String(id))?.label ?? knownNames[id] ?? `#${id}`;
  const available = options.filter((o) => !value.includes(Number(o.value)));

  function move(index: number, delta: -1 | 1) {
    const next = [...value];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + delta, 0, moved);
    onChange(next);
  }

  return (
    <Input.Wrapper
      label="Required documents"
      description="Asked for in this order on every order of this type."
      error={error}
      id="required-documents"
    >
      <Stack gap={6} mt={6} data-testid="required-documents">
        {value.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        ) : (
          value.map((id, index) => (
            <Paper key={id} withBorder px="sm" py={6} data-testid={`required-document-${index}`}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" c="dimmed" className="num" w={20}>
                    {index + 1}.
                  </Text>
                  <Text size="sm" truncate>
                    {nameOf(id)}
                  </Text>
                </Group>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Move ${nameOf(id)} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Move ${nameOf(id)} down`}
                    disabled={index === value.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${nameOf(id)}`}
                    onClick={() => onChange(value.filter((other) => other !== id))}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          ))
        )}
        <Select
          aria-label="Add a required document"
          placeholder={available.length === 0 && !loading ? 'All document types added' : 'Add a document…'}
          data={available}
          value={null}
          onChange={(id) => {
            if (id) onChange([...value, Number(id)]);
          }}
          searchable
          disabled={available.length === 0}
          nothingFoundMessage="No matching document type"
          data-testid="add-required-document"
        />
      </Stack>
    </Input.Wrapper>
  );
}
