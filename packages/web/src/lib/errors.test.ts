import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldErrorsOf, fieldWords, formErrorsOf } from './errors';

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
      form: 'Partner party: Party 9 is not a partner.',
    });
    expect(formErrorsOf(error, ['email', 'partnerPartyId'] as const)).toEqual({
      fields: { email: 'Must be an email address', partnerPartyId: 'Party 9 is not a partner' },
      form: null,
    });
  });

  it('falls back to the problem detail when no field is named', () => {
    expect(formErrorsOf(problem([]), ['name'] as const)).toEqual({ fields: {}, form: 'The input is invalid' });
  });

  it('names each field the form lacks in the form-level message', () => {
    const error = problem([
      { field: 'owner.email', message: 'must be an email address' },
      { field: 'upiId', message: 'is not a UPI ID.' },
      { field: 'isActive', message: 'cannot change here' },
    ]);
    expect(formErrorsOf(error, ['email'] as const)).toEqual({
      fields: { email: 'Must be an email address' },
      form: 'UPI: Is not a UPI ID. Active: Cannot change here.',
    });
  });

  it('maps a list item’s path to its list field, by the map or its name', () => {
    const error = problem([
      { field: 'requiredDocumentTypeIds.0', message: 'document type 9 is archived' },
      { field: 'tags.2', message: 'is too long' },
    ]);
    expect(fieldErrorsOf(error, { requiredDocumentTypeIds: 'requiredDocuments' })).toEqual({
      requiredDocuments: 'Document type 9 is archived',
      tags: 'Is too long',
    });
  });

  it('places a problem naming one field in details.field like a field error', () => {
    const duplicate = new ApiError({
      status: 409,
      code: 'DUPLICATE',
      title: 'Already exists',
      detail: 'A party named Acme already exists',
      details: { field: 'name' },
    });
    expect(formErrorsOf(duplicate, ['name'] as const)).toEqual({
      fields: { name: 'A party named Acme already exists' },
      form: null,
    });
    expect(formErrorsOf(duplicate, ['email'] as const)).toEqual({
      fields: {},
      form: 'A party named Acme already exists',
    });
  });

  it('reads field keys as words', () => {
    expect(fieldWords('partnerPartyId')).toBe('Partner party');
    expect(fieldWords('lut.number')).toBe('LUT number');
    expect(fieldWords('gstin')).toBe('GSTIN');
  });
});
