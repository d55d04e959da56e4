import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { QueryValue } from '../../lib/api';
import { isIsoDate } from '../../lib/format';

/**
 * One URL parameter of a list: how to read it, its default, and whether it narrows the list (a filter, counted and
 * cleared by "Clear filters") or only shapes the view (a setting such as the orders' list/board toggle).
 */
export interface ParamDef<T> {
  /** The value for a raw URL string, or undefined when it is missing or invalid (the default then applies). */
  parse: (raw: string) => T | undefined;
  fallback?: T;
  isFilter: boolean;
  /** Sent to the API as a query parameter (false for view-only settings). */
  isApi: boolean;
}

type ParamValue<D> = D extends ParamDef<infer T> ? (D extends { fallback: T } ? T : T | undefined) : never;

/** Free text, trimmed; blank is no filter. */
export function text(): ParamDef<string> {
  return { parse: (raw) => raw.trim() || undefined, isFilter: true, isApi: true };
}

/** One of an allowed list; anything else (an old link, a typo) is treated as absent. */
export function oneOf<const T extends string>(allowed: readonly T[]): ParamDef<T>;
export function oneOf<const T extends string>(allowed: readonly T[], fallback: T): ParamDef<T> & { fallback: T };
export function oneOf<const T extends string>(allowed: readonly T[], fallback?: T): ParamDef<T> {
  return {
    parse: (raw) => ((allowed as readonly string[]).includes(raw) ? (raw as T) : undefined), // checked by includes
    ...(fallback === undefined ? {} : { fallback }),
    isFilter: true,
    isApi: true,
  };
}

/** A whole number from 1 up, such as a record id. */
export function positiveInt(max = Number.MAX_SAFE_INTEGER): ParamDef<number> {
  return {
    parse: (raw) => {
      const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isSafeInteger(n) && n >= 1 ? Math.min(n, max) : undefined;
    },
    isFilter: true,
    isApi: true,
  };
}

/** A real calendar date as yyyy-mm-dd (the API's and the date pickers' form); 2024-02-30 is no date. */
export function isoDate(): ParamDef<string> {
  return {
    parse: (raw) => (isIsoDate(raw) ? raw : undefined),
    isFilter: true,
    isApi: true,
  };
}

/** An on/off switch: present as "true" when on, absent when off (the API reads it the same way). */
export function flag(): ParamDef<'true'> {
  return { parse: (raw) => (raw === 'true' ? 'true' : undefined), isFilter: true, isApi: true };
}

/** Marks a parameter as a view setting: not counted or cleared as a filter. */
export function setting<D extends ParamDef<unknown>>(def: D, options: { isApi?: boolean } = {}): D {
  return { ...def, isFilter: false, isApi: options.isApi ?? def.isApi };
}

export interface ListSchema<
  P extends Record<string, ParamDef<unknown>>,
  S extends string = string,
  Z extends readonly number[] | undefined = readonly number[] | undefined,
> {
  params: P;
  sort?: {
    keys: readonly S[];
    default: S;
    order: 'asc' | 'desc';
    /** The direction of a first click on a column (newest first for dates); `order` for the others. */
    firstOrder?: Partial<Record<S, 'asc' | 'desc'>>;
  };
  /** Page sizes offered; no paging parameters when absent. */
  pageSizes?: Z;
  /** One of `pageSizes`; the first of them when absent. */
  defaultPageSize?: number;
  /**
   * Every change (filters, clearing them) replaces the history entry instead of pushing one, so Back leaves the page
   * rather than undoing each filter (the audit log, where an investigation narrows step by step).
   */
  replaceHistory?: boolean;
}

/**
 * Declares a list's URL parameters once, beside the page. Kept outside components so the same object is passed on
 * every render (the hook memoises on it).
 */
export function defineList<
  const P extends Record<string, ParamDef<unknown>>,
  const S extends string = never,
  const Z extends readonly number[] | undefined = undefined,
>(schema: ListSchema<P, S, Z>): ListSchema<P, S, Z> & { pageSizes: Z } {
  // An absent `pageSizes` is undefined, which is what Z is then.
  return schema as ListSchema<P, S, Z> & { pageSizes: Z };
}

export type ListState<
  P extends Record<string, ParamDef<unknown>>,
  S extends string,
  Z extends readonly number[] | undefined,
> = {
  [K in keyof P]: ParamValue<P[K]>;
} & ([S] extends [never] ? unknown : { sort: S; order: 'asc' | 'desc' }) &
  (Z extends readonly number[] ? { page: number; pageSize: number } : unknown);

export type ListChanges<P> = Partial<Record<keyof P | 'sort' | 'order' | 'page' | 'pageSize', string | number | null>>;

export interface UpdateOptions {
  /** Replace the history entry instead of pushing one (typing in a search box). */
  replace?: boolean;
}

function defaultPageSize(schema: ListSchema<Record<string, ParamDef<unknown>>, string>): number {
  return schema.defaultPageSize ?? schema.pageSizes?.[0] ?? 20;
}

