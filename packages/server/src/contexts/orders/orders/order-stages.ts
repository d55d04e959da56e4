import type { OrderStageSettings, Stage, StageCode, UpdateOrderStageSettingsInput } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import {
  DEFAULT_STAGE_LABELS,
  STAGE_CODES,
  allTransitions,
  isDefinedTransition,
  isReopen,
  isTerminalStage,
  type TransitionPairValue,
} from '@bizdash/domain/orders/lifecycle';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { findStageSettings, saveStageSettings } from './order-stages.repo';

/** The business's stage labels and switched-off moves, as the lifecycle code reads them. */
export interface StageConfig {
  labels: Readonly<Record<StageCode, string>>;
  disabled: readonly TransitionPairValue[];
  updatedAt: string | null;
}

function parseJson<T>(text: string, fallback: T): T {
  // Written only by this module from validated input.
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export async function loadStageConfig(executor: Executor): Promise<StageConfig> {
  const row = await findStageSettings(executor);
  const overrides = row ? parseJson<Partial<Record<StageCode, string>>>(row.labels, {}) : {};
  const labels = { ...DEFAULT_STAGE_LABELS };
  for (const code of STAGE_CODES) {
    const label = overrides[code];
    if (label) labels[code] = label;
  }
  const disabled = row ? parseJson<TransitionPairValue[]>(row.disabled_transitions, []) : [];
  return { labels, disabled, updatedAt: row?.updated_at ?? null };
}

export function stageOf(config: StageConfig, code: StageCode): Stage {
  return { code, label: config.labels[code], isTerminal: isTerminalStage(code) };
}

function toSettings(config: StageConfig): OrderStageSettings {
  const off = new Set(config.disabled.map((p) => `${p.from}>${p.to}`));
  return {
    stages: STAGE_CODES.map((code) => ({ ...stageOf(config, code), defaultLabel: DEFAULT_STAGE_LABELS[code] })),
    transitions: allTransitions().map((p) => ({
      ...p,
      isReopen: isReopen(p.from, p.to),
      isEnabled: !off.has(`${p.from}>${p.to}`),
    })),
    updatedAt: config.updatedAt,
  };
}

export interface OrderStagesDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export function makeOrderStagesService({ database, audit, clock }: OrderStagesDeps) {
  async function get(): Promise<OrderStageSettings> {
    return toSettings(await loadStageConfig(database.db));
  }

  async function update(ctx: RequestContext, input: UpdateOrderStageSettingsInput): Promise<OrderStageSettings> {
    const labels: Partial<Record<StageCode, string>> = {};
    for (const code of STAGE_CODES) {
      const label = input.labels[code]?.trim();
      if (label && label !== DEFAULT_STAGE_LABELS[code]) labels[code] = label;
    }
    const seen = new Set<string>();
    const disabled: TransitionPairValue[] = [];
    input.disabledTransitions.forEach((p, i) => {
      if (!isDefinedTransition(p.from, p.to)) {
        throw new AppError('VALIDATION_FAILED', `The lifecycle has no move from ${p.from} to ${p.to}`, {
          field: `disabledTransitions.${i}`,
        });
      }
      const key = `${p.from}>${p.to}`;
      if (!seen.has(key)) disabled.push({ from: p.from, to: p.to });
      seen.add(key);
    });
    // Two stages with one label would make the board ambiguous.
    const merged = { ...DEFAULT_STAGE_LABELS, ...labels };
    const byLabel = new Map<string, StageCode>();
    for (const code of STAGE_CODES) {
      const key = merged[code].toLowerCase();
      const other = byLabel.get(key);
      if (other) {
        throw new AppError('VALIDATION_FAILED', `${other} and ${code} would both be called "${merged[code]}"`, {
          field: `labels.${code}`,
        });
      }
      byLabel.set(key, code);
    }
    return database.transaction(async (tx) => {
      const before = await loadStageConfig(tx);
      const now = clock.now().toISOString();
      const values = {
        labels: JSON.stringify(labels),
        disabled_transitions: JSON.stringify(disabled),
        updated_at: now,
      };
      await saveStageSettings(tx, values);
      const after = await loadStageConfig(tx);
      const changes = diffRecords(
        { labels: before.labels, disabledTransitions: before.disabled },
        { labels: after.labels, disabledTransitions: after.disabled },
      );
      if (Object.keys(changes).length > 0) {
        await audit.record(tx, ctx, {
          action: 'order_stages.updated',
          entity: 'settings',
          entityId: 'order-stages',
          changes,
        });
      }
      return toSettings(after);
    });
  }

  return { get, update };
}
