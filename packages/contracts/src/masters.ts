import { z } from 'zod';
import { MoneyString, PageQuery, Timestamp, pageOf, Id } from './common';
import { LineTaxability } from './invoices';
import { unclassified } from './visibility';

/** A GST or cess rate in JSON: a percentage as a decimal string, such as "18" or "0.25". */
export const RateString = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage with at most two decimals, such as "18" or "0.25"');

const Name = z.string().trim().min(1, 'is required').max(100);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Which records a list shows: live ones (default), archived ones or both. */
export const ArchivedFilter = z.enum(['false', 'true', 'all']).default('false');
const SortOrder = z.enum(['asc', 'desc']).default('asc');

const ListBase = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  archived: ArchivedFilter,
  order: SortOrder,
});

const Archivable = {
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

// ---- registrars

export const Registrar = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  ...Archivable,
});
export type Registrar = z.infer<typeof Registrar>;
export const RegistrarPage = pageOf(Registrar);
export type RegistrarPage = z.infer<typeof RegistrarPage>;

export const CreateRegistrarInput = z.object({
  name: Name,
  email: z.email('must be an email address').max(120).nullable().optional(),
  address: OptionalText(500),
  website: z.url('must be a web address').max(200).nullable().optional(),
});
export type CreateRegistrarInput = z.infer<typeof CreateRegistrarInput>;
export const UpdateRegistrarInput = CreateRegistrarInput.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'nothing to change',
});
export type UpdateRegistrarInput = z.infer<typeof UpdateRegistrarInput>;
export const ListRegistrarsQuery = ListBase.extend({ sort: z.enum(['name', 'createdAt']).default('name') });
export type ListRegistrarsQuery = z.infer<typeof ListRegistrarsQuery>;

// ---- companies

export const Company = z.object({
  id: z.number().int(),
  name: z.string(),
  cin: z.string().nullable(),
  isin: z.string().nullable(),
  registrar: z.object({ id: z.number().int(), name: z.string() }),
  ...Archivable,
});
export type Company = z.infer<typeof Company>;
export const CompanyPage = pageOf(Company);
export type CompanyPage = z.infer<typeof CompanyPage>;

export const CreateCompanyInput = z.object({
  name: Name,
  /** Company Identification Number, 21 characters; checked by the server (domain validateCin). */
  cin: z.string().trim().max(30).nullable().optional(),
  /** ISIN of the company's equity, such as INE002A01018. */
  isin: z.string().trim().max(20).nullable().optional(),
  registrarId: z.number().int().positive(),
});
export type CreateCompanyInput = z.infer<typeof CreateCompanyInput>;
export const UpdateCompanyInput = CreateCompanyInput.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'nothing to change',
});
export type UpdateCompanyInput = z.infer<typeof UpdateCompanyInput>;
export const ListCompaniesQuery = ListBase.extend({
  sort: z.enum(['name', 'createdAt']).default('name'),
  registrarId: Id.optional(),
});
export type ListCompaniesQuery = z.infer<typeof ListCompaniesQuery>;

// ---- document types

export const DocumentType = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  ...Archivable,
});
export type DocumentType = z.infer<typeof DocumentType>;
export const DocumentTypePage = pageOf(DocumentType);
export type DocumentTypePage = z.infer<typeof DocumentTypePage>;

export const CreateDocumentTypeInput = z.object({ name: Name, description: OptionalText(500) });
export type CreateDocumentTypeInput = z.infer<typeof CreateDocumentTypeInput>;
export const UpdateDocumentTypeInput = CreateDocumentTypeInput.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'nothing to change',
});
export type UpdateDocumentTypeInput = z.infer<typeof UpdateDocumentTypeInput>;
export const ListDocumentTypesQuery = ListBase.extend({ sort: z.enum(['name', 'createdAt']).default('name') });
export type ListDocumentTypesQuery = z.infer<typeof ListDocumentTypesQuery>;

// ---- order types

export const OrderType = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  /** Documents an order of this type needs, in the order they are asked for. */
  requiredDocuments: z.array(z.object({ id: z.number().int(), name: z.string(), position: z.number().int() })),
  /** Null for roles that may not read money (field visibility, issue 16), as for baseCharge. */
  defaultFee: MoneyString.nullable(),
  baseCharge: MoneyString.nullable(),
  sacCode: z.string().nullable(),
  gstRate: z.string(),
  turnaroundDays: z.number().int().nullable(),
  ...Archivable,
});
export type OrderType = z.infer<typeof OrderType>;
export const OrderTypePage = pageOf(OrderType);
export type OrderTypePage = z.infer<typeof OrderTypePage>;

