import { CloseButton, TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useUrlText } from '../../lib/use-url-text';

interface ListSearchProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The search as it is in the URL. */
  value: string | undefined;
  /** Called once typing pauses; blank clears the search. */
  onCommit: (value: string | null) => void;
}

/**
 * A list's search box: typing shows at once and reaches the URL when it pauses (replacing the history entry, so Back
 * does not step through every letter); "Clear filters" or Back flows into the box.
 */
export function ListSearch({ value, onCommit, ...rest }: ListSearchProps) {
  const [search, setSearch] = useUrlText(value ?? '', (q) => onCommit(q || null));
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      value={search}
      onChange={(e) => setSearch(e.currentTarget.value)}
      rightSection={search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null}
      // Grows with the filter row unless the page gives it a width of its own.
      style={rest.w === undefined ? { flex: '1 1 240px' } : undefined}
      maw={rest.w === undefined ? 360 : undefined}
      {...rest}
    />
  );
}
