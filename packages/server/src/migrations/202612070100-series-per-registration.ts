import { sql, type CreateTableBuilder } from 'kysely';
import { columnTypes, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Number series per GST registration (issue 15). Rule 46(b) wants a consecutive series per GSTIN within a financial
 * year; one series shared by every GSTIN of the business left holes in each GSTIN's run, which GSTR-1 Table 13 then
 * reported as cancelled documents.
 *
 * number_series gains `gstin`, the registration it numbers for ('' when the business has no GSTIN yet), and its
 * unique key becomes (gstin, document_type, financial_year). Existing rows belong to the primary GSTIN (the one on
 * the business row). A further registration that already issued documents from the shared series gets its own row
 * per series and year, continuing after its highest sequence so no number is handed out twice; its template carries
 * the registration's state code, as new registrations' defaults do, so its next numbers cannot repeat the primary's.
 *
 * An invoice's sequence becomes unique per GSTIN: the index on (series, financial_year, sequence) becomes one on
 * (coalesce(business_gstin, ''), series, financial_year, sequence). A second index finds the latest document of a
 * series by date, which issuing checks so numbers follow dates.
 *
 * SQLite cannot drop a table's unique constraint, so number_series is rebuilt there (nothing references it).
 */

/** The series' prefix in a further registration's default template; the same map as at the time of writing. */
const PREFIX: Record<string, string> = { invoice: 'INV', bill_of_supply: 'BOS', credit_note: 'CN', debit_note: 'DN' };

async function createSeriesTable(db: MigrationDb, name: string, withGstin: boolean): Promise<void> {
  const t = columnTypes(db);
  // Widened: the columns differ by direction, so the builder's column-name type cannot follow them.
  let table: CreateTableBuilder<string, string> = withIdColumn(db, db.schema.createTable(name));
  if (withGstin) table = table.addColumn('gstin', 'text', (c) => c.notNull().defaultTo(''));
  table = table
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('next_sequence', t.bigint, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull());
  table = withGstin
    ? table.addUniqueConstraint('number_series_reg_doc_fy_uq', ['gstin', 'document_type', 'financial_year'])
    : table.addUniqueConstraint('number_series_doc_fy_uq', ['document_type', 'financial_year']);
  await table.execute();
}

async function rebuildSqliteSeries(db: MigrationDb, withGstin: boolean, primaryGstin: string): Promise<void> {
  await createSeriesTable(db, 'number_series_new', withGstin);
  const common = sql.join(
    ['id', 'document_type', 'financial_year', 'template', 'next_sequence', 'created_at', 'updated_at'].map((c) =>
      sql.ref(c),
    ),
  );
  if (withGstin) {
    await sql`insert into number_series_new (gstin, ${common}) select ${primaryGstin}, ${common} from number_series`.execute(
      db,
    );
  } else {
    await sql`insert into number_series_new (${common}) select ${common} from number_series`.execute(db);
  }
  await db.schema.dropTable('number_series').execute();
  await db.schema.alterTable('number_series_new').renameTo('number_series').execute();
}

export async function up(db: MigrationDb): Promise<void> {
  const business = await db.selectFrom('business').select(['gstin']).where('id', '=', 1).executeTakeFirst();
  const primary: string = (business?.gstin as string | null | undefined) ?? '';

  if (isPostgres(db)) {
    await db.schema
      .alterTable('number_series')
      .addColumn('gstin', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.updateTable('number_series').set({ gstin: primary }).execute();
    await sql`alter table number_series drop constraint number_series_doc_fy_uq`.execute(db);
    await sql`alter table number_series add constraint number_series_reg_doc_fy_uq
      unique (gstin, document_type, financial_year)`.execute(db);
  } else {
    await rebuildSqliteSeries(db, true, primary);
  }

  // Further registrations that issued from the shared series continue after their own highest sequence.
  const used = await db
    .selectFrom('invoices')
    .select((eb) => [
      'business_gstin',
      'business_state_code',
      'series',
      'financial_year',
      eb.fn.max('sequence').as('hi'),
    ])
    .where('series', 'is not', null)
    .where('sequence', 'is not', null)
    .groupBy(['business_gstin', 'business_state_code', 'series', 'financial_year'])
    .execute();
  const next = new Map<string, { gstin: string; state: string; series: string; fy: string; next: number }>();
  for (const r of used) {
    const gstin = (r.business_gstin as string | null) ?? '';
    if (gstin === primary) continue;
    const key = `${gstin}|${String(r.series)}|${String(r.financial_year)}`;
    const hi = Number(r.hi) + 1;
    const state = gstin ? gstin.slice(0, 2) : String(r.business_state_code);
    const seen = next.get(key);
    if (!seen || seen.next < hi) {
      next.set(key, { gstin, state, series: String(r.series), fy: String(r.financial_year), next: hi });
    }
  }
  const now = new Date().toISOString();
  for (const s of next.values()) {
    await db
      .insertInto('number_series')
      .values({
        gstin: s.gstin,
        document_type: s.series,
        financial_year: s.fy,
        template: `${PREFIX[s.series] ?? 'DOC'}${s.state}/{FY:SHORT}/{SEQ:4}`,
        next_sequence: s.next,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  await db.schema.dropIndex('invoices_series_seq_uq').execute();
  // A number is never handed out twice within one GSTIN's series and financial year. Drafts (no sequence) and
  // payable documents (no series) never collide: NULLs are distinct in a unique index on both dialects.
  await sql`create unique index invoices_series_seq_uq
    on invoices (coalesce(business_gstin, ''), series, financial_year, sequence)`.execute(db);
  // Issuing reads the latest document of its series by date.
  await db.schema
    .createIndex('invoices_series_date_idx')
    .on('invoices')
    .columns(['series', 'financial_year', 'business_gstin', 'date'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  const business = await db.selectFrom('business').select(['gstin']).where('id', '=', 1).executeTakeFirst();
  const primary: string = (business?.gstin as string | null | undefined) ?? '';
  await db.schema.dropIndex('invoices_series_date_idx').execute();
  await db.schema.dropIndex('invoices_series_seq_uq').execute();
  // Fails when two registrations already used the same sequence: one shared series cannot hold both.
  await db.schema
    .createIndex('invoices_series_seq_uq')
    .on('invoices')
    .columns(['series', 'financial_year', 'sequence'])
    .unique()
    .execute();
  // The shared series continues after the highest number any registration took.
  const rows = await db.selectFrom('number_series').selectAll().execute();
  const keep = new Map<string, { id: number; next: number }>();
  for (const r of rows) {
    const key = `${String(r.document_type)}|${String(r.financial_year)}`;
    const k = keep.get(key);
    const isPrimary = r.gstin === primary;
    const nextSeq = Math.max(Number(r.next_sequence), k?.next ?? 0);
    if (!k || isPrimary) keep.set(key, { id: isPrimary || !k ? Number(r.id) : k.id, next: nextSeq });
    else k.next = nextSeq;
  }
  const keepIds = [...keep.values()].map((k) => k.id);
  if (keepIds.length > 0) await db.deleteFrom('number_series').where('id', 'not in', keepIds).execute();
  for (const k of keep.values()) {
    await db.updateTable('number_series').set({ next_sequence: k.next }).where('id', '=', k.id).execute();
  }
  if (isPostgres(db)) {
    await sql`alter table number_series drop constraint number_series_reg_doc_fy_uq`.execute(db);
    await db.schema.alterTable('number_series').dropColumn('gstin').execute();
    await sql`alter table number_series add constraint number_series_doc_fy_uq
      unique (document_type, financial_year)`.execute(db);
    return;
  }
  await rebuildSqliteSeries(db, false, primary);
}
