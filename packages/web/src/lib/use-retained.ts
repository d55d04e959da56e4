import { useState } from 'react';

/**
 * The latest non-null value: lets a modal keep showing its subject while it animates closed after the caller has
 * already cleared it.
 */
export function useRetained<T>(value: T | null): T | null {
  const [retained, setRetained] = useState<T | null>(value);
  // Adjusting state while rendering (React's "store information from previous renders" pattern).
  if (value !== null && value !== retained) setRetained(value);
  return value ?? retained;
}
