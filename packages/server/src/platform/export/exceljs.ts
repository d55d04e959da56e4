import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded by the first workbook written rather than at start-up: it adds about 27 MB to the resident memory
 * of a server that may never export a spreadsheet (issue 21). Node caches the module, so later calls are cheap.
 */
export async function loadExcelJs(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}
