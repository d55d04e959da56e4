import { defineList, oneOf, text, type ParamDef } from '../../components/list-page/use-list-url-state';

export const ARCHIVED_OPTIONS = ['false', 'true', 'all'] as const;

export type ListChange = Partial<Record<string, string | number | null>>;

/**
 * A master list's URL: search, archived filter, sort and page, plus any `extraKeys` filters of its own (items: kind,
 * active). Call once per page at module level, so the same declaration is used on every render.
 */
export function defineMasterList(sortFields: readonly string[], extraKeys: readonly string[] = []) {
  const extra: Record<string, ParamDef<string>> = {};
  for (const key of extraKeys) extra[key] = text();
  return defineList({
    params: { q: text(), archived: oneOf(ARCHIVED_OPTIONS, 'false'), ...extra },
    sort: { keys: sortFields, default: 'name', order: 'asc', firstOrder: { createdAt: 'desc' } },
    pageSizes: [20, 50, 100],
  });
}
