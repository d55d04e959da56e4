import { Ajv, type ValidateFunction } from 'ajv';
import published from './einvoice-schema-1.1.published.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Root members of the published file that are field schemas (everything but its three header keys). */
const HEADER_KEYS = new Set(['$schema', 'Title', 'Description', 'required']);

/** R2: a member written as `[ {schema} ]` is an array of that schema. */
function arrayOf(value: Json): Json {
  if (Array.isArray(value) && value.length === 1 && isObject(value[0])) {
    return { type: 'array', items: repairNode(value[0]) };
  }
  return value;
}

function repairNode(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) {
        // R5: RefDtls lists `required` among its properties; it names the fields of PrecDocDtls.
        if (name === 'required' && Array.isArray(schema)) continue;
        props[name] = isObject(schema) ? repairNode(schema) : arrayOf(schema);
      }
      out[key] = props;
    } else if (key === 'type' && typeof value === 'string') {
      // R3: "String" and " number" are not type names.
      out[key] = value.trim().toLowerCase();
    } else if (key === 'pattern' && typeof value === 'string') {
      // R4: "(?i)" is not ECMA-262 regex syntax; the enum beside it already fixes the case.
      out[key] = value.replace(/^\(\?i\)/, '');
    } else {
      out[key] = isObject(value) ? repairNode(value) : value;
    }
  }
  const misplaced = isObject(node.properties) ? node.properties.required : undefined;
  if (Array.isArray(misplaced) && isObject(out.properties)) {
    const prec = out.properties.PrecDocDtls;
    if (isObject(prec) && isObject(prec.items)) prec.items.required = misplaced;
  }
  return out;
}

/**
 * The published NIC e-invoice schema 1.1 with the mechanical repairs listed in README.md beside it, and nothing
 * else: R1 puts the field schemas under `properties` of an object (as published they sit where keywords belong,
 * so the file constrains nothing), R2-R5 fix the parts that are not valid JSON Schema.
 */
export function repairedEInvoiceSchema(): JsonObject {
  const root = published as unknown as JsonObject; // a JSON file: its values are JSON
  const properties: JsonObject = {};
  for (const [key, value] of Object.entries(root)) {
    if (HEADER_KEYS.has(key)) continue;
    properties[key] = isObject(value) ? repairNode(value) : arrayOf(value);
  }
  return {
    $schema: root.$schema ?? null,
    Title: root.Title ?? null,
    Description: root.Description ?? null,
    type: 'object',
    properties,
    required: root.required ?? [],
  };
}

/**
 * An ajv validator for e-invoice JSON. Not strict: the published file uses keywords JSON Schema ignores (Title,
 * "description ") which ajv's strict mode refuses. No "u" flag on patterns: `^([^\\"])*$` uses an identity escape
 * that ECMA-262 allows only outside unicode mode.
 */
export function makeEInvoiceValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  return ajv.compile(repairedEInvoiceSchema());
}
