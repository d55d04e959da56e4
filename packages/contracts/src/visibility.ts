import { z } from 'zod';
import { fieldClassOfName, type FieldClass } from '@bizdash/domain/permissions';

/**
 * Field-level visibility (issue 16). The permission table (domain/permissions.ts FIELD_READERS) says which actions
 * read each field class; the contracts say which fields are of which class, here, next to the fields themselves.
 * The server hides unreadable fields in every JSON answer (a preSerialization hook) and every export with
 * `hideUnreadable` below, so a new field is hidden by its schema without any route code. MoneyString carries the
 * class `money`, so a new amount is hidden by default; a MoneyString that is not the firm's money opts out with
 * `unclassified`.
 */
export interface FieldVisibility {
  /** The field's class; null opts a schema out of the class it would inherit (see `unclassified`). */
  fieldClass?: FieldClass | null;
  /** For values whose class depends on their content, such as an audit entry by its action. */
  classOfValue?: (value: unknown) => FieldClass | null;
  /** For records keyed by field names (an audit entry's changes): the class of each key's value. */
  classOfKey?: (key: string) => FieldClass | null;
  /** What a hidden record value becomes, where null would not fit its schema. */
  hiddenAs?: unknown;
}

export const fieldVisibility = z.registry<FieldVisibility>();

/** The schema, as a copy carrying the class `fieldClass`: its values are hidden from roles that cannot read it. */
export function classified<T extends z.ZodType>(fieldClass: FieldClass, schema: T): T {
  const copy = schema.clone();
  fieldVisibility.add(copy, { fieldClass });
  return copy;
}

/** The schema, as a copy without the class it would inherit: an amount that is not the firm's money (a tax rate). */
export function unclassified<T extends z.ZodType>(schema: T): T {
  const copy = schema.clone();
  fieldVisibility.add(copy, { fieldClass: null });
  return copy;
}

/** The schema, as a copy whose values are classed by content (see FieldVisibility). */
export function classifiedBy<T extends z.ZodType>(schema: T, visibility: Omit<FieldVisibility, 'fieldClass'>): T {
  const copy = schema.clone();
  fieldVisibility.add(copy, visibility);
  return copy;
}

type AnySchema = z.core.$ZodType;

/** The schema inside a wrapper that does not change the shape of the value (nullable, optional, default, ...). */
function innerOf(schema: AnySchema): AnySchema | null {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'nullable':
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType;
    case 'lazy':
      return def.getter();
    case 'pipe':
      // Responses are encoded: the value handed over is the pipe's output.
      return def.out;
    default:
      return null;
  }
}

/** The class a value of this schema is in, looking through wrappers; the outermost declaration wins. */
export function classOf(schema: AnySchema, value?: unknown): FieldClass | null {
  for (let s: AnySchema | null = schema; s; s = innerOf(s)) {
    const def = (s as z.core.$ZodTypes)._zod.def;
    // A transform's input is the declared field (MoneyString.transform(...)).
    if (def.type === 'pipe') {
      const input = classOf(def.in, value);
      if (input !== null) return input;
    }
    const meta = fieldVisibility.get(s);
    if (meta?.classOfValue && value !== null && value !== undefined) {
      const dynamic = meta.classOfValue(value);
      if (dynamic) return dynamic;
    }
    if (meta && meta.fieldClass !== undefined) return meta.fieldClass;
  }
  return null;
}

/** How a hidden field of this schema is hidden: null where the schema allows it, else the key is left out. */
function hiddenFieldMode(schema: AnySchema): 'null' | 'omit' | 'invalid' {
  let isOptional = false;
  for (let s: AnySchema | null = schema; s; s = innerOf(s)) {
    const type = (s as z.core.$ZodTypes)._zod.def.type;
    if (type === 'nullable') return 'null';
    if (type === 'optional') isOptional = true;
  }
  return isOptional ? 'omit' : 'invalid';
}

const containsCache = new WeakMap<AnySchema, boolean>();

/** True when a schema (or anything inside it) declares visibility, so answers without any skip the walk. */
export function hasClassifiedFields(schema: AnySchema): boolean {
  const cached = containsCache.get(schema);
  if (cached !== undefined) return cached;
  // Recursive (lazy) schemas: assume false while this one is being looked at.
  containsCache.set(schema, false);
  const result = fieldVisibility.get(schema) !== undefined || childrenOf(schema).some(hasClassifiedFields);
  containsCache.set(schema, result);
  return result;
}

