import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SourceType } from '@bizdash/contracts/accounts';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { SOURCE_LABELS } from '../labels';

export interface SourceRef {
  sourceType: SourceType;
  sourceId: number;
  reference: string | null;
  narration: string;
  partyId: number | null;
}

/** The order number an expense or settlement entry names in its narration ("Expense on ORD/2026-27/0004, …"). */
export function orderNumberIn(narration: string): string | null {
  const match = /\bon (\S+?)(?:,|$|\s)/.exec(narration.replace(/^Reversal: /, ''));
  return match?.[1] ?? null;
}

/** Where a document that posts to the book is shown, when that needs no lookup. */
export function sourcePath(ref: SourceRef): string | null {
  switch (ref.sourceType) {
    case 'invoice':
      return `/invoices/${ref.sourceId}`;
    case 'payment':
      return `/payments?payment=${ref.sourceId}`;
    case 'payout':
      return ref.partyId === null ? '/settlements/payouts' : `/parties/${ref.partyId}`;
    case 'opening':
      // A party's opening balance: the document's id is the party's.
      return `/parties/${ref.sourceId}`;
    case 'expense':
    case 'settlement':
      // Both live on an order; the entry names the order, and the order is found when the link is followed.
      return null;
  }
}

interface OrderHit {
  id: number;
  number: string;
}

/** A link to the document that posted an entry: an invoice, a payment, an order (expense, settlement), a partner. */
export function SourceLink({ source, label }: { source: SourceRef; label?: string }) {
  const navigate = useNavigate();
  const [isResolving, setResolving] = useState(false);
  const text = label ?? source.reference ?? `${SOURCE_LABELS[source.sourceType]} #${source.sourceId}`;
  const path = sourcePath(source);
  if (path) {
    return (
      <Anchor component={Link} to={path} size="sm" className={label ? undefined : 'mono'} data-testid="source-link">
        {text}
      </Anchor>
    );
  }
  const number = orderNumberIn(source.narration);
  async function open() {
    if (!number || isResolving) return;
    setResolving(true);
    try {
      const page = await api.get<{ items: OrderHit[] }>('/orders', { q: number, pageSize: 20 });
      const order = page.items.find((o) => o.number === number);
      await navigate(order ? `/orders/${order.id}` : `/orders?q=${encodeURIComponent(number)}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not open the order', message: errorMessage(error) });
    } finally {
      setResolving(false);
    }
  }
  if (!number) return <span className="mono">{text}</span>;
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      className={label ? undefined : 'mono'}
      onClick={() => void open()}
      title={`Open order ${number}`}
      data-testid="source-link"
    >
      {text}
    </Anchor>
  );
}
