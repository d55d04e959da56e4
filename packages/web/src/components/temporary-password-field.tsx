import { ActionIcon, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconWand } from '@tabler/icons-react';
import { generatePassword } from '../lib/password';
import { PasswordField } from './password-field';

interface TemporaryPasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string;
}

/** A password someone sets for another person: with "generate" and "copy" buttons beside the input. */
export function TemporaryPasswordField({ label, value, onChange, error, description }: TemporaryPasswordFieldProps) {
  return (
    <PasswordField
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      description={description}
      autoComplete="new-password"
      required
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      inputContainer={(input) => (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <div style={{ flex: 1 }}>{input}</div>
          <Tooltip label="Generate a strong password">
            <ActionIcon
              variant="default"
              size={36}
              onClick={() => onChange(generatePassword())}
              aria-label="Generate a strong one"
            >
              <IconWand size={16} />
            </ActionIcon>
          </Tooltip>
          <CopyButton value={value} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'}>
                <ActionIcon
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  size={36}
                  onClick={copy}
                  disabled={!value}
                  aria-label="Copy to clipboard"
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      )}
    />
  );
}
