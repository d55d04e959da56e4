import { ActionIcon, Button, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';

interface MultiValueInputProps {
  /** Visible label of the first input; the others are named "<label> 2", "<label> 3". */
  label: string;
  description?: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Message for the whole list (shown under the first input). */
  error?: string | undefined;
  /** Messages per row, by index. */
  rowErrors?: Record<number, string | undefined>;
  addLabel: string;
  max?: number;
  type?: 'email' | 'tel' | 'text';
  testId: string;
}

/** Several emails or phones: one input each, an "add another" link, and a remove button from the second row on. */
export function MultiValueInput({
  label,
  description,
  values,
  onChange,
  error,
  rowErrors = {},
  addLabel,
  max = 10,
  type = 'text',
  testId,
}: MultiValueInputProps) {
  const rows = values.length > 0 ? values : [''];
  const setRow = (i: number, value: string) => onChange(rows.map((v, j) => (j === i ? value : v)));
  return (
    <Stack gap={6} data-testid={testId}>
      {rows.map((value, i) => (
        <TextInput
          key={i}
          label={i === 0 ? label : undefined}
          aria-label={i === 0 ? undefined : `${label} ${i + 1}`}
          description={i === 0 ? description : undefined}
          type={type}
          inputMode={type === 'tel' ? 'tel' : type === 'email' ? 'email' : undefined}
          value={value}
          onChange={(e) => setRow(i, e.currentTarget.value)}
          error={(i === 0 ? error : undefined) ?? rowErrors[i]}
          autoComplete="off"
          autoFocus={i > 0 && i === rows.length - 1 && value === ''}
          rightSection={
            i > 0 ? (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
        />
      ))}
      {rows.length < max ? (
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...rows, ''])}
          style={{ alignSelf: 'flex-start' }}
        >
          {addLabel}
        </Button>
      ) : null}
    </Stack>
  );
}
