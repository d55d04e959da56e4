import { Ajv, type ValidateFunction } from 'ajv';
import published from './ewaybill-schema-1.03.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bulk file's version string as the portal's offline utility writes it. */
export const EWB_BULK_VERSION = '1.0.0621';

/**
 * One bill as the NIC schema (API v1.03, "Generate e-way bill") describes it, with the repairs listed in README.md:
 * R1 drops `$schema` (draft-04, which ajv does not load; every keyword used means the same in draft-07), R2 turns
 * `itemList.items: [ {schema} ]` (draft-04 tuple form: only the first item would be checked) into `items: {schema}`.
 */
export function repairedEwayBillSchema(): JsonObject {
  const { $schema: _draft, ...root } = published as unknown as JsonObject; // a JSON file: its values are JSON
  const properties = { ...(root.properties as JsonObject) };
  const itemList = properties.itemList;
  if (isObject(itemList) && Array.isArray(itemList.items) && itemList.items.length === 1) {
    properties.itemList = { ...itemList, items: itemList.items[0] ?? {} };
  }
  return { ...root, properties };
}

/**
 * The bulk-generation file around the published bill schema: `{ version, billLists: [bill] }`, each bill with the
 * `userGstin` the portal's upload names the generating taxpayer by (the API takes it in a header instead, so the
 * published bill schema has no such field). This wrapper is ours, not NIC's: README.md, "The bulk file".
 */
export function bulkFileSchema(): JsonObject {
  const bill = repairedEwayBillSchema();
  return {
    type: 'object',
    required: ['version', 'billLists'],
    properties: {
      version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
      billLists: {
        type: 'array',
        minItems: 1,
        items: {
          ...bill,
          properties: {
            userGstin: { type: 'string', pattern: '^[0-9]{2}[0-9A-Z]{13}$' },
            ...(bill.properties as JsonObject),
          },
          required: ['userGstin', ...((bill.required as string[] | undefined) ?? [])],
        },
      },
    },
  };
}

/** An ajv validator for the bulk file; not strict, as for the e-invoice (descriptions and draft-04 habits). */
export function makeEwayBillValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(bulkFileSchema());
}
