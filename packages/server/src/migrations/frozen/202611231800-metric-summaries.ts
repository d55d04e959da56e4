import { sql, type Kysely } from 'kysely';
import {
  CONTRIBUTIONS,
  ZONE,
  SUMMARY_TABLES,
  type Contribution,
  type Row,
  type SummaryDialect,
  type SummaryTable,
} from './202611231800-metric-summary-declarations';

/**
 * FROZEN for migration 202611231800-create-metric-summaries: the SQL generated from the frozen declarations and the
 * installer, as they stood at commit 0f45016 (see the declarations file). Never edit it to follow the module.
 */

export type { SummaryDialect, SummaryTable } from './202611231800-metric-summary-declarations';

// ---- generated SQL

function tableOf(name: string): SummaryTable {
  const table = SUMMARY_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown summary table ${name}`);
  return table;
}

/** Adds (sign +1) or takes off (sign -1) one row's contribution: an upsert that sums into the existing bucket. */
function upsert(c: Contribution, r: Row, signed: 1 | -1, d: SummaryDialect): string {
  const table = tableOf(c.table);
  const keys = table.keys.map((key) => {
    const col = c.keys.find((x) => x.name === key.name);
    if (!col) throw new Error(`${c.name} lacks key ${key.name}`);
    return col.expr(r, d);
  });
  const values = table.values.map((name) => {
    const col = c.values.find((x) => x.name === name);
    if (!col) return '0';
    return signed === 1 ? col.expr(r, d) : `-(${col.expr(r, d)})`;
  });
  const target = d === 'postgres' ? `${table.name}.` : '';
  const set = table.values
    .filter((name) => c.values.some((x) => x.name === name))
    .map((name) => `${name} = ${target}${name} + excluded.${name}`)
    .join(', ');
  return `insert into ${table.name} (${[...table.keys.map((x) => x.name), ...table.values].join(', ')})
    select ${[...keys, ...values].join(', ')} where ${c.where(r, d)}
    on conflict (${table.keys.map((x) => x.name).join(', ')}) do update set ${set}`;
}

export function createTableSql(table: SummaryTable, d: SummaryDialect): string[] {
  const int = d === 'postgres' ? 'bigint' : 'integer';
  const cols = [
    ...table.keys.map((x) => `${x.name} ${x.type === 'bigint' ? int : 'text'} not null`),
    ...table.values.map((name) => `${name} ${int} not null default 0`),
  ];
  return [
    `create table ${table.name} (${cols.join(', ')}, primary key (${table.keys.map((x) => x.name).join(', ')}))`,
    ...(table.indexes ?? []).map((i) => `create index ${i.name} on ${table.name} (${i.columns})`),
  ];
}

export function createZoneSql(d: SummaryDialect): string {
  const int = d === 'postgres' ? 'bigint' : 'integer';
  return `create table ${ZONE} (id ${int} primary key, time_zone text not null, sqlite_modifier text not null,
    fy_start_month ${int} not null)`;
}

/** The statements that install every trigger (and, on PostgreSQL, its function). */
export function createTriggersSql(d: SummaryDialect): string[] {
  const out: string[] = [];
  for (const c of CONTRIBUTIONS) {
    const watch = c.watch.join(', ');
    if (d === 'sqlite') {
      out.push(
        `create trigger ${c.name}_ins after insert on ${c.source} for each row begin ${upsert(c, 'NEW', 1, d)}; end`,
        `create trigger ${c.name}_upd after update of ${watch} on ${c.source} for each row begin
           ${upsert(c, 'OLD', -1, d)}; ${upsert(c, 'NEW', 1, d)}; end`,
        `create trigger ${c.name}_del after delete on ${c.source} for each row begin ${upsert(c, 'OLD', -1, d)}; end`,
      );
    } else {
      out.push(
        `create or replace function ${c.name}_fn() returns trigger language plpgsql as $fn$
         begin
           if tg_op <> 'INSERT' then ${upsert(c, 'OLD', -1, d)}; end if;
           if tg_op <> 'DELETE' then ${upsert(c, 'NEW', 1, d)}; end if;
           return null;
         end $fn$`,
        `create trigger ${c.name}_trg after insert or update of ${watch} or delete on ${c.source}
           for each row execute function ${c.name}_fn()`,
      );
    }
  }
  return out;
}

/**
 * Contributions an earlier version installed: dropped too (if present), so a database rolled back past the
 * migration that replaced them can still be uninstalled.
 */
export const RETIRED_CONTRIBUTIONS: Pick<Contribution, 'name' | 'source'>[] = [
  { name: 'metric_receipts', source: 'order_receipts' },
];

export function dropTriggersSql(d: SummaryDialect): string[] {
  return [...CONTRIBUTIONS, ...RETIRED_CONTRIBUTIONS].flatMap((c) =>
    d === 'sqlite'
      ? ['ins', 'upd', 'del'].map((s) => `drop trigger if exists ${c.name}_${s}`)
      : [`drop trigger if exists ${c.name}_trg on ${c.source}`, `drop function if exists ${c.name}_fn()`],
  );
}

/** The rows a summary table should hold, computed from its sources (zero buckets left out). */
export function recomputeSql(table: SummaryTable, d: SummaryDialect): string {
  const parts = CONTRIBUTIONS.filter((c) => c.table === table.name && c.rebuild !== false).map((c) => {
    const keys = table.keys.map((key) => `${c.keys.find((x) => x.name === key.name)?.expr('s', d)} as ${key.name}`);
    const values = table.values.map(
      (name) => `${c.values.find((x) => x.name === name)?.expr('s', d) ?? '0'} as ${name}`,
    );
    return `select ${[...keys, ...values].join(', ')} from ${c.source} s where ${c.where('s', d)}`;
  });
  const keys = table.keys.map((x) => x.name).join(', ');
  const sums = table.values.map((name) => `sum(${name}) as ${name}`).join(', ');
  const nonZero = table.values.map((name) => `sum(${name}) <> 0`).join(' or ');
  return `select ${keys}, ${sums} from (${parts.join(' union all ')}) x group by ${keys} having ${nonZero}`;
}

export function rebuildSql(d: SummaryDialect): string[] {
  return SUMMARY_TABLES.flatMap((t) => [
    `delete from ${t.name}`,
    `insert into ${t.name} (${[...t.keys.map((x) => x.name), ...t.values].join(', ')}) ${recomputeSql(t, d)}`,
  ]);
}

// ---- installing (frozen copy of contexts/analytics/metric-summaries/summaries.ts)

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see no typed schema
type AnyDb = Kysely<any>;

export interface SummaryZone {
  timeZone: string;
  fyStartMonth: number;
}

async function run(db: AnyDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (frozen copy of @bizdash/domain/orders/calendar). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant (ISO UTC) at which 2026-01-02 starts in `timeZone` (the domain's startOfLocalDay, frozen). */
function startOfJanuarySecond(timeZone: string): string {
  const utcMidnight = Date.UTC(2026, 0, 2);
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess).toISOString();
}

/** SQLite's date() modifier for a zone: its offset on a fixed date (zones without daylight saving only). */
export function sqliteModifier(timeZone: string): string {
  const start = startOfJanuarySecond(timeZone);
  const minutes = Math.round((Date.parse('2026-01-02T00:00:00.000Z') - Date.parse(start)) / 60_000);
  return `${minutes >= 0 ? '+' : ''}${minutes} minutes`;
}

/** Creates the tables and triggers and fills them from the current rows. */
export async function installSummaries(db: AnyDb, dialect: SummaryDialect, zone: SummaryZone): Promise<void> {
  await run(db, [createZoneSql(dialect), ...SUMMARY_TABLES.flatMap((t) => createTableSql(t, dialect))]);
  await sql`insert into metric_zone (id, time_zone, sqlite_modifier, fy_start_month)
    values (1, ${zone.timeZone}, ${sqliteModifier(zone.timeZone)}, ${zone.fyStartMonth})`.execute(db);
  await run(db, createTriggersSql(dialect));
  await run(db, rebuildSql(dialect));
}

export async function uninstallSummaries(db: AnyDb, dialect: SummaryDialect): Promise<void> {
  await run(db, dropTriggersSql(dialect));
  await run(db, ['drop table metric_zone', ...SUMMARY_TABLES.map((t) => `drop table ${t.name}`)]);
}
