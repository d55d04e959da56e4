import type { z } from 'zod';
import { IdParams } from '@bizdash/contracts/common';
import { ExportFormat } from '@bizdash/contracts/imports';
import { dateInZone } from '@bizdash/domain/dates';
import type { Action } from '@bizdash/domain/permissions';
import type { Clock } from '../clock';
import { pagesOf, sendExport, type ExportColumn } from '../export/table-export';
import type { RequestContext } from '../request-context';
import type { Api } from './route-config';

type PageResult<R> = { items: R[]; total: number; page: number; pageSize: number };

export interface CrudService<Q, C, U, R> {
  list(query: Q): Promise<PageResult<R>>;
  get(id: number): Promise<R>;
  create(ctx: RequestContext, input: C): Promise<R>;
  update(ctx: RequestContext, id: number, input: U): Promise<R>;
  archive(ctx: RequestContext, id: number): Promise<R>;
}

export interface CrudSpec<
  LQ extends z.ZodObject,
  CI extends z.ZodType,
  UI extends z.ZodType,
  RS extends z.ZodType,
  PS extends z.ZodType,
> {
  /** Collection path, such as /api/v1/registrars. */
  path: string;
  tag: string;
  /** "registrar" / "registrars", for the OpenAPI summaries. */
  one: string;
  many: string;
  read: Action;
  write: Action;
  schemas: { listQuery: LQ; create: CI; update: UI; record: RS; page: PS };
  service: CrudService<z.output<LQ>, z.output<CI>, z.output<UI>, z.output<RS>>;
  /** The columns of `GET <path>/export`, which exports the list with its current filters. */
  exportColumns: readonly ExportColumn<z.output<RS>>[];
  clock: Clock;
}

/**
 * The five routes every master record has (list, create, read, update, archive) plus its export, declared once so
 * that access, status codes and summaries cannot drift between the resources.
 */
export function registerCrudRoutes<
  LQ extends z.ZodObject,
  CI extends z.ZodType,
  UI extends z.ZodType,
  RS extends z.ZodType,
  PS extends z.ZodType,
>(app: Api, spec: CrudSpec<LQ, CI, UI, RS, PS>) {
  const { path, tag, one, many, read, write, schemas, service } = spec;
  const item = `${path}/:id`;
  const tags = [tag];
  // Responses are typed through the service; the schemas here drive serialisation and the OpenAPI document.
  const record: z.ZodType = schemas.record;
  const page: z.ZodType = schemas.page;

  app.get(
    path,
    {
      config: { access: read },
      schema: { tags, summary: `List ${many}`, querystring: schemas.listQuery, response: { 200: page } },
    },
    async (request) => service.list(request.query as z.output<LQ>),
  );
  app.get(
    `${path}/export`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: `Export the ${many} list, with the same filters and order, as CSV or XLSX`,
        querystring: schemas.listQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query as z.output<LQ> & { format: ExportFormat };
      return sendExport(
        reply,
        {
          format,
          fileName: many.replace(/\s+/g, '-'),
          sheetName: many,
          columns: spec.exportColumns,
          rowSchema: schemas.record,
          rows: pagesOf((page, pageSize) => service.list({ ...filters, page, pageSize } as z.output<LQ>)),
        },
        dateInZone(spec.clock.now()),
      );
    },
  );
  app.post(
    path,
    {
      config: { access: write },
      schema: { tags, summary: `Create a ${one}`, body: schemas.create, response: { 201: record } },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.ctx, request.body as z.output<CI>)),
  );
  app.get(
    item,
    {
      config: { access: read },
      schema: { tags, summary: `One ${one}`, params: IdParams, response: { 200: record } },
    },
    async (request) => service.get(request.params.id),
  );
  app.patch(
    item,
    {
      config: { access: write },
      schema: {
        tags,
        summary: `Change a ${one}`,
        params: IdParams,
        body: schemas.update,
        response: { 200: record },
      },
    },
    async (request) => service.update(request.ctx, request.params.id, request.body as z.output<UI>),
  );
  app.delete(
    item,
    {
      config: { access: write },
      schema: {
        tags,
        summary: `Archive a ${one} (409 IN_USE while something live uses it)`,
        params: IdParams,
        response: { 200: record },
      },
    },
    async (request) => service.archive(request.ctx, request.params.id),
  );
}
