import type { Migration } from 'kysely';
import * as createFoundation from './202611230900-create-foundation';
import * as createParties from './202611231100-create-parties';
import * as createMasters from './202611231110-create-masters';
import * as createImports from './202611231120-create-imports';
import * as createOrders from './202611231200-create-orders';
import * as createInvoices from './202611231300-create-invoices';

/**
 * Every migration, in order. Listed statically (not read from a folder) because the server ships as one bundle.
 * Append only: never edit or reorder a migration that has been released.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '202611230900-create-foundation': createFoundation,
  '202611231100-create-parties': createParties,
  '202611231110-create-masters': createMasters,
  '202611231120-create-imports': createImports,
  '202611231200-create-orders': createOrders,
  '202611231300-create-invoices': createInvoices,
};
