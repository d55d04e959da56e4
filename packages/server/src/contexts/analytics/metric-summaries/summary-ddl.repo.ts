import { CONTRIBUTIONS, RETIRED_CONTRIBUTIONS } from './summary-contributions.repo';
import {
  SUMMARY_TABLES,
  ZONE,
  type Contribution,
  type Row,
  type SummaryDialect,
  type SummaryTable,
} from './summary-tables.repo';

/**
 * The SQL generated from the declarations, for both dialects: the tables, the trigger bodies (take the old row's
 * contribution off, add the new row's), the rebuild from scratch, and the recompute-and-compare check.
 */

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

/**
 * Buckets where the kept table and a full recomputation disagree, both ways (EXCEPT runs as one sort or hash on
 * both dialects). A bucket that differs shows once from each side. Zero rows left by ± deltas count as absent.
 */
export function compareSql(table: SummaryTable, d: SummaryDialect): string {
  const cols = [...table.keys.map((x) => x.name), ...table.values].join(', ');
  const kept = `select ${cols} from ${table.name} where ${table.values.map((x) => `${x} <> 0`).join(' or ')}`;
  const recomputed = `select ${cols} from (${recomputeSql(table, d)}) r`;
  return `select 'kept' as side, ${cols} from (${kept} except ${recomputed}) a
    union all
    select 'recomputed' as side, ${cols} from (${recomputed} except ${kept}) b`;
}
