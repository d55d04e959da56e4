import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common';

// ---- contact form (public) ----------------------------------------------------------------------------------

/**
 * The public contact form. `website` is the honeypot: a field people never see (hidden by CSS) that bots fill in.
 * A request that fills it is answered like any other and stored nowhere.
 */
export const ContactInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.union([z.literal(''), z.email('must be an email address')]))
      .optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[0-9+()\s-]*$/, 'must be a phone number')
      .optional(),
    message: z.string().trim().min(1, 'is required').max(5000),
    website: z.string().max(500).optional(),
  })
  .refine((v) => Boolean(v.email?.trim() || v.phone?.trim()), {
    message: 'give an email address or a phone number',
    path: ['email'],
  });
export type ContactInput = z.infer<typeof ContactInput>;

// ---- leads (admin) ------------------------------------------------------------------------------------------

export const Lead = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  message: z.string(),
  ip: z.string().nullable(),
  createdAt: Timestamp,
});
export type Lead = z.infer<typeof Lead>;

export const ListLeadsQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
});
export type ListLeadsQuery = z.infer<typeof ListLeadsQuery>;

export const LeadPage = pageOf(Lead);
export type LeadPage = z.infer<typeof LeadPage>;

// ---- public links (admin) -----------------------------------------------------------------------------------

export const PublicLinkKind = z.enum(['upload', 'invoice_view']);
export type PublicLinkKind = z.infer<typeof PublicLinkKind>;

export const CreatePublicLinkInput = z.object({
  /** How long the link works, in days (default 7). */
  expiresInDays: z.number().int().min(1).max(90).default(7),
});
export type CreatePublicLinkInput = z.infer<typeof CreatePublicLinkInput>;

export const PublicLink = z.object({
  id: z.number().int(),
  kind: PublicLinkKind,
  orderId: z.number().int().nullable(),
  invoiceId: z.number().int().nullable(),
  /** Upload links: the documents it was made for. */
  documents: z.array(z.object({ id: z.number().int(), name: z.string(), status: z.string() })),
  state: z.enum(['active', 'expired', 'revoked', 'used']),
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  lastUsedAt: Timestamp.nullable(),
  useCount: z.number().int(),
});
export type PublicLink = z.infer<typeof PublicLink>;

/** A link just made: the only time its token (and so its address) is shown. */
export const CreatedPublicLink = PublicLink.extend({
  token: z.string(),
  /** Path on the public listener, such as /public/upload/<token>. */
  path: z.string(),
  /** Full address when PUBLIC_URL is configured, else null (prefix the path with the public listener's address). */
  url: z.string().nullable(),
});
export type CreatedPublicLink = z.infer<typeof CreatedPublicLink>;

export const PublicLinkList = z.object({ items: z.array(PublicLink) });
export type PublicLinkList = z.infer<typeof PublicLinkList>;

export const PublicLinkParams = z.object({ id: Id, linkId: Id });

// ---- public pages (no login) --------------------------------------------------------------------------------

export const TokenParams = z.object({ token: z.string().min(10).max(100) });
export const TokenDocumentParams = TokenParams.extend({ docId: Id });

/** What an upload link shows: only the names of the documents still pending. */
export const UploadLinkView = z.object({
  documents: z.array(z.object({ id: z.number().int(), name: z.string() })),
  expiresAt: Timestamp,
});
export type UploadLinkView = z.infer<typeof UploadLinkView>;

export const UploadLinkResult = z.object({ document: z.string(), status: z.literal('received') });
export type UploadLinkResult = z.infer<typeof UploadLinkResult>;
