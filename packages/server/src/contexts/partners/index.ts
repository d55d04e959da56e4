/** The partners context's public face: what other contexts may import. */
export type { SettlementEntryRow } from './partners/partners.tables';
