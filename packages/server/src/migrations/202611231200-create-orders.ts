import type { MigrationDb } from '../platform/db/columns';

export async function up(_db: MigrationDb): Promise<void> {}

export async function down(_db: MigrationDb): Promise<void> {}
