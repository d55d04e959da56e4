import type { Migration } from 'kysely';
import * as createFoundation from './202611230900-create-foundation';

/**
 * Every migration, in order. Listed statically (not read from a folder) because the server ships as one bundle.
 * Append only: never edit or reorder a migration that has been released.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '202611230900-create-foundation': createFoundation,
};
