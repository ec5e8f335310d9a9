import type { ReportDocument } from '@lib/rendering';
import type { Decimal } from 'decimal.js';
import { maskIban } from './domain/iban.js';

export interface MonthlyFigures {
  period: string;
  follower: { id: string; email: string; iban?: string; name?: string };
  pnl: Decimal;
  rate: Decimal;
  commission: Decimal;
  days: { date: string; totalPnl: Decimal; positionCount: number }[];
}

/**
 * One follower's monthly report, the same sections in PDF and XLSX: title
 * with the period, the follower (IBAN masked), the summary, a chart of the
 * daily P&L (drawn in the PDF) and the daily table.
 */
export function monthlyReportDocument(
  figures: MonthlyFigures,
  settings: { title: string; locale: string; timeZone: string; currency: string },
): ReportDocument {
  const { follower } = figures;
  return {
    title: `${settings.title} Monthly Report - ${figures.period}`,
    subtitle: follower.name ?? follower.email,
    locale: settings.locale,
    timeZone: settings.timeZone,
    currency: settings.currency,
    sections: [
      {
        kind: 'keyValue',
        title: 'Follower',
        entries: [
          { label: 'Follower ID', value: follower.id },
          { label: 'E-mail', value: follower.email },
          { label: 'IBAN', value: maskIban(follower.iban) },
        ],
      },
      {
        kind: 'keyValue',
        title: 'Summary',
        entries: [
          { label: 'Monthly P&L', value: figures.pnl.toFixed(2), type: 'money' },
          { label: 'Commission rate', value: figures.rate.toString(), type: 'percent' },
          { label: 'Commission', value: figures.commission.toFixed(2), type: 'money' },
        ],
      },
      {
        kind: 'chart',
        title: 'Daily P&L',
        valueType: 'money',
        bars: figures.days.map((day) => ({
          label: day.date.slice(8),
          value: day.totalPnl.toFixed(2),
        })),
      },
      {
        kind: 'table',
        title: 'Daily P&L',
        columns: [
          { key: 'date', header: 'Date', type: 'date' },
          { key: 'totalPnl', header: 'P&L', type: 'money' },
          { key: 'positionCount', header: 'Positions', type: 'integer' },
        ],
        rowCount: figures.days.length,
        rows: () =>
          figures.days.map((day) => ({
            date: day.date,
            totalPnl: day.totalPnl.toFixed(2),
            positionCount: day.positionCount,
          })),
        summary: [
          {
            date: 'Total',
            totalPnl: figures.pnl.toFixed(2),
            positionCount: figures.days.reduce((sum, day) => sum + day.positionCount, 0),
          },
        ],
      },
    ],
  };
}
