/* oxlint-disable no-underscore-dangle -- reads exceljs internals on purpose, see below */
import type { Readable, Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * exceljs's streaming writer ignores back-pressure: each worksheet writes its
 * XML into a `StreamBuf` which forwards every chunk to a PassThrough that
 * archiver created for the zip entry, without looking at `write()`'s answer.
 * When deflate or the output is slower than the rows come, the XML piles up
 * in that PassThrough (500 MB at a million rows). exceljs exposes none of it,
 * so these are the internals (exceljs 4.4, archiver 5) worth watching; a
 * spec fails if an upgrade moves them.
 */
interface WorkbookWriterInternals {
  zip?: Readable;
  _worksheets?: (WorksheetWriterInternals | undefined)[];
}

interface WorksheetWriterInternals {
  /** Created on first write; exceljs's StreamBuf. */
  _stream?: {
    buffers?: { length: number }[];
    pipes?: StreamStates[];
  };
}

/** archiver's PassThrough comes from readable-stream 2, which predates `writableLength`. */
interface StreamStates {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

export type XlsxWorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/** The zip stream exceljs pipes into the output, to watch for its errors. */
export function zipStreamOf(workbook: XlsxWorkbookWriter): Readable | undefined {
  return (workbook as unknown as WorkbookWriterInternals).zip;
}

/** Bytes written by exceljs that have not yet reached the output. */
export function xlsxBacklog(workbook: XlsxWorkbookWriter, output: Writable): number {
  const internals = workbook as unknown as WorkbookWriterInternals;
  let bytes = output.writableLength + (internals.zip?.readableLength ?? 0);
  for (const sheet of internals._worksheets ?? []) {
    const stream = sheet?._stream;
    if (!stream) continue;
    for (const buffer of stream.buffers ?? []) bytes += buffer.length;
    for (const pipe of stream.pipes ?? []) {
      bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
    }
  }
  return bytes;
}

/** Whether `xlsxBacklog` can see exceljs's buffers; a test guards against an upgrade hiding them. */
export function canMeasureXlsxBacklog(workbook: XlsxWorkbookWriter): boolean {
  const internals = workbook as unknown as WorkbookWriterInternals;
  const sheets = (internals._worksheets ?? []).filter((sheet) => sheet?._stream);
  return (
    internals.zip !== undefined &&
    sheets.length > 0 &&
    sheets.every(
      (sheet) =>
        Array.isArray(sheet?._stream?.buffers) &&
        sheet?._stream?.pipes?.[0]?._writableState?.length !== undefined,
    )
  );
}
