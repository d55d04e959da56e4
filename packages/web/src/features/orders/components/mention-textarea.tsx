import { useRef, useState } from 'react';
import { Box, Paper, Text, Textarea, UnstyledButton, type TextareaProps } from '@mantine/core';
import { useAssignees } from '../api';

interface MentionTextareaProps extends Omit<TextareaProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
}

/** The "@word" being typed just before the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@[\]()]{0,30})$/.exec(before);
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? '' };
}

/**
 * A textarea that suggests people after "@" and writes the pick as `@[Name](user:id)`, the form the server reads
 * mentions from (and notifies).
 */
export function MentionTextarea({ value, onChange, onSubmit, ...props }: MentionTextareaProps) {
  const people = useAssignees();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const at = mentionAt(value, caret);
  const matches =
    at && dismissed !== at.start
      ? (people.data?.items ?? []).filter((p) => p.name.toLowerCase().includes(at.query.toLowerCase())).slice(0, 6)
      : [];
  const isOpen = matches.length > 0;

  function pick(person: { id: number; name: string }) {
    if (!at) return;
    const token = `@[${person.name}](user:${person.id}) `;
    const next = value.slice(0, at.start) + token + value.slice(caret);
    onChange(next);
    const position = at.start + token.length;
    setCaret(position);
    setActive(0);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(position, position);
    });
  }

  return (
    <Box pos="relative">
      <Textarea
        ref={ref}
        autosize
        minRows={2}
        maxRows={12}
        {...props}
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          setCaret(e.currentTarget.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (isOpen) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((a) => (a + step + matches.length) % matches.length);
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              const person = matches[active] ?? matches[0];
              if (person) pick(person);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              setDismissed(at?.start ?? null);
              return;
            }
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
            e.preventDefault();
            onSubmit();
          }
        }}
        aria-autocomplete="list"
        aria-expanded={isOpen}
      />
      {isOpen ? (
        <Paper
          withBorder
          shadow="md"
          p={4}
          pos="absolute"
          style={{ zIndex: 20, left: 0, top: '100%', marginTop: 4, minWidth: 220 }}
          role="listbox"
          aria-label="People to mention"
        >
          {matches.map((person, index) => (
            <UnstyledButton
              key={person.id}
              role="option"
              aria-selected={index === active}
              display="block"
              w="100%"
              px="sm"
              py={6}
              style={{
                borderRadius: 'var(--mantine-radius-sm)',
                background: index === active ? 'var(--mantine-color-default-hover)' : undefined,
              }}
              onMouseDown={(e) => {
                // Keep the textarea's caret: pick before the blur.
                e.preventDefault();
                pick(person);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <Text size="sm">{person.name}</Text>
              <Text size="xs" c="dimmed" tt="capitalize">
                {person.role}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      ) : null}
    </Box>
  );
}
