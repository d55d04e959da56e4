import { describe, expect, it } from 'vitest';
import { STAGE_CODES as CONTRACT_STAGE_CODES } from '@bizdash/contracts/orders';
import { AppError } from '../errors';
import {
  DOCUMENT_TRANSITIONS,
  STAGE_CODES,
  allTransitions,
  allowedDocumentStatuses,
  allowedTargets,
  assertDocumentTransition,
  assertTransition,
  completenessOf,
  isComplete,
  isReopen,
  isTerminalStage,
  suggestTransition,
  type DocumentStatus,
  type StageCode,
} from './lifecycle';

/** The allowed moves, written out independently of STAGE_TRANSITIONS so a change to either is caught. */
const EXPECTED_ALLOWED: ReadonlySet<string> = new Set([
  'received>confirmed',
  'received>in_progress',
  'received>documents_pending',
  'received>failed',
  'confirmed>in_progress',
  'confirmed>documents_pending',
  'confirmed>failed',
  'in_progress>documents_pending',
  'in_progress>documents_received',
  'in_progress>documents_submitted',
  'in_progress>completed',
  'in_progress>failed',
  'documents_pending>in_progress',
  'documents_pending>documents_received',
  'documents_pending>failed',
  'documents_received>in_progress',
  'documents_received>documents_pending',
  'documents_received>documents_submitted',
  'documents_received>failed',
  'documents_submitted>documents_approved',
  'documents_submitted>documents_rejected',
  'documents_submitted>failed',
  'documents_approved>in_progress',
  'documents_approved>completed',
  'documents_approved>failed',
  'documents_rejected>documents_pending',
  'documents_rejected>documents_received',
  'documents_rejected>documents_submitted',
  'documents_rejected>failed',
  'completed>in_progress',
  'failed>in_progress',
]);

