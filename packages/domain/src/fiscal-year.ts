import { AppError } from './errors';

/** An Indian financial year, 1 April to 31 March (gst-rules.md 5.2). */
export interface FinancialYear {
  /** Calendar year in which it starts: 2025 for 2025-26. */
  startYear: number;
  /** "2025-26": the form the IRN hash and GST returns use (6.3). */
  label: string;
  /** "25-26": the compact form invoice series often print to stay within 16 characters. */
  shortLabel: string;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day, "YYYY-MM-DD". */
  end: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LABEL_RE = /^(\d{4})-(\d{2})$/;

/**
 * The financial year of a calendar date "YYYY-MM-DD": 2025-03-31 -> 2024-25, 2025-04-01 -> 2025-26. Takes a date,
 * not a Date: the document date is an Indian calendar date, and a Date instant would bring a time zone with it.
 */
export function financialYearOf(date: string, field = 'date'): FinancialYear {
  const match = DATE_RE.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a calendar date YYYY-MM-DD`, { field, value: date });
  }
  return financialYearStartingIn(month >= 4 ? year : year - 1);
}

/** The financial year that starts on 1 April of `startYear`. */
export function financialYearStartingIn(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new RangeError(`financial years start in a four-digit year: ${String(startYear)}`);
  }
  const endYY = String((startYear + 1) % 100).padStart(2, '0');
  return {
    startYear,
    label: `${startYear}-${endYY}`,
    shortLabel: `${String(startYear % 100).padStart(2, '0')}-${endYY}`,
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
  };
}

/** Reads a label such as "2025-26" back; the second part must be the year after the first (so "2025-27" fails). */
export function parseFinancialYear(label: string, field = 'financialYear'): FinancialYear {
  const match = LABEL_RE.exec(label);
  const startYear = Number(match?.[1]);
  if (!match || startYear < 1000 || startYear > 9998 || Number(match[2]) !== (startYear + 1) % 100) {
    throw new AppError('VALIDATION_FAILED', `${field} must look like 2025-26`, { field, value: label });
  }
  return financialYearStartingIn(startYear);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
