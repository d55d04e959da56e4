/** The orders context's public face: what other contexts may import. */
export type { ReceiptMode, SettlementBasis } from './order-money/order-money.tables';
export { makeOrderLink } from './order-money/order-link';
export type { IncomingFile } from './orders/order-documents.service';
export { loadStageConfig } from './orders/order-stages';
export { actorName, actorUserId, recordOrderEvent } from './orders/order-support';
export { makeOrdersService } from './orders/orders.service';
export type { OrdersService } from './orders/orders.service';
export { readSingleFile } from './orders/upload-http';
