import { createHash } from 'node:crypto';
import type { Message, PubSub } from '@google-cloud/pubsub';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import request from 'supertest';
import { SuiteEnvironment } from './test-environment.js';

/** Results-topic events, collected as they arrive. */
export class EventCollector {
  readonly events: { body: Record<string, unknown>; attributes: Record<string, string> }[] = [];
  private closeReader?: () => Promise<void>;

  static async start(pubsub: PubSub, topic: string, subscription: string): Promise<EventCollector> {
    const [exists] = await pubsub.topic(topic).exists();
    if (!exists) await pubsub.createTopic(topic).catch(() => undefined);
    await pubsub.topic(topic).createSubscription(subscription);
    const collector = new EventCollector();
    const reader = pubsub.subscription(subscription);
    reader.on('message', (message: Message) => {
      collector.events.push({
        body: JSON.parse(message.data.toString()) as Record<string, unknown>,
        attributes: message.attributes,
      });
      message.ack();
    });
    collector.closeReader = () => reader.close();
    return collector;
  }

  /** Events about runs of this idempotency key. */
  about(idempotencyKey: string) {
    return this.events
      .map((event) => event.body)
      .filter((body) => body.idempotencyKey === idempotencyKey);
  }

  async stop(): Promise<void> {
    await this.closeReader?.();
  }
}

/** Fetches a run file over the API with the suite's token. */
export async function downloadFile(app: INestApplication, runId: string, format: string) {
  const response = await request(app.getHttpServer())
    .get(`/runs/${runId}/files/${format}`)
    .set('authorization', `Bearer ${SuiteEnvironment.apiToken}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return { status: response.status, headers: response.headers, body: response.body as Buffer };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every page's text pieces, in drawing order. */
export async function pdfPages(bytes: Buffer): Promise<string[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== '' ? [item.str.replace(/[\u00a0\u202f]/g, ' ')] : [],
      ),
    );
  }
  await pdf.destroy();
  return pages;
}

/** The rows of a workbook's last sheet (the table), header first. */
export async function xlsxTable(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.at(-1)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