/** The defaults of every parameter, as URL strings; a parameter at its default is left out of the URL. */
function urlDefaults(schema: ListSchema<Record<string, ParamDef<unknown>>, string>): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [key, def] of Object.entries(schema.params)) {
    if (def.fallback !== undefined) defaults[key] = String(def.fallback);
  }
  if (schema.sort) {
    defaults.sort = schema.sort.default;
    defaults.order = schema.sort.order;
  }
  if (schema.pageSizes) {
    defaults.page = '1';
    defaults.pageSize = String(defaultPageSize(schema));
  }
  return defaults;
}

/** Reads a list's state from URL parameters; an invalid value falls back to its default and never throws. */
export function parseListState(
  schema: ListSchema<Record<string, ParamDef<unknown>>, string>,
  searchParams: URLSearchParams,
): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(schema.params)) {
    const raw = searchParams.get(key);
    const value = raw === null ? undefined : def.parse(raw);
    state[key] = value ?? def.fallback;
  }
  if (schema.sort) {
    const { keys } = schema.sort;
    const sort = searchParams.get('sort');
    state.sort = sort !== null && keys.includes(sort) ? sort : schema.sort.default;
    const order = searchParams.get('order');
    state.order = order === 'asc' || order === 'desc' ? order : schema.sort.order;
  }
  if (schema.pageSizes) {
    const page = positiveInt().parse(searchParams.get('page') ?? '');
    state.page = page ?? 1;
    const size = Number(searchParams.get('pageSize'));
    state.pageSize = schema.pageSizes.includes(size) ? size : defaultPageSize(schema);
  }
  return state;
}

/** Applies changes to URL parameters: anything but a page change goes back to page 1; defaults are dropped. */
export function applyListChanges(
  schema: ListSchema<Record<string, ParamDef<unknown>>, string>,
  prev: URLSearchParams,
  changes: Record<string, string | number | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  if (!('page' in changes)) next.delete('page');
  for (const [key, value] of Object.entries(urlDefaults(schema))) if (next.get(key) === value) next.delete(key);
  return next;
}

/**
 * A list's filters, sort and page, kept in the URL so a view can be bookmarked, shared and restored by the back
 * button. Declare the list with `defineList` and pass the same object on every render.
 */
export function useListUrlState<
  const P extends Record<string, ParamDef<unknown>>,
  const S extends string,
  const Z extends readonly number[] | undefined,
>(schema: ListSchema<P, S, Z>) {
  const [searchParams, setSearchParams] = useSearchParams();
  // Erased to the plain shape for the helpers; the typed state is restored below from the schema's own types.
  const plain = schema as unknown as ListSchema<Record<string, ParamDef<unknown>>, string>;

  const state = useMemo(
    () => parseListState(plain, searchParams) as ListState<P, S, Z>, // built key by key from the schema
    [plain, searchParams],
  );

  const update = useCallback(
    (changes: ListChanges<P>, options: UpdateOptions = {}) => {
      setSearchParams((prev) => applyListChanges(plain, prev, changes as Record<string, string | number | null>), {
        replace: options.replace ?? plain.replaceHistory ?? false,
      });
    },
    [plain, setSearchParams],
  );

  const filterKeys = useMemo(
    () =>
      Object.entries(plain.params)
        .filter(([, def]) => def.isFilter)
        .map(([key]) => key),
    [plain],
  );

  /** Clears every filter (sort, page size and view settings stay). */
  const clearFilters = useCallback(() => {
    update(Object.fromEntries(filterKeys.map((key) => [key, null])) as ListChanges<P>);
  }, [filterKeys, update]);

  // A filter at its default value (parties' "active only") does not count as narrowing the list.
  const activeFilterCount = filterKeys.filter((key) => {
    const def = plain.params[key];
    const value = (state as Record<string, unknown>)[key];
    return value !== undefined && value !== def?.fallback;
  }).length;

  /** The API query: every parameter the API reads, without the undefined ones. */
  const apiQuery = useMemo(() => {
    const query: Record<string, QueryValue> = {};
    const values = state as Record<string, unknown>;
    for (const [key, def] of Object.entries(plain.params)) {
      const value = values[key];
      if (def.isApi && value !== undefined) query[key] = value as QueryValue; // parsed as string or number
    }
    for (const key of ['sort', 'order', 'page', 'pageSize']) {
      if (values[key] !== undefined) query[key] = values[key] as QueryValue; // parsed as string or number
    }
    return query;
  }, [plain, state]);

  /** A click on a sortable column: the same column flips direction, another starts at its first direction. */
  const sortBy = useCallback(
    (key: S) => {
      const sort = plain.sort;
      if (!sort) return;
      const values = state as Record<string, unknown>;
      if (values.sort === key) update({ sort: key, order: values.order === 'asc' ? 'desc' : 'asc' } as ListChanges<P>);
      else update({ sort: key, order: sort.firstOrder?.[key] ?? sort.order } as ListChanges<P>);
    },
    [plain, state, update],
  );

  return { state, update, clearFilters, activeFilterCount, hasFilters: activeFilterCount > 0, apiQuery, sortBy };
}
