import {
  Company,
  CompanyPage,
  CreateCompanyInput,
  CreateDocumentTypeInput,
  CreateItemInput,
  CreateOrderTypeInput,
  CreateRegistrarInput,
  DocumentType,
  DocumentTypePage,
  Item,
  ItemPage,
  ListCompaniesQuery,
  ListDocumentTypesQuery,
  ListItemsQuery,
  ListOrderTypesQuery,
  ListRegistrarsQuery,
  OrderType,
  OrderTypePage,
  Registrar,
  RegistrarPage,
  UpdateCompanyInput,
  UpdateDocumentTypeInput,
  UpdateItemInput,
  UpdateOrderTypeInput,
  UpdateRegistrarInput,
} from '@bizdash/contracts/masters';
import { registerCrudRoutes } from '../../../platform/http/crud-routes';
import type { Api } from '../../../platform/http/route-config';
import type { Clock } from '../../../platform/clock';
import type { MastersService } from './masters.service';

const archived = { header: 'Archived', value: (r: { archivedAt: string | null }) => (r.archivedAt ? 'yes' : 'no') };

/** Master data: registrars, companies, document types, order types and the items catalogue. */
export function registerMastersRoutes(app: Api, { masters, clock }: { masters: MastersService; clock: Clock }) {
  const common = { tag: 'masters', read: 'masters.read', write: 'masters.write', clock } as const;

  registerCrudRoutes(app, {
    ...common,
    path: '/api/v1/registrars',
    one: 'registrar',
    many: 'registrars',
    schemas: {
      listQuery: ListRegistrarsQuery,
      create: CreateRegistrarInput,
      update: UpdateRegistrarInput,
      record: Registrar,
      page: RegistrarPage,
    },
    service: masters.registrars,
    exportColumns: [
      { header: 'Name', value: (r) => r.name, width: 30 },
      { header: 'Email', value: (r) => r.email, width: 28 },
      { header: 'Address', value: (r) => r.address, width: 40 },
      { header: 'Website', value: (r) => r.website, width: 28 },
      archived,
    ],
  });

  registerCrudRoutes(app, {
    ...common,
    path: '/api/v1/companies',
    one: 'company',
    many: 'companies',
    schemas: {
      listQuery: ListCompaniesQuery,
      create: CreateCompanyInput,
      update: UpdateCompanyInput,
      record: Company,
      page: CompanyPage,
    },
    service: masters.companies,
    exportColumns: [
      { header: 'Name', value: (r) => r.name, width: 34 },
      { header: 'CIN', value: (r) => r.cin, width: 24 },
      { header: 'ISIN', value: (r) => r.isin, width: 16 },
      { header: 'Registrar', value: (r) => r.registrar.name, width: 28 },
      archived,
    ],
  });

  registerCrudRoutes(app, {
    ...common,
    path: '/api/v1/document-types',
    one: 'document type',
    many: 'document types',
    schemas: {
      listQuery: ListDocumentTypesQuery,
      create: CreateDocumentTypeInput,
      update: UpdateDocumentTypeInput,
      record: DocumentType,
      page: DocumentTypePage,
    },
    service: masters.documentTypes,
    exportColumns: [
      { header: 'Name', value: (r) => r.name, width: 30 },
      { header: 'Description', value: (r) => r.description, width: 50 },
      archived,
    ],
  });

  registerCrudRoutes(app, {
    ...common,
    path: '/api/v1/order-types',
    one: 'order type',
    many: 'order types',
    schemas: {
      listQuery: ListOrderTypesQuery,
      create: CreateOrderTypeInput,
      update: UpdateOrderTypeInput,
      record: OrderType,
      page: OrderTypePage,
    },
    service: masters.orderTypes,
    exportColumns: [
      { header: 'Name', value: (r) => r.name, width: 30 },
      { header: 'Required documents', value: (r) => r.requiredDocuments.map((d) => d.name).join('; '), width: 50 },
      { header: 'Default fee', kind: 'money', value: (r) => r.defaultFee },
      { header: 'Base charge', kind: 'money', value: (r) => r.baseCharge },
      { header: 'SAC', value: (r) => r.sacCode },
      { header: 'GST rate %', value: (r) => r.gstRate },
      { header: 'Turnaround days', kind: 'number', value: (r) => r.turnaroundDays },
      archived,
    ],
  });

  registerCrudRoutes(app, {
    ...common,
    path: '/api/v1/items',
    one: 'item',
    many: 'items',
    schemas: {
      listQuery: ListItemsQuery,
      create: CreateItemInput,
      update: UpdateItemInput,
      record: Item,
      page: ItemPage,
    },
    service: masters.items,
    exportColumns: [
      { header: 'Name', value: (r) => r.name, width: 30 },
      { header: 'Description', value: (r) => r.description, width: 40 },
      { header: 'Kind', value: (r) => r.kind },
      { header: 'HSN/SAC', value: (r) => r.hsnSac },
      { header: 'Unit', value: (r) => r.unit },
      { header: 'GST rate %', value: (r) => r.gstRate },
      { header: 'Cess %', value: (r) => r.cessRate },
      { header: 'Cess per unit', kind: 'money', field: 'cessPerUnit', value: (r) => r.cessPerUnit },
      { header: 'Sale price', kind: 'money', value: (r) => r.salePrice },
      { header: 'Purchase price', kind: 'money', value: (r) => r.purchasePrice },
      { header: 'Active', value: (r) => (r.isActive ? 'yes' : 'no') },
      archived,
    ],
  });
}
