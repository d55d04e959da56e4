import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderDetailFixture } from '../../../test/fixtures';
import { mockApi } from '../../../test/mock-api';
import { renderWithApp } from '../../../test/render';
import { OrderDetailPage } from './order-detail-page';

/** React's development build reports invalid nesting (a badge's <div> in a <p>) through console.error. */
const NESTING_WARNING = /validateDOMNesting|cannot be a descendant of|cannot contain a nested|cannot be a child of/;

describe('OrderDetailPage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders its header (stage badge and all) as valid HTML: no nesting warning', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    mockApi({
      'GET /api/v1/orders/:id': orderDetailFixture({ id: 17, number: 'ORD-0017', title: 'Share transfer for Acme' }),
    });
    renderWithApp(<OrderDetailPage />, { route: '/orders/17', path: '/orders/:id' });

    expect(await screen.findByRole('heading', { name: 'ORD-0017 · Share transfer for Acme' })).toBeTruthy();
    expect(screen.getByText('Share transfer for Acme Traders')).toBeTruthy();
    const messages = consoleError.mock.calls.map((args) => args.map(String).join(' '));
    expect(messages.filter((m) => NESTING_WARNING.test(m))).toEqual([]);
  });
});