function childrenOf(schema: AnySchema): AnySchema[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object':
      return Object.values(def.shape);
    case 'array':
      return [def.element];
    case 'tuple':
      return def.rest ? [...def.items, def.rest] : [...def.items];
    case 'record':
      return [def.valueType];
    case 'union':
      return [...def.options];
    case 'intersection':
      return [def.left, def.right];
    default: {
      const inner = innerOf(schema);
      return inner ? [inner] : [];
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type CanReadField = (fieldClass: FieldClass) => boolean;

/**
 * `value` as a role may see it: every field whose class the role cannot read becomes null (or is left out where
 * its schema is optional), array elements of an unreadable class are dropped, and record values classed by key
 * become the record's `hiddenAs`. Returns `value` itself when nothing is hidden; never changes it in place.
 */
export function hideUnreadable<T>(schema: AnySchema, value: T, canRead: CanReadField): T {
  if (!hasClassifiedFields(schema)) return value;
  // Same shape as the input, by construction of visit.
  return visit(schema, value, canRead) as T;
}

function isHidden(schema: AnySchema, value: unknown, canRead: CanReadField): boolean {
  if (value === null || value === undefined) return false;
  const fieldClass = classOf(schema, value);
  return fieldClass !== null && !canRead(fieldClass);
}

function visit(schema: AnySchema, value: unknown, canRead: CanReadField): unknown {
  if (value === null || value === undefined || !hasClassifiedFields(schema)) return value;
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object': {
      if (!isRecord(value)) return value;
      let out: Record<string, unknown> | null = null;
      for (const [key, fieldSchema] of Object.entries(def.shape)) {
        if (!(key in value)) continue;
        const field = value[key];
        let next: unknown;
        let omit = false;
        if (isHidden(fieldSchema, field, canRead)) {
          const mode = hiddenFieldMode(fieldSchema);
          // 'invalid' still hides: the answer then fails its contract (a logged 500) rather than leak.
          if (mode === 'omit') omit = true;
          next = null;
        } else {
          next = visit(fieldSchema, field, canRead);
        }
        if (omit || next !== field) {
          out ??= { ...value };
          if (omit) delete out[key];
          else out[key] = next;
        }
      }
      return out ?? value;
    }
    case 'array': {
      if (!Array.isArray(value)) return value;
      const element = def.element;
      let changed = false;
      const out: unknown[] = [];
      for (const item of value) {
        if (isHidden(element, item, canRead)) {
          changed = true;
          continue;
        }
        const next = visit(element, item, canRead);
        if (next !== item) changed = true;
        out.push(next);
      }
      return changed ? out : value;
    }
    case 'tuple': {
      if (!Array.isArray(value)) return value;
      const out = value.map((item, i) => {
        const itemSchema = def.items[i] ?? def.rest;
        if (!itemSchema) return item;
        return isHidden(itemSchema, item, canRead) ? null : visit(itemSchema, item, canRead);
      });
      return out.some((item, i) => item !== value[i]) ? out : value;
    }
    case 'record': {
      if (!isRecord(value)) return value;
      const meta = fieldVisibility.get(schema);
      let out: Record<string, unknown> | null = null;
      for (const [key, item] of Object.entries(value)) {
        const keyClass = meta?.classOfKey?.(key) ?? null;
        const hidden = (keyClass !== null && !canRead(keyClass)) || isHidden(def.valueType, item, canRead);
        const next = hidden ? (meta?.hiddenAs ?? null) : visit(def.valueType, item, canRead);
        if (next !== item) {
          out ??= { ...value };
          out[key] = next;
        }
      }
      return out ?? value;
    }
    case 'union': {
      const options = def.options.filter(hasClassifiedFields);
      if (options.length === 0) return value;
      // The option the value is (checked the way the serializer will check it); if none fits, hide by all of them.
      const match = options.find((option) => z.safeEncode(option as z.ZodType, value as never).success);
      if (match) return visit(match, value, canRead);
      return options.reduce<unknown>((current, option) => visit(option, current, canRead), value);
    }
    case 'intersection':
      return visit(def.right, visit(def.left, value, canRead), canRead);
    default: {
      const inner = innerOf(schema);
      return inner ? visit(inner, value, canRead) : value;
    }
  }
}