export const CreateOrderTypeInput = z.object({
  name: Name,
  description: OptionalText(500),
  /** Document type ids in the order they are asked for; sending the list again replaces and reorders it. */
  requiredDocumentTypeIds: z.array(z.number().int().positive()).max(50).default([]),
  defaultFee: MoneyString.default('0'),
  baseCharge: MoneyString.default('0'),
  /** SAC of the service (6 digits starting 99). */
  sacCode: z.string().trim().max(10).nullable().optional(),
  gstRate: RateString.default('18'),
  turnaroundDays: z.number().int().min(0).max(3650).nullable().optional(),
});
export type CreateOrderTypeInput = z.infer<typeof CreateOrderTypeInput>;
export const UpdateOrderTypeInput = z
  .object({
    name: Name.optional(),
    description: OptionalText(500),
    requiredDocumentTypeIds: z.array(z.number().int().positive()).max(50).optional(),
    defaultFee: MoneyString.optional(),
    baseCharge: MoneyString.optional(),
    sacCode: z.string().trim().max(10).nullable().optional(),
    gstRate: RateString.optional(),
    turnaroundDays: z.number().int().min(0).max(3650).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateOrderTypeInput = z.infer<typeof UpdateOrderTypeInput>;
export const ListOrderTypesQuery = ListBase.extend({ sort: z.enum(['name', 'createdAt']).default('name') });
export type ListOrderTypesQuery = z.infer<typeof ListOrderTypesQuery>;

// ---- items

export const ItemKind = z.enum(['goods', 'services']);
export type ItemKind = z.infer<typeof ItemKind>;

export const Item = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  kind: ItemKind,
  hsnSac: z.string(),
  /** GST Unique Quantity Code, such as NOS or KGS. */
  unit: z.string(),
  gstRate: z.string(),
  /** Ad valorem cess, a percentage. */
  cessRate: z.string(),
  /** Specific ("non-advol") cess in rupees per unit: a statutory rate, not a price, so shown to every reader. */
  cessPerUnit: unclassified(MoneyString),
  /** GST treatment copied to invoice lines: taxable, nil-rated, exempt or non-GST (GSTR-1 Table 8). */
  taxability: LineTaxability,
  /** Prices are money: null for roles that may not read it (issue 16). */
  salePrice: MoneyString.nullable(),
  purchasePrice: MoneyString.nullable(),
  isActive: z.boolean(),
  ...Archivable,
});
export type Item = z.infer<typeof Item>;
export const ItemPage = pageOf(Item);
export type ItemPage = z.infer<typeof ItemPage>;

const ItemFields = {
  name: Name,
  description: OptionalText(500),
  kind: ItemKind,
  /** HSN for goods, SAC (99…) for services: 4, 6 or 8 digits. */
  hsnSac: z.string().trim().max(12),
  unit: z.string().trim().max(5),
  gstRate: RateString,
  cessRate: RateString,
  cessPerUnit: MoneyString,
  taxability: LineTaxability,
  salePrice: MoneyString.nullable(),
  purchasePrice: MoneyString.nullable(),
  isActive: z.boolean(),
};
export const CreateItemInput = z.object({
  ...ItemFields,
  unit: ItemFields.unit.default('NOS'),
  cessRate: ItemFields.cessRate.default('0'),
  cessPerUnit: ItemFields.cessPerUnit.default('0'),
  taxability: ItemFields.taxability.optional(),
  salePrice: ItemFields.salePrice.optional(),
  purchasePrice: ItemFields.purchasePrice.optional(),
  isActive: ItemFields.isActive.default(true),
});
export type CreateItemInput = z.infer<typeof CreateItemInput>;
export const UpdateItemInput = z
  .object(ItemFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateItemInput = z.infer<typeof UpdateItemInput>;
export const ListItemsQuery = ListBase.extend({
  sort: z.enum(['name', 'createdAt', 'hsnSac']).default('name'),
  kind: ItemKind.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListItemsQuery = z.infer<typeof ListItemsQuery>;
