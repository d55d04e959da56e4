import { describe, expect, it } from 'vitest';
import { CONTRIBUTIONS, RETIRED_CONTRIBUTIONS } from './summary-contributions.repo';
import { createTriggersSql, dropTriggersSql, rebuildSql } from './summary-ddl.repo';
import { SUMMARY_TABLES } from './summary-tables.repo';

describe('summary declarations', () => {
  it('every contribution fills exactly its table key and only values its table has', () => {
    for (const c of CONTRIBUTIONS) {
      const table = SUMMARY_TABLES.find((t) => t.name === c.table);
      expect(table, c.name).toBeDefined();
      expect(c.keys.map((k) => k.name).sort(), c.name).toEqual(table?.keys.map((k) => k.name).sort());
      for (const value of c.values) expect(table?.values, `${c.name}.${value.name}`).toContain(value.name);
    }
  });

  it('every summary table is rebuilt from at least one source', () => {
    for (const table of SUMMARY_TABLES) {
      expect(
        CONTRIBUTIONS.some((c) => c.table === table.name && c.rebuild !== false),
        table.name,
      ).toBe(true);
    }
    expect(rebuildSql('sqlite')).toHaveLength(SUMMARY_TABLES.length * 2);
  });

  it('installs insert, update and delete triggers per contribution and drops each of them', () => {
    const sqlite = createTriggersSql('sqlite');
    expect(sqlite).toHaveLength(CONTRIBUTIONS.length * 3);
    // An update takes the old row's contribution off before adding the new one's.
    const update = sqlite.find((s) => s.includes('metric_payments_received_upd')) ?? '';
    expect(update.indexOf('OLD.amount_paise')).toBeGreaterThan(-1);
    expect(update.indexOf('OLD.amount_paise')).toBeLessThan(update.indexOf('NEW.amount_paise'));
    // Retired contributions are dropped too, so an older install uninstalls cleanly.
    expect(dropTriggersSql('sqlite')).toHaveLength(sqlite.length + RETIRED_CONTRIBUTIONS.length * 3);
    expect(createTriggersSql('postgres')).toHaveLength(CONTRIBUTIONS.length * 2);
    expect(dropTriggersSql('postgres')).toHaveLength((CONTRIBUTIONS.length + RETIRED_CONTRIBUTIONS.length) * 2);
  });
});
