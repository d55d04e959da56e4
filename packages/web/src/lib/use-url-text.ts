import { useEffect, useEffectEvent, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * Text typed into a search or filter box that lives in the URL: the box updates at once, the URL after typing
 * pauses, and a URL change from elsewhere (back button, "clear filters") flows back into the box.
 */
export function useUrlText(urlValue: string, onCommit: (value: string) => void, delay = 300) {
  const [text, setText] = useState(urlValue);
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  if (urlValue !== seenUrlValue) {
    // Adjusting state while rendering (React's "store information from previous renders" pattern).
    setSeenUrlValue(urlValue);
    if (text.trim() !== urlValue) setText(urlValue);
  }
  const [debounced] = useDebouncedValue(text, delay);
  const commit = useEffectEvent((value: string) => {
    if (value !== urlValue) onCommit(value);
  });
  useEffect(() => {
    commit(debounced.trim());
  }, [debounced]);
  return [text, setText] as const;
}
