import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldErrorsOf, formErrorsOf } from './errors';

function problem(errors: { field: string; message: string }[]) {
  return new ApiError({
    status: 400,
    code: 'VALIDATION_FAILED',
    title: 'Invalid',
    detail: 'The input is invalid',
    errors,
  });
}

describe('form errors from a 400 problem', () => {
  it('drops the "field: " prefix the server puts on service-level messages', () => {
    const error = problem([{ field: 'partnerPartyId', message: 'partnerPartyId: is required for a partner login' }]);
    expect(fieldErrorsOf(error)).toEqual({ partnerPartyId: 'Is required for a partner login' });
  });

  it('puts messages for fields the form shows under them and the rest in one form-level message', () => {
    const error = problem([
      { field: 'email', message: 'must be an email address' },
      { field: 'partnerPartyId', message: 'partnerPartyId: party 9 is not a partner' },
    ]);
    expect(formErrorsOf(error, ['name', 'email'] as const)).toEqual({
      fields: { email: 'Must be an email address' },
      form: 'Party 9 is not a partner',
    });
    expect(formErrorsOf(error, ['email', 'partnerPartyId'] as const)).toEqual({
      fields: { email: 'Must be an email address', partnerPartyId: 'Party 9 is not a partner' },
      form: null,
    });
  });

  it('falls back to the problem detail when no field is named', () => {
    expect(formErrorsOf(problem([]), ['name'] as const)).toEqual({ fields: {}, form: 'The input is invalid' });
  });
});
