/** Tables of the parties module (party records, their search index, the GSTIN lookup cache). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the parties module
export interface PartiesTables {}
