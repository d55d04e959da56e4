import { z } from 'zod';
import {
  IMPORT_CONTENT_TYPES,
  ImportBatch,
  ImportOptions,
  ImportParams,
  ImportPreview,
  ImportUploadQuery,
  ImportValidation,
  type ImportEntity,
} from '@bizdash/contracts/imports';
import { AppError } from '@bizdash/domain/errors';
import type { Action } from '@bizdash/domain/permissions';
import type { Api } from '../../../platform/http/route-config';
import type { ImportsService } from './imports.service';
import { IMPORT_LIMITS } from './import-limits';

/** An import file may be large; the rest of the API keeps Fastify's 1 MB body limit. Past it: 413. */
const IMPORT_BODY_LIMIT = IMPORT_LIMITS.uploadBytes;

const ENTITIES: { entity: ImportEntity; path: string; action: Action; label: string }[] = [
  { entity: 'parties', path: '/api/v1/parties/imports', action: 'parties.write', label: 'parties' },
  { entity: 'items', path: '/api/v1/items/imports', action: 'masters.write', label: 'items' },
];

/**
 * CSV and XLSX import in three steps: upload (the file is read and staged, nothing imported), validate a column
 * mapping (every row checked by the same rules as the API, errors listed and downloadable), commit (all or nothing).
 * The file is sent as the raw request body, so no multipart parsing stands between the bytes and the parser.
 */
export function registerImportRoutes(app: Api, { imports }: { imports: ImportsService }) {
  app.addContentTypeParser(
    [...IMPORT_CONTENT_TYPES],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  for (const { entity, path, action, label } of ENTITIES) {
    const tags = ['imports'];
    app.post(
      path,
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: action },
        schema: {
          tags,
          summary: `Upload a CSV or XLSX of ${label} (raw body); answers with its columns and a suggested mapping`,
          consumes: [...IMPORT_CONTENT_TYPES],
          querystring: ImportUploadQuery,
          response: { 201: ImportPreview },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          throw new AppError('VALIDATION_FAILED', 'file: send the CSV or XLSX file as the request body', {
            field: 'file',
          });
        }
        return reply.code(201).send(await imports.stage(request.ctx, entity, request.query.fileName, request.body));
      },
    );
    app.get(
      `${path}/:id`,
      {
        config: { access: action },
        schema: { tags, summary: `A staged ${label} import`, params: ImportParams, response: { 200: ImportBatch } },
      },
      async (request) => imports.get(entity, request.params.id),
    );
    app.post(
      `${path}/:id/validate`,
      {
        config: { access: action },
        schema: {
          tags,
          summary: `Check every row of a staged ${label} import with a column mapping`,
          params: ImportParams,
          body: ImportOptions,
          response: { 200: ImportValidation },
        },
      },
      async (request) => imports.validate(entity, request.params.id, request.body),
    );
    app.get(
      `${path}/:id/errors.csv`,
      {
        config: { access: action },
        schema: {
          tags,
          summary: 'Every error of the last validation, as CSV',
          params: ImportParams,
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const csv = await imports.errorsCsv(entity, request.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${entity}-import-errors.csv"`)
          .send(csv);
      },
    );
    app.post(
      `${path}/:id/commit`,
      {
        config: { access: action },
        schema: {
          tags,
          summary: `Import every row, or none when any row has an error (400 IMPORT_INVALID)`,
          params: ImportParams,
          body: ImportOptions,
          response: { 200: ImportBatch },
        },
      },
      async (request) => imports.commit(request.ctx, entity, request.params.id, request.body),
    );
  }
}
