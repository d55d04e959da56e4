import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GstinCheck } from '@bizdash/contracts/gstin';
import { CreatePartyInput, DuplicateCheckResult, PartyWithWarnings } from '@bizdash/contracts/parties';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { mockApi, problem, type RecordedRequest } from '../../../test/mock-api';
import { describedText, isInvalid } from '../../../test/queries';
import { partyFixture } from '../../../test/fixtures';
import { fill, renderWithApp } from '../../../test/render';
import { NewPartyPage } from './party-form-page';

/** GET /gstin/:gstin as the server answers it without a registry provider: offline validation only. */
function gstinAnswer(request: RecordedRequest) {
  const v = validateGstin(request.params.gstin ?? '');
  return GstinCheck.parse({
    valid: v.valid,
    normalized: v.normalized,
    kind: v.kind,
    stateCode: v.stateCode,
    stateName: v.stateName,
    pan: v.pan,
    errors: v.errors.map((e) => ({ code: e.code, message: e.message })),
  });
}

function saved(input: Record<string, unknown>) {
  return PartyWithWarnings.parse({ ...partyFixture({ id: 77, name: String(input.name) }), ...input, warnings: [] });
}

const noDuplicates = DuplicateCheckResult.parse({ warnings: [] });

describe('party form', () => {
  it('says what is wrong with a GSTIN whose check character is off', async () => {
    mockGstin();
    const { user } = renderWithApp(<NewPartyPage />, { route: '/parties/new' });

    const gstin = screen.getByLabelText('GSTIN');
    // 27AAPFU0939F1ZV is valid; the last character changed breaks its checksum.
    await user.type(gstin, '27AAPFU0939F1ZX');
    await waitFor(() => expect(isInvalid(gstin)).toBe(true));
    const expected = validateGstin('27AAPFU0939F1ZX').errors.map((e) => e.message);
    expect(expected.length).toBeGreaterThan(0);
    expect(describedText(gstin)).toContain(expected[0]);

    // A short GSTIN is caught on submit, before anything is sent.
    await fill(user, gstin, '27AAPFU');
    await fill(user, screen.getByLabelText('Name'), 'Acme Traders');
    await user.click(screen.getByRole('button', { name: /add party|save/i }));
    expect(describedText(screen.getByLabelText('GSTIN'))).toContain('A GSTIN has 15 characters');
    expect(screen.getByTestId('party-form-error').textContent).toContain('Some fields need a look');
    expect(currentRequests().filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('switches to foreign address lines for a country other than India and sends them', async () => {
    mockGstin({ 'POST /api/v1/parties': (r: RecordedRequest) => saved(r.body as Record<string, unknown>) });
    const { user } = renderWithApp(<NewPartyPage />, { route: '/parties/new' });

    expect(screen.getByLabelText('Billing address line 1')).toBeTruthy();
    expect(screen.queryByLabelText('Address lines')).toBeNull();

    await fill(user, screen.getByLabelText('Name'), 'Müller GmbH');
    const country = screen.getByLabelText('Country');
    await user.click(country);
    await user.clear(country);
    await user.type(country, 'Germa');
    await user.click(await screen.findByRole('option', { name: 'Germany' }));

    // The Indian address (state, PIN) gives way to free lines and a postal code.
    expect(screen.queryByLabelText('Billing address line 1')).toBeNull();
    const lines = screen.getByLabelText('Address lines');
    await fill(user, lines, 'Hauptstraße 5\nBerlin');
    await fill(user, screen.getByLabelText('Postal code'), '10115');

    await user.click(screen.getByRole('button', { name: /add party|save/i }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/parties/77'));

    const [post] = currentRequests().filter((r) => r.method === 'POST' && r.path === '/api/v1/parties');
    // What was sent is a valid CreatePartyInput, with the foreign address and an overseas registration.
    const body = CreatePartyInput.parse(post?.body);
    expect(body).toMatchObject({
      name: 'Müller GmbH',
      roles: ['client'],
      countryCode: 'DE',
      billingAddress: null,
      foreignAddress: { lines: ['Hauptstraße 5', 'Berlin'], postalCode: '10115' },
      gstRegistrationType: 'overseas',
      gstin: null,
    });
  });

  it('sends the expected body for an Indian party with a valid GSTIN', async () => {
    mockGstin({ 'POST /api/v1/parties': (r: RecordedRequest) => saved(r.body as Record<string, unknown>) });
    const { user } = renderWithApp(<NewPartyPage />, { route: '/parties/new' });

    await fill(user, screen.getByLabelText('Name'), 'Acme Traders');
    const gstin = screen.getByLabelText('GSTIN');
    await fill(user, gstin, '27aapfu0939f1zv');
    // Checked as entered: valid, with the PAN and the state (Maharashtra, 27) taken from the number.
    await waitFor(() => expect(describedText(gstin)).toContain('Valid'));
    expect((screen.getByLabelText('PAN') as HTMLInputElement).value).toBe('AAPFU0939F');
    await waitFor(() =>
      expect((screen.getByLabelText('Billing state') as HTMLInputElement).value).toMatch(/Maharashtra/),
    );
    // With the state filled, the rest of the address is asked for.
    await user.click(screen.getByRole('button', { name: /add party|save/i }));
    expect(describedText(screen.getByLabelText('Billing city'))).toContain('Enter the city');
    expect(currentRequests().some((r) => r.method === 'POST')).toBe(false);
    await fill(user, screen.getByLabelText('Billing address line 1'), '12 MG Road');
    await fill(user, screen.getByLabelText('Billing city'), 'Pune');
    await fill(user, screen.getByLabelText('Billing PIN'), '411001');

    await user.click(screen.getByRole('button', { name: /add party|save/i }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/parties/77'));
    const post = currentRequests().find((r) => r.method === 'POST' && r.path === '/api/v1/parties');
    expect(CreatePartyInput.parse(post?.body)).toMatchObject({
      name: 'Acme Traders',
      gstin: '27AAPFU0939F1ZV',
      pan: 'AAPFU0939F',
      gstRegistrationType: 'regular',
      countryCode: 'IN',
      billingAddress: { line1: '12 MG Road', line2: null, city: 'Pune', stateCode: '27', pin: '411001' },
      shippingAddress: null,
      foreignAddress: null,
      openingBalance: null,
    });
  });

  it('shows a server 400’s field message next to that field', async () => {
    mockGstin({
      'POST /api/v1/parties': problem({
        status: 400,
        code: 'VALIDATION',
        title: 'Invalid request',
        detail: 'Some fields are invalid',
        errors: [{ field: 'pan', message: 'pan: does not match the GSTIN' }],
      }),
    });
    const { user } = renderWithApp(<NewPartyPage />, { route: '/parties/new' });
    await fill(user, screen.getByLabelText('Name'), 'Acme Traders');
    await fill(user, screen.getByLabelText('PAN'), 'ABCDE1234F');
    await user.click(screen.getByRole('button', { name: /add party|save/i }));

    const pan = screen.getByLabelText('PAN');
    await waitFor(() => expect(isInvalid(pan)).toBe(true));
    expect(describedText(pan)).toContain('Does not match the GSTIN');
    expect(within(screen.getByTestId('party-form-error')).getByText(/Some fields need a look/)).toBeTruthy();
    // Still on the form.
    expect(screen.getByTestId('location').textContent).toBe('/parties/new');
  });
});

// --- fixtures shared by the tests above --------------------------------------------------------------------

let current: ReturnType<typeof mockApi> | undefined;

function currentRequests(): RecordedRequest[] {
  return current?.requests ?? [];
}

/** The form's API: GSTIN checks for any number, the duplicate check, plus the given routes. */
function mockGstin(extra: Record<string, unknown> = {}) {
  current = mockApi({
    'GET /api/v1/gstin/:gstin': gstinAnswer,
    'GET /api/v1/parties/duplicates': noDuplicates,
    ...extra,
  });
  return current;
}