/**
 * The class of the field at `path` (object keys; arrays are looked through), or of the container it sits in:
 * what an export column reading that field is classed as.
 */
export function fieldClassAt(schema: AnySchema, path: readonly string[]): FieldClass | null {
  let current: AnySchema | null = schema;
  for (let i = 0; ; i++) {
    if (!current) return null;
    const own = classOf(current);
    if (own !== null) return own;
    if (i === path.length) return null;
    current = childAt(current, path[i] ?? '');
  }
}

function childAt(schema: AnySchema, key: string): AnySchema | null {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object':
      return def.shape[key] ?? null;
    case 'array':
      return childAt(def.element, key);
    case 'record':
      return def.valueType;
    default: {
      const inner = innerOf(schema);
      return inner ? childAt(inner, key) : null;
    }
  }
}

export interface ClassifiedField {
  /** Dotted path; `[]` marks an array element. */
  path: string;
  fieldClass: FieldClass;
  /** How the field is hidden: null, left out, dropped from its array; `invalid` when the schema allows none. */
  hiddenAs: 'null' | 'omit' | 'drop' | 'invalid';
}

/** Every statically classified field of a schema: for the check that each one can be hidden. */
export function classifiedFields(schema: AnySchema, prefix = '', seen = new Set<AnySchema>()): ClassifiedField[] {
  if (seen.has(schema) || !hasClassifiedFields(schema)) return [];
  seen.add(schema);
  const def = (schema as z.core.$ZodTypes)._zod.def;
  const found: ClassifiedField[] = [];
  const visitChild = (child: AnySchema, path: string, inArray: boolean) => {
    const fieldClass = classOf(child);
    if (fieldClass !== null) {
      found.push({ path, fieldClass, hiddenAs: inArray ? 'drop' : hiddenFieldMode(child) });
      return;
    }
    found.push(...classifiedFields(child, path, seen));
  };
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape)) visitChild(child, prefix ? `${prefix}.${key}` : key, false);
      break;
    case 'array':
      visitChild(def.element, `${prefix}[]`, true);
      break;
    case 'union':
      for (const option of def.options) found.push(...classifiedFields(option, prefix, seen));
      break;
    case 'intersection':
      found.push(...classifiedFields(def.left, prefix, seen), ...classifiedFields(def.right, prefix, seen));
      break;
    default: {
      const inner = innerOf(schema);
      if (inner) found.push(...classifiedFields(inner, prefix, seen));
    }
  }
  // `seen` guards recursion only: a schema used twice (a Ref, a list of entries) is listed at every place.
  seen.delete(schema);
  return found;
}

/** What a hidden value in a list of changes reads as: the audit log's own marker for values it does not show. */
export const REDACTED = '[redacted]';

/**
 * Changed fields of a record, { field: { before, after } } (the audit log, the order timeline). The keys are field
 * names of any module, so each is classed by its name; a hidden one keeps its key (the field did change) with
 * both values redacted.
 */
export const FieldChanges = classifiedBy(z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })), {
  classOfKey: fieldClassOfName,
  hiddenAs: { before: REDACTED, after: REDACTED },
});

/**
 * A request body without the fields a role may not read: a role writes only what it can see. A form that got a
 * hidden field back as null sends null, which must not clear the stored value (staff saving a partner would wipe
 * its bank details). Works on the parsed body; hidden fields are left out, as if not sent.
 */
export function withoutUnreadable<T>(schema: AnySchema, value: T, canRead: CanReadField): T {
  if (!hasClassifiedFields(schema)) return value;
  // Same shape as the input, less optional keys.
  return strip(schema, value, canRead) as T;
}

function strip(schema: AnySchema, value: unknown, canRead: CanReadField): unknown {
  if (value === null || value === undefined) return value;
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = { ...value };
      for (const [key, fieldSchema] of Object.entries(def.shape)) {
        if (!(key in out)) continue;
        const fieldClass = classOf(fieldSchema, out[key]);
        if (fieldClass !== null && !canRead(fieldClass)) delete out[key];
        else out[key] = strip(fieldSchema, out[key], canRead);
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => strip(def.element, item, canRead)) : value;
    case 'union': {
      const match = def.options.find((option) => z.safeParse(option as z.ZodType, value).success);
      return match ? strip(match, value, canRead) : value;
    }
    default: {
      const inner = innerOf(schema);
      return inner ? strip(inner, value, canRead) : value;
    }
  }
}
