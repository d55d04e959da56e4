/** Tables of the invoices module, joined into the one DB type in platform/db/schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InvoicesTables {}
