/** Staged imports: the parsed rows of an uploaded file, between preview and commit. */
export interface ImportBatchesTable {
  id: string;
  entity: string;
  file_name: string;
  /** JSON array of the heading cells. */
  headers: string;
  /** JSON array of rows, each an array of cell strings. */
  rows: string;
  row_count: number;
  /** JSON of the last validated ImportOptions (the mapping), so the error download matches the screen. */
  options: string | null;
  /** 'committing' while the rows are written in chunks; committed_count is then the rows written so far. */
  status: 'staged' | 'committing' | 'committed';
  created_by: number | null;
  created_at: string;
  committed_at: string | null;
  committed_count: number | null;
}

export interface ImportsTables {
  import_batches: ImportBatchesTable;
}
