import { toMoneyString, type Paise } from '@bizdash/domain/money';

export interface UpiPaymentRequest {
  upiId: string;
  payeeName: string;
  amount: Paise;
  /** Transaction note: the invoice number, so the payment can be matched to it. */
  note: string;
}

/**
 * The UPI deep link a payment QR encodes (NPCI "upi://pay" URI): payee address, payee name, amount in rupees with
 * two decimals, note and currency. Values are percent-encoded so spaces and '&' in a name cannot break the link.
 */
export function upiPaymentLink({ upiId, payeeName, amount, note }: UpiPaymentRequest): string {
  const params = [
    ['pa', upiId.trim()],
    ['pn', payeeName.trim()],
    ['am', toMoneyString(amount)],
    ['tn', note],
    ['cu', 'INR'],
  ] as const;
  return `upi://pay?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
