import { isAppError, type AppError, type ErrorCode } from '../errors';

/** A rule the input breaks, as the API reports it: code, message and details naming the field. */
export interface DocumentProblem {
  code: ErrorCode;
  message: string;
  /** The API path of the field (`lines.0.rate`), or null for the document as a whole. */
  field: string | null;
  /** The error details as the API sends them (field and whatever the rule adds). */
  details: Record<string, unknown> | undefined;
}

/** The engine names fields like `lines[2].unitPrice`; the API like `lines.2.rate`. A document total is the lines'. */
const ENGINE_TOTALS = new Set([
  'gross',
  'discount',
  'taxableValue',
  'cgst',
  'sgst',
  'igst',
  'cess',
  'cessAdValorem',
  'cessNonAdValorem',
  'totalTax',
  'totalBeforeRoundOff',
  'roundOff',
  'grandTotal',
]);

/** The API name of a field the GST engine (or the regime rules) named; `lineIndex` renumbers a one-line computation. */
export function apiFieldOfEngine(field: unknown, lineIndex?: number): string | undefined {
  if (typeof field !== 'string') return undefined;
  if (ENGINE_TOTALS.has(field)) return 'lines';
  return field
    .replace(/^lines\[(\d+)\]/, (_all, i: string) => `lines.${lineIndex ?? i}`)
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\.unitPrice$/, '.rate')
    .replace(/\.quantityMilli$/, '.quantity')
    .replace(/\.gstRateBp$/, '.gstRate')
    .replace(/\.cessRateBp$/, '.cessRate')
    .replace(/\.discount\.(rateBp|amount)$/, '.discount.value');
}

/** A problem from a thrown AppError, its field renamed to `apiField` when given. */
export function problemOf(error: AppError, apiField?: string): DocumentProblem {
  const details = apiField ? { ...error.details, field: apiField } : error.details;
  const field = details?.field;
  return { code: error.code, message: error.message, field: typeof field === 'string' ? field : null, details };
}

/** Collects problems in rule order; `attempt` turns a thrown AppError into one (anything else is a bug and escapes). */
export class Problems {
  readonly list: DocumentProblem[] = [];

  add(code: ErrorCode, message: string, details?: Record<string, unknown>): void {
    const field = details?.field;
    this.list.push({ code, message, field: typeof field === 'string' ? field : null, details });
  }

  /** VALIDATION_FAILED with the message the API has always given: `field: message`. */
  invalid(field: string, message: string): void {
    this.add('VALIDATION_FAILED', `${field}: ${message}`, { field });
  }

  attempt<T>(fn: () => T, apiField?: (error: AppError) => string | undefined): T | null {
    try {
      return fn();
    } catch (error) {
      if (!isAppError(error)) throw error;
      this.list.push(problemOf(error, apiField?.(error)));
      return null;
    }
  }
}
