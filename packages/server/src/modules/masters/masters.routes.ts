import { IdParams } from '@bizdash/contracts/common';
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
import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

/** Master data: registrars, companies, document types, order types and the items catalogue. */
export function registerMastersRoutes(app: Api, { masters }: Services) {
  app.get(
    '/api/v1/registrars',
    {
      config: { access: 'masters.read' },
      schema: {
        tags: ['masters'],
        summary: 'List registrars',
        querystring: ListRegistrarsQuery,
        response: { 200: RegistrarPage },
      },
    },
    async (request) => masters.registrars.list(request.query),
  );
  app.post(
    '/api/v1/registrars',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Create a registrar',
        body: CreateRegistrarInput,
        response: { 201: Registrar },
      },
    },
    async (request, reply) => reply.code(201).send(await masters.registrars.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/registrars/:id',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'One registrar', params: IdParams, response: { 200: Registrar } },
    },
    async (request) => masters.registrars.get(request.params.id),
  );
  app.patch(
    '/api/v1/registrars/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Change a registrar',
        params: IdParams,
        body: UpdateRegistrarInput,
        response: { 200: Registrar },
      },
    },
    async (request) => masters.registrars.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/registrars/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Archive a registrar (409 IN_USE while something live uses it)',
        params: IdParams,
        response: { 200: Registrar },
      },
    },
    async (request) => masters.registrars.archive(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/companies',
    {
      config: { access: 'masters.read' },
      schema: {
        tags: ['masters'],
        summary: 'List companies',
        querystring: ListCompaniesQuery,
        response: { 200: CompanyPage },
      },
    },
    async (request) => masters.companies.list(request.query),
  );
  app.post(
    '/api/v1/companies',
    {
      config: { access: 'masters.write' },
      schema: { tags: ['masters'], summary: 'Create a company', body: CreateCompanyInput, response: { 201: Company } },
    },
    async (request, reply) => reply.code(201).send(await masters.companies.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/companies/:id',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'One company', params: IdParams, response: { 200: Company } },
    },
    async (request) => masters.companies.get(request.params.id),
  );
  app.patch(
    '/api/v1/companies/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Change a company',
        params: IdParams,
        body: UpdateCompanyInput,
        response: { 200: Company },
      },
    },
    async (request) => masters.companies.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/companies/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Archive a company (409 IN_USE while something live uses it)',
        params: IdParams,
        response: { 200: Company },
      },
    },
    async (request) => masters.companies.archive(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/document-types',
    {
      config: { access: 'masters.read' },
      schema: {
        tags: ['masters'],
        summary: 'List document types',
        querystring: ListDocumentTypesQuery,
        response: { 200: DocumentTypePage },
      },
    },
    async (request) => masters.documentTypes.list(request.query),
  );
  app.post(
    '/api/v1/document-types',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Create a document type',
        body: CreateDocumentTypeInput,
        response: { 201: DocumentType },
      },
    },
    async (request, reply) => reply.code(201).send(await masters.documentTypes.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/document-types/:id',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'One document type', params: IdParams, response: { 200: DocumentType } },
    },
    async (request) => masters.documentTypes.get(request.params.id),
  );
  app.patch(
    '/api/v1/document-types/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Change a document type',
        params: IdParams,
        body: UpdateDocumentTypeInput,
        response: { 200: DocumentType },
      },
    },
    async (request) => masters.documentTypes.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/document-types/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Archive a document type (409 IN_USE while something live uses it)',
        params: IdParams,
        response: { 200: DocumentType },
      },
    },
    async (request) => masters.documentTypes.archive(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/order-types',
    {
      config: { access: 'masters.read' },
      schema: {
        tags: ['masters'],
        summary: 'List order types',
        querystring: ListOrderTypesQuery,
        response: { 200: OrderTypePage },
      },
    },
    async (request) => masters.orderTypes.list(request.query),
  );
  app.post(
    '/api/v1/order-types',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Create a order type',
        body: CreateOrderTypeInput,
        response: { 201: OrderType },
      },
    },
    async (request, reply) => reply.code(201).send(await masters.orderTypes.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/order-types/:id',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'One order type', params: IdParams, response: { 200: OrderType } },
    },
    async (request) => masters.orderTypes.get(request.params.id),
  );
  app.patch(
    '/api/v1/order-types/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Change a order type',
        params: IdParams,
        body: UpdateOrderTypeInput,
        response: { 200: OrderType },
      },
    },
    async (request) => masters.orderTypes.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/order-types/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Archive a order type (409 IN_USE while something live uses it)',
        params: IdParams,
        response: { 200: OrderType },
      },
    },
    async (request) => masters.orderTypes.archive(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/items',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'List items', querystring: ListItemsQuery, response: { 200: ItemPage } },
    },
    async (request) => masters.items.list(request.query),
  );
  app.post(
    '/api/v1/items',
    {
      config: { access: 'masters.write' },
      schema: { tags: ['masters'], summary: 'Create a item', body: CreateItemInput, response: { 201: Item } },
    },
    async (request, reply) => reply.code(201).send(await masters.items.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/items/:id',
    {
      config: { access: 'masters.read' },
      schema: { tags: ['masters'], summary: 'One item', params: IdParams, response: { 200: Item } },
    },
    async (request) => masters.items.get(request.params.id),
  );
  app.patch(
    '/api/v1/items/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Change a item',
        params: IdParams,
        body: UpdateItemInput,
        response: { 200: Item },
      },
    },
    async (request) => masters.items.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/items/:id',
    {
      config: { access: 'masters.write' },
      schema: {
        tags: ['masters'],
        summary: 'Archive a item (409 IN_USE while something live uses it)',
        params: IdParams,
        response: { 200: Item },
      },
    },
    async (request) => masters.items.archive(request.ctx, request.params.id),
  );
}