const ALL_PAIRS: [StageCode, StageCode][] = STAGE_CODES.flatMap((from) =>
  STAGE_CODES.map((to): [StageCode, StageCode] => [from, to]),
);

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('order lifecycle', () => {
  it('uses the same stage codes as the contract', () => {
    expect([...STAGE_CODES]).toEqual([...CONTRACT_STAGE_CODES]);
  });

  it('treats completed and failed, and only those, as terminal', () => {
    expect(STAGE_CODES.filter(isTerminalStage)).toEqual(['completed', 'failed']);
  });

  it('lists exactly the expected moves', () => {
    expect(new Set(allTransitions().map((p) => `${p.from}>${p.to}`))).toEqual(EXPECTED_ALLOWED);
  });

  describe.each(ALL_PAIRS)('%s -> %s', (from, to) => {
    const key = `${from}>${to}`;
    if (EXPECTED_ALLOWED.has(key)) {
      it('is allowed (with reopen rights and a note)', () => {
        expect(assertTransition({ from, to, canReopen: true, note: 'client asked again' })).toEqual({
          isReopen: isTerminalStage(from),
        });
        expect(allowedTargets(from)).toContain(to);
      });
    } else {
      it('is refused with INVALID_TRANSITION listing the allowed targets', () => {
        const error = errorOf(() => assertTransition({ from, to, canReopen: true, note: 'x' }));
        expect(error.code).toBe('INVALID_TRANSITION');
        const allowed = [...EXPECTED_ALLOWED].filter((k) => k.startsWith(`${from}>`)).map((k) => k.split('>')[1]);
        expect(error.details?.allowed).toEqual(allowed);
      });
    }
  });

  it('needs reopen rights to leave a terminal stage', () => {
    for (const from of ['completed', 'failed'] as const) {
      expect(isReopen(from, 'in_progress')).toBe(true);
      expect(errorOf(() => assertTransition({ from, to: 'in_progress', canReopen: false, note: 'x' })).code).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('needs a reason to reopen', () => {
    const error = errorOf(() => assertTransition({ from: 'completed', to: 'in_progress', canReopen: true, note: ' ' }));
    expect(error.code).toBe('REASON_REQUIRED');
    expect(error.details?.field).toBe('note');
  });

  it('does not need reopen rights or a note for ordinary moves', () => {
    expect(assertTransition({ from: 'received', to: 'confirmed', canReopen: false })).toEqual({ isReopen: false });
  });

  it('drops moves the business switched off, and refuses them', () => {
    const disabled = [{ from: 'received' as const, to: 'confirmed' as const }];
    expect(allowedTargets('received', disabled)).toEqual(['in_progress', 'documents_pending', 'failed']);
    const error = errorOf(() => assertTransition({ from: 'received', to: 'confirmed', disabled, canReopen: true }));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.details?.allowed).toEqual(['in_progress', 'documents_pending', 'failed']);
  });
});

const DOC_STATUSES: DocumentStatus[] = ['pending', 'received', 'submitted', 'rejected', 'accepted'];
const EXPECTED_DOC: ReadonlySet<string> = new Set([
  'pending>received',
  'received>pending',
  'received>submitted',
  'received>accepted',
  'received>rejected',
  'submitted>received',
  'submitted>accepted',
  'submitted>rejected',
  'rejected>pending',
  'rejected>received',
  'rejected>submitted',
  'accepted>received',
  'accepted>submitted',
]);

describe('document statuses', () => {
  it('lists exactly the expected moves', () => {
    const pairs = DOC_STATUSES.flatMap((from) => DOCUMENT_TRANSITIONS[from].map((to) => `${from}>${to}`));
    expect(new Set(pairs)).toEqual(EXPECTED_DOC);
  });

  for (const from of DOC_STATUSES) {
    for (const to of DOC_STATUSES) {
      const allowed = EXPECTED_DOC.has(`${from}>${to}`);
      it(`${from} -> ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        if (allowed) {
          expect(() => assertDocumentTransition(from, to, 'wrong signature')).not.toThrow();
          expect(allowedDocumentStatuses(from)).toContain(to);
        } else {
          expect(errorOf(() => assertDocumentTransition(from, to, 'r')).code).toBe('INVALID_TRANSITION');
        }
      });
    }
  }

  it('needs a reason to reject', () => {
    expect(errorOf(() => assertDocumentTransition('submitted', 'rejected', '')).code).toBe('REASON_REQUIRED');
  });
});

describe('completeness and suggestions', () => {
  it('counts documents by how far they got', () => {
    const c = completenessOf(['pending', 'received', 'submitted', 'accepted', 'rejected']);
    expect(c).toEqual({ required: 5, received: 3, submitted: 2, accepted: 1, rejected: 1 });
    expect(isComplete(c)).toBe(false);
    expect(isComplete(completenessOf([]))).toBe(true);
  });

  it('suggests documents_received when every document is in hand', () => {
    const c = completenessOf(['received', 'submitted']);
    expect(suggestTransition('documents_pending', c)).toEqual({
      to: 'documents_received',
      reason: 'all_documents_received',
    });
    // Not offered where the lifecycle has no such move, nor when it is switched off.
    expect(suggestTransition('documents_submitted', c)).toBeNull();
    expect(
      suggestTransition('documents_pending', c, [{ from: 'documents_pending', to: 'documents_received' }]),
    ).toBeNull();
  });

  it('suggests documents_approved when every document is accepted', () => {
    const c = completenessOf(['accepted', 'accepted']);
    expect(suggestTransition('documents_submitted', c)).toEqual({
      to: 'documents_approved',
      reason: 'all_documents_accepted',
    });
  });

  it('suggests nothing without documents, with some missing, or on a closed order', () => {
    expect(suggestTransition('documents_pending', completenessOf([]))).toBeNull();
    expect(suggestTransition('documents_pending', completenessOf(['received', 'pending']))).toBeNull();
    expect(suggestTransition('completed', completenessOf(['accepted']))).toBeNull();
  });
});
