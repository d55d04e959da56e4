import { z } from 'zod';
import { WholeNumber } from './common';

export const SEARCH_KINDS = ['party', 'company', 'item', 'order', 'invoice'] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'is required').max(100),
  /** Results per kind. */
  limit: WholeNumber(1, 20).default(5),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  kind: SearchKind,
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The web app's page for the record. */
  href: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** Hits grouped by kind, in a fixed order; kinds the caller may not read are left out. */
export const SearchResult = z.object({ hits: z.array(SearchHit) });
export type SearchResult = z.infer<typeof SearchResult>;
