/** Tables of the masters module (registrars, companies, document types, order types, items, business settings). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the masters module
export interface MastersTables {}
