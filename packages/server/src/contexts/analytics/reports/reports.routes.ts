import { z } from 'zod';
import {
  type Report,
  type ReportColumn,
  ReportParams,
  ReportQuery,
  ReportRecords,
  ReportRowsQuery,
} from '@bizdash/contracts/reports';
import type { Api } from '../../../platform/http/route-config';
import type { Clock } from '../../../platform/clock';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import { sendExport, type ExportColumn } from '../../../platform/export/table-export';
import { renderReportPdf } from './report-pdf';
import type { ReportsService } from './reports.service';

const ReportCells = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
type Cells = z.infer<typeof ReportCells>;

/**
 * How a report column is written to CSV/XLSX: dates as dd-mm-yyyy date cells, and the month columns of the
 * registers and the revenue report (yyyy-mm in the JSON) as Apr-2026 month cells.
 */
function exportKindOf(c: ReportColumn): ExportColumn<Cells>['kind'] {
  if (c.kind === 'money') return 'money';
  if (c.kind === 'count') return 'number';
  if (c.kind === 'date') return 'date';
  if (c.kind === 'text' && (c.key === 'month' || c.key === 'period')) return 'month';
  return 'text';
}

/** Every report at one path: JSON for the screen, CSV/XLSX/PDF for export, and the records behind each row. */
export function registerReportRoutes(
  app: Api,
  services: {
    reports: ReportsService;
    clock: Clock;
    calendar: Pick<BusinessCalendar, 'current'>;
    /** The business's name for the PDF's heading (the parties context's settings). */
    settings: { getBusiness(): Promise<{ name: string }> };
  },
) {
  const { reports, clock, calendar, settings } = services;
  const tags = ['reports'];

  app.get(
    '/api/v1/reports/:name',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'A report over a period (default: this financial year) as JSON, or as CSV, XLSX or PDF with format=; ' +
          'each row carries the key its drill-down takes',
        params: ReportParams,
        querystring: ReportQuery,
        // No response schema: the same path answers with a file for csv/xlsx/pdf. JSON is checked by type below.
      },
    },
    async (request, reply) => {
      const report = await reports.run(request.ctx, request.params.name, request.query);
      const format = request.query.format;
      if (format === 'json') return report satisfies Report;
      const fileName = `${report.name}-${report.from}-${report.to}`;
      if (format === 'pdf') {
        const [name, { timeZone }] = await Promise.all([
          settings.getBusiness().then(
            (business) => business.name,
            () => 'BizDash', // before first-run setup there is no business yet
          ),
          calendar.current(),
        ]);
        const bytes = await renderReportPdf(report, name, clock.now(), timeZone);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}.pdf"`)
          .send(bytes);
      }
      const columns: ExportColumn<Cells>[] = report.columns.map((c) => ({
        header: c.label,
        kind: exportKindOf(c),
        value: (row) => row[c.key],
      }));
      async function* rows() {
        yield [...report.rows.map((r) => r.cells), report.totals];
      }
      return sendExport(
        reply,
        // Cells are typed by their column's kind: money columns are left out for roles that may not read money.
        { format, fileName, sheetName: report.title.slice(0, 31), columns, rows: rows(), rowSchema: ReportCells },
        (await calendar.current()).today,
      );
    },
  );

  app.get(
    '/api/v1/reports/:name/rows',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'The orders or documents behind a report row (key from the report), paginated',
        params: ReportParams,
        querystring: ReportRowsQuery,
        response: { 200: ReportRecords },
      },
    },
    async (request) => reports.rows(request.ctx, request.params.name, request.query),
  );
}
