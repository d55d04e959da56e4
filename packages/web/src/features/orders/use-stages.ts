import { useMemo } from 'react';
import type { Stage, StageCode } from '@bizdash/contracts/orders';
import { useAuth } from '../../app/auth/auth-context';
import { useStageSettings } from './api';
import { stagesWithLabels } from './labels';

/** Every stage in board order with the business's labels (the defaults for users who may not read settings). */
export function useStages(): { stages: Stage[]; labelOf: (code: StageCode) => string } {
  const { can } = useAuth();
  const settings = useStageSettings(can('settings.read'));
  return useMemo(() => {
    const labels: Partial<Record<StageCode, string>> = {};
    for (const s of settings.data?.stages ?? []) labels[s.code] = s.label;
    const stages = stagesWithLabels(labels);
    const byCode = new Map(stages.map((s) => [s.code, s.label]));
    return { stages, labelOf: (code: StageCode) => byCode.get(code) ?? code };
  }, [settings.data]);
}
