import { Gstr1Query, Gstr1Return, Gstr3bQuery, Gstr3bReturn, RegisterQuery } from '@bizdash/contracts/returns';
import type { Api } from '../../../platform/http/route-config';
import type { ReturnsService } from './returns.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GST returns and registers: GSTR-1 and GSTR-3B (JSON and XLSX), sales and purchase registers. */
export function registerReturnsRoutes(app: Api, services: { returns: ReturnsService }) {
  const { returns } = services;

  app.get(
    '/api/v1/returns/gstr1',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['returns'],
        summary: "GSTR-1 for a month in the GST portal's JSON (format=xlsx: the same sections as a workbook)",
        querystring: Gstr1Query,
        // The JSON answer; with format=xlsx the body is the workbook (bytes skip the serializer).
        response: { 200: Gstr1Return },
      },
    },
    async (request, reply) => {
      const { period, gstin, format } = request.query;
      if (format === 'xlsx') {
        const bytes = await returns.gstr1Xlsx({ period, gstin });
        return (
          reply
            .type(XLSX)
            .header('content-disposition', `attachment; filename="GSTR1-${period}.xlsx"`)
            // `as never`: Fastify sends a Buffer as is, bypassing the JSON serializer that the 200 schema types.
            .send(bytes as never)
        );
      }
      return returns.gstr1({ period, gstin });
    },
  );

  app.get(
    '/api/v1/returns/gstr3b',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['returns'],
        summary:
          "GSTR-3B for a month in the GST portal's JSON, with 6.1 tax payable and its set-off (format=xlsx: a sheet per table)",
        querystring: Gstr3bQuery,
        response: { 200: Gstr3bReturn },
      },
    },
    async (request, reply) => {
      const { period, gstin, format } = request.query;
      if (format === 'xlsx') {
        const bytes = await returns.gstr3bXlsx({ period, gstin });
        return (
          reply
            .type(XLSX)
            .header('content-disposition', `attachment; filename="GSTR3B-${period}.xlsx"`)
            // `as never`: as for GSTR-1, the Buffer bypasses the JSON serializer the 200 schema types.
            .send(bytes as never)
        );
      }
      return returns.gstr3b({ period, gstin });
    },
  );

  app.get(
    '/api/v1/returns/registers',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['returns'],
        summary: 'Sales or purchase register for a date range as XLSX (one row per document, totals at the end)',
        querystring: RegisterQuery,
      },
    },
    async (request, reply) => {
      const { type, from, to } = request.query;
      const bytes = await returns.register(request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${type}-register-${from}-to-${to}.xlsx"`)
        .send(bytes);
    },
  );
}
