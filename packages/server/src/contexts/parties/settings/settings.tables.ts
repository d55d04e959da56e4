import type { BusinessSettingsColumns } from '../masters/masters.tables';

/** The one-row business record (migration 202611230900-create-foundation; masters adds its settings columns). */
export interface BusinessTable extends BusinessSettingsColumns {
  id: number;
  name: string;
  state_code: string;
  gstin: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingsTables {
  business: BusinessTable;
}
