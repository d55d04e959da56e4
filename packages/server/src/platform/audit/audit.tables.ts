/** The hash-chained audit log (migration 202611230900-create-foundation), written only by audit.service.ts. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** Canonical JSON of { field: { before, after } }, hashed exactly as stored. */
  changes: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
}
