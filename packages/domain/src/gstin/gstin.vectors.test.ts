import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GSTIN_CHECK_ORDER,
  gstinCheckChar,
  validateGstin,
  type GstinKind,
  type GstinValidation,
} from './validate-gstin';

/**
 * Runs every case of gstin-vectors.json (gst-rules.md 1.5) through validateGstin. Every expected key of every vector
 * is compared; a key or section this file does not know fails the run, so a richer vector file cannot be half-tested.
 * GSTIN_VECTORS_FILE points the run at another copy of the file.
 */
const source = process.env.GSTIN_VECTORS_FILE ?? new URL('../../test-vectors/gstin-vectors.json', import.meta.url);
const file = asRecord(JSON.parse(readFileSync(source, 'utf8')), 'the vector file');

const KNOWN_SECTIONS = ['schema', 'description', 'check_order', 'vectors'];

/**
 * The file names registration categories (composition, isd, sez) that gst-rules.md 1.1 says cannot be read from the
 * number: they use the regular format, so the validator reports them as 'regular'.
 */
const KIND_FROM_VECTOR: Readonly<Record<string, GstinKind>> = {
  regular: 'regular',
  composition: 'regular',
  isd: 'regular',
  sez: 'regular',
  tds: 'tds',
  tcs: 'tcs',
  uin: 'uin',
  oidar: 'oidar',
  nri: 'nri',
  government: 'government',
};

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>; // cast: checked to be a plain object just above
}

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
}

function errorCodes(result: GstinValidation): string[] {
  return result.errors.map((e) => e.code);
}

/** Pipeline step of an error code; STATE_CODE_RETIRED runs at the STATE_CODE step. */
function stepOf(code: string): number {
  const steps: readonly string[] = GSTIN_CHECK_ORDER;
  return steps.indexOf(code === 'STATE_CODE_RETIRED' ? 'STATE_CODE' : code);
}

/** One assertion per key a vector may carry; `null` marks the input and metadata keys. */
const KEY_CHECKS: Readonly<Record<string, ((expected: unknown, result: GstinValidation) => void) | null>> = {
  input: null,
  note: null,
  source: null,
  normalized: (expected, result) => expect(result.normalized).toBe(expected),
  valid: (expected, result) => expect(result.valid).toBe(expected),
  kind: (expected, result) => {
    if (expected === null) {
      expect(result.kind).toBeNull();
      return;
    }
    const kind = asString(expected, 'kind');
    expect(Object.hasOwn(KIND_FROM_VECTOR, kind), `kind '${kind}' has no mapping in this test`).toBe(true);
    expect(result.kind).toBe(KIND_FROM_VECTOR[kind]);
  },
  state_code: (expected, result) => expect(result.stateCode).toBe(expected),
  expected_check_char: (expected, result) => expect(gstinCheckChar(result.normalized.slice(0, 14))).toBe(expected),
  check_char_ok: (expected, result) => {
    expect(gstinCheckChar(result.normalized.slice(0, 14)) === result.normalized.charAt(14)).toBe(expected);
    expect(errorCodes(result).includes('CHECKSUM')).toBe(expected === false);
  },
  failure: (expected, result) => expect(result.errors[0]?.code).toBe(expected),
  also_fails: (expected, result) => {
    if (!Array.isArray(expected)) throw new Error('also_fails is not an array');
    expect(errorCodes(result)).toEqual(expect.arrayContaining(expected));
  },
};

const vectors = Array.isArray(file.vectors) ? file.vectors.map((v, i) => asRecord(v, `vector ${i}`)) : [];

describe('gstin-vectors.json', () => {
  it('has only known sections, this schema and our check order', () => {
    expect(Object.keys(file).filter((section) => !KNOWN_SECTIONS.includes(section))).toEqual([]);
    expect(file.schema).toBe('gstin-vectors/1');
    expect(file.check_order).toEqual([...GSTIN_CHECK_ORDER]);
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors.map((vector) => [JSON.stringify(vector.input), vector] as const))('%s', (_name, vector) => {
    const result = validateGstin(asString(vector.input, 'input'));

    const unknownKeys = Object.keys(vector).filter((key) => !Object.hasOwn(KEY_CHECKS, key));
    expect(unknownKeys, 'vector keys this test does not know how to compare').toEqual([]);
    for (const required of ['normalized', 'valid', 'kind']) expect(vector).toHaveProperty(required);
    for (const [key, expected] of Object.entries(vector)) KEY_CHECKS[key]?.(expected, result);

    // Across keys: the errors are exactly the first failure, the listed extra ones and CHECKSUM when the check
    // character is wrong, in pipeline order; a valid number has none.
    const codes = errorCodes(result);
    expect(codes.every((code) => stepOf(code) >= 0)).toBe(true);
    expect(codes.map(stepOf)).toEqual(codes.map(stepOf).sort((a, b) => a - b));
    if (vector.valid === true) {
      expect(codes).toEqual([]);
      expect(vector).not.toHaveProperty('failure');
    } else {
      const alsoFails: unknown[] = Array.isArray(vector.also_fails) ? vector.also_fails : [];
      const expectedCodes = new Set([
        asString(vector.failure, 'failure'),
        ...alsoFails,
        ...(vector.check_char_ok === false ? ['CHECKSUM'] : []),
      ]);
      expect(new Set(codes)).toEqual(expectedCodes);
    }
    for (const error of result.errors) expect(error.message.length).toBeGreaterThan(20);
  });
});
