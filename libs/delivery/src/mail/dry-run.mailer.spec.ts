import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DryRunMailer } from './dry-run.mailer.js';

describe('DryRunMailer', () => {
  it('sends nothing, answers as the dry-run provider and releases stream attachments', async () => {
    const stream = Readable.from([Buffer.from('pdf')]);
    const result = await new DryRunMailer().send({
      from: 'reports@example.com',
      to: ['f@example.org'],
      subject: 's',
      text: 't',
      html: '<p>t</p>',
      attachments: [{ filename: 'r.pdf', contentType: 'application/pdf', content: stream }],
    });
    expect(result).toEqual({ provider: 'dry-run', attempts: 1 });
    expect(stream.destroyed).toBe(true);
  });
});
