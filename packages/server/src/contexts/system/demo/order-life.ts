import type { DocumentStatus, StageCode } from '@bizdash/contracts/orders';
import {
  completenessOf,
  DOCUMENT_TRANSITIONS,
  isComplete,
  STAGE_TRANSITIONS,
  type Completeness,
} from '@bizdash/domain/orders/lifecycle';
import { weighted, type Random } from './indian-data';

/**
 * The life of one generated order: the stages it went through and what happened to each required document, with
 * times. Every move is one the domain lifecycle allows (checked here, so a generator change cannot write a history
 * the app would refuse).
 */
export interface StageStep {
  from: StageCode | null;
  to: StageCode;
  at: number;
}

export interface DocumentStep {
  from: DocumentStatus | null;
  to: DocumentStatus;
  at: number;
  reason: string | null;
}

export interface OrderLife {
  steps: StageStep[];
  /** Per required document, its status changes in time order (the first is null → pending at creation). */
  documents: DocumentStep[][];
  stage: StageCode;
  completeness: Completeness;
  isComplete: boolean;
  lastAt: number;
}

const OPEN_MIX_RECENT: readonly (readonly [StageCode, number])[] = [
  ['received', 14],
  ['confirmed', 10],
  ['in_progress', 14],
  ['documents_pending', 20],
  ['documents_received', 10],
  ['documents_submitted', 12],
  ['documents_approved', 5],
  ['documents_rejected', 3],
  ['completed', 10],
  ['failed', 2],
];

const OPEN_MIX_MIDDLE: readonly (readonly [StageCode, number])[] = [
  ['documents_pending', 8],
  ['documents_received', 5],
  ['documents_submitted', 12],
  ['documents_rejected', 3],
  ['documents_approved', 4],
  ['completed', 60],
  ['failed', 8],
];

const OPEN_MIX_OLD: readonly (readonly [StageCode, number])[] = [
  ['documents_pending', 1],
  ['documents_submitted', 1],
  ['documents_rejected', 0.5],
  ['completed', 86],
  ['failed', 11.5],
];

/** Where an order created `ageDays` ago stands today: recent ones are open, old ones mostly closed. */
export function pickFinalStage(random: Random, ageDays: number): StageCode {
  if (ageDays < 30) return weighted(random, OPEN_MIX_RECENT);
  if (ageDays < 120) return weighted(random, OPEN_MIX_MIDDLE);
  return weighted(random, OPEN_MIX_OLD);
}

const FAIL_POINTS: readonly (readonly [StageCode, number])[] = [
  ['received', 3],
  ['confirmed', 2],
  ['documents_pending', 4],
  ['documents_rejected', 3],
  ['in_progress', 1],
];

const REJECTION_REASONS = [
  'Signature does not match the registrar’s specimen',
  'Stamp duty short by ₹50',
  'Name mismatch between certificate and PAN',
  'Affidavit not notarised',
  'Succession certificate copy not attested',
  'Folio number missing on the transfer deed',
] as const;

function path(random: Random, target: StageCode): StageCode[] {
  const main: StageCode[] = ['received', 'confirmed'];
  if (target === 'in_progress' || random() < 0.5) main.push('in_progress');
  main.push('documents_pending', 'documents_received', 'documents_submitted');
  const rejectedOnce = random() < 0.12;
  if (rejectedOnce || target === 'documents_rejected') main.push('documents_rejected', 'documents_submitted');
  main.push('documents_approved', 'completed');
  if (target === 'failed') {
    const failAt = weighted(random, FAIL_POINTS);
    const idx = main.indexOf(failAt);
    return [...(idx >= 0 ? main.slice(0, idx + 1) : main.slice(0, 1)), 'failed'];
  }
  const idx = main.indexOf(target);
  return idx >= 0 ? main.slice(0, idx + 1) : ['received'];
}

/**
 * Builds an order's life from its creation to `until` (now), lasting about `turnaroundDays` when it closed.
 * `docCount` required documents start pending at creation and follow the stage: received by documents_received,
 * submitted by documents_submitted, accepted by documents_approved; a rejection hits one of them.
 */
export function buildLife(
  random: Random,
  createdAt: number,
  until: number,
  turnaroundDays: number,
  docCount: number,
  target: StageCode,
): OrderLife {
  const stages = path(random, target);
  const isClosed = target === 'completed' || target === 'failed';
  const span = until - createdAt;
  const wanted = turnaroundDays * 86_400_000 * (0.5 + random());
  const duration = Math.max(60_000, isClosed ? Math.min(wanted, span * 0.98) : span * (0.3 + 0.65 * random()));
  // Cumulative random increments, scaled to the duration: strictly increasing times.
  const increments = stages.map(() => 0.2 + random());
  const total = increments.reduce((s, x) => s + x, 0) - (increments[0] ?? 0);
  const steps: StageStep[] = [];
  let t = createdAt;
  let acc = 0;
  stages.forEach((to, i) => {
    if (i > 0) {
      acc += increments[i] ?? 0;
      t = Math.max(t + 60_000, Math.round(createdAt + (duration * acc) / total));
    }
    const from = i === 0 ? null : (stages[i - 1] ?? null);
    if (from !== null && !STAGE_TRANSITIONS[from].includes(to)) throw new Error(`generator: ${from} -> ${to}`);
    steps.push({ from, to, at: t });
  });

  const docs: DocumentStep[][] = Array.from({ length: docCount }, () => [
    { from: null, to: 'pending', at: createdAt, reason: null },
  ]);
  const move = (i: number, to: DocumentStatus, at: number, reason: string | null = null) => {
    const history = docs[i];
    if (!history) return;
    const from = history[history.length - 1]?.to ?? 'pending';
    if (from === to) return;
    if (!DOCUMENT_TRANSITIONS[from].includes(to)) throw new Error(`generator: document ${from} -> ${to}`);
    history.push({ from, to, at, reason });
  };
  const rejectedDoc = Math.floor(random() * Math.max(docCount, 1));
  for (let s = 1; s < steps.length; s++) {
    const step = steps[s];
    const prev = steps[s - 1];
    if (!step || !prev) continue;
    const window = step.at - prev.at;
    // Each document's change lands somewhere between the previous stage change and this one.
    const at = (i: number) => prev.at + Math.round((window * (i + 1)) / (docCount + 1));
    switch (step.to) {
      case 'documents_pending':
        break;
      case 'documents_received':
        for (let i = 0; i < docCount; i++) move(i, 'received', at(i));
        break;
      case 'documents_submitted':
        for (let i = 0; i < docCount; i++) {
          move(i, 'received', at(i));
          move(i, 'submitted', at(i) + 1000);
        }
        break;
      case 'documents_rejected':
        move(
          rejectedDoc,
          'rejected',
          at(0),
          REJECTION_REASONS[Math.floor(random() * REJECTION_REASONS.length)] ?? null,
        );
        break;
      case 'documents_approved':
        for (let i = 0; i < docCount; i++) {
          move(i, 'submitted', at(i));
          move(i, 'accepted', at(i) + 1000);
        }
        break;
      default:
        break;
    }
  }
  // An order still waiting for documents has some of them in already.
  const last = steps[steps.length - 1];
  if (last && (last.to === 'documents_pending' || last.to === 'in_progress')) {
    const arrivals = Math.floor(random() * docCount);
    const window = Math.max(60_000, until - last.at);
    for (let i = 0; i < arrivals; i++) move(i, 'received', last.at + Math.round((window * (i + 1)) / (arrivals + 2)));
  }
  const statuses = docs.map((h) => h[h.length - 1]?.to ?? 'pending');
  const completeness = completenessOf(statuses);
  const lastDocAt = Math.max(createdAt, ...docs.map((h) => h[h.length - 1]?.at ?? createdAt));
  return {
    steps,
    documents: docs,
    stage: last?.to ?? 'received',
    completeness,
    isComplete: isComplete(completeness),
    lastAt: Math.max(last?.at ?? createdAt, lastDocAt),
  };
}
