import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery.errors.js';
import type { OutgoingMail } from './mailer.js';
import { withRetry } from './retrying.mailer.js';
import { SmtpMailer } from './smtp.mailer.js';

/** Bytes that a text-mode mistake would change: NUL, CR LF, high bytes. */
const pdfBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x0d, 0x0a, 0xff, 0xfe, 0x80]);
const xlsxBytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));

/** A fresh mail each time: its stream attachment can be read only once. */
const report = (): OutgoingMail => ({
  from: 'Reports <reports@example.com>',
  to: ['follower@example.org'],
  cc: ['admin@example.com'],
  subject: 'Your report for 2026-11',
  text: 'Commission: 20.00',
  html: '<p>Commission: <b>20.00</b></p>',
  attachments: [
    { filename: 'report-2026-11.pdf', contentType: 'application/pdf', content: pdfBytes },
    {
      filename: 'report-2026-11.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: Readable.from([xlsxBytes.subarray(0, 1000), xlsxBytes.subarray(1000)]),
    },
  ],
  idempotencyKey: 'monthly:follower-1:2026-11',
});

interface Received {
  parsed: ParsedMail;
  envelope: string[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((done) => server.close(() => done()))),
  );
});

/** A real SMTP server on a free loopback port, recording what it accepts. */
async function startServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  let sessions = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onConnect: (_session, callback) => {
      sessions++;
      callback();
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then((parsed) => {
        received.push({ parsed, envelope: session.envelope.rcptTo.map(({ address }) => address) });
        callback();
      }, callback);
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.server.address() as { port: number };
  return { port, received, sessions: () => sessions };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((closed) => probe.close(() => closed()));
  return port;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the send to fail'),
    (error: unknown) => error,
  );
}

describe('SmtpMailer', () => {
  it('delivers recipients, cc, subject, both bodies and two attachments byte for byte after logging in', async () => {
    const logins: string[] = [];
    const server = await startServer({
      authOptional: false,
      onAuth: (auth, _session, callback) => {
        logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
    });
    const mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      user: 'reports',
      password: () => 'app-password-1',
    });

    const result = await mailer.send(report());

    expect(logins).toEqual(['reports:app-password-1']);
    expect(result).toMatchObject({ provider: 'smtp', attempts: 1 });
    expect(result.rejected).toBeUndefined();
    const [{ parsed, envelope }] = server.received as [Received];
    expect(result.messageId).toBe(parsed.messageId);
    expect(envelope).toEqual(['follower@example.org', 'admin@example.com']);
    expect(parsed.from?.value).toEqual([{ address: 'reports@example.com', name: 'Reports' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'follower@example.org' }] });
    expect(parsed.cc).toMatchObject({ value: [{ address: 'admin@example.com' }] });
    expect(parsed.subject).toBe('Your report for 2026-11');
    expect(parsed.text?.trim()).toBe('Commission: 20.00');
    expect(parsed.html).toBe('<p>Commission: <b>20.00</b></p>');
    expect(parsed.headers.get('x-idempotency-key')).toBe('monthly:follower-1:2026-11');
    expect(
      parsed.attachments.map(({ filename, contentType }) => ({ filename, contentType })),
    ).toEqual([
      { filename: 'report-2026-11.pdf', contentType: 'application/pdf' },
      {
        filename: 'report-2026-11.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ]);
    expect(parsed.attachments[0]!.content.equals(pdfBytes)).toBe(true);
    expect(parsed.attachments[1]!.content.equals(xlsxBytes)).toBe(true);
  });

  it('logs in with the user and password of an smtp:// URI', async () => {
    const logins: string[] = [];
    const server = await startServer({
      authOptional: false,
      onAuth: (auth, _session, callback) => {
        logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
    });
    const mailer = new SmtpMailer({ uri: `smtp://reports:p%40ss%2Fword@127.0.0.1:${server.port}` });

    await mailer.send({ ...report(), attachments: [] });

    expect(logins).toEqual(['reports:p@ss/word']);
    expect(server.received).toHaveLength(1);
  });

  it('reads the password at every send, so a rotated secret is used without a restart', async () => {
    let current = 'old-password';
    const logins: string[] = [];
    const server = await startServer({
      authOptional: false,
      onAuth: (auth, _session, callback) => {
        logins.push(auth.password ?? '');
        callback(null, { user: auth.username });
      },
    });
    const mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      user: 'reports',
      password: () => current,
    });

    await mailer.send({ ...report(), attachments: [] });
    current = 'new-password';
    await mailer.send({ ...report(), attachments: [] });

    expect(logins).toEqual(['old-password', 'new-password']);
  });

  it('retries a 451 and delivers on the next attempt', async () => {
    let calls = 0;
    const delivered: ParsedMail[] = [];
    const server = await startServer({
      onData: (stream, _session, callback) => {
        calls++;
        if (calls === 1) {
          stream.resume();
          stream.on('end', () => callback(smtpError(451, 'Local error in processing, try again')));
          return;
        }
        simpleParser(stream).then((parsed) => callback(void delivered.push(parsed)), callback);
      },
    });
    const mailer = withRetry(new SmtpMailer({ host: '127.0.0.1', port: server.port }), {
      baseDelayMs: 1,
    });

    const result = await mailer.send(report());

    expect(result).toMatchObject({ provider: 'smtp', attempts: 2 });
    expect(calls).toBe(2);
    // The stream attachment went out whole again, though a stream can be read only once.
    expect(delivered[0]!.attachments[1]!.content.equals(xlsxBytes)).toBe(true);
  });

  it('fails permanently on a 550 without retrying', async () => {
    const server = await startServer({
      onRcptTo: (_address, _session, callback) => callback(smtpError(550, 'Mailbox unavailable')),
    });
    const mailer = withRetry(new SmtpMailer({ host: '127.0.0.1', port: server.port }), {
      baseDelayMs: 1,
    });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ statusCode: 550, attempts: 1, provider: 'smtp' });
    expect((error as PermanentDeliveryError).reason).toContain('Mailbox unavailable');
    expect(server.sessions()).toBe(1);
    expect(server.received).toHaveLength(0);
  });

  it('reports the message id and the refused recipients when the server accepts only some', async () => {
    const server = await startServer({
      onRcptTo: ({ address }, _session, callback) =>
        callback(address === 'admin@example.com' ? smtpError(550, 'No such user') : undefined),
    });

    const result = await new SmtpMailer({ host: '127.0.0.1', port: server.port }).send(report());

    expect(result.rejected).toEqual(['admin@example.com']);
    expect(server.received.map(({ envelope }) => envelope)).toEqual([['follower@example.org']]);
  });

  it('treats a refused connection as transient', async () => {
    const mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: await closedPort(),
      connectionTimeoutMs: 2000,
    });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
  });

  it('keeps the password out of the reason when the server echoes it back', async () => {
    const server = await startServer({
      authOptional: false,
      onAuth: (auth, _session, callback) =>
        callback(smtpError(535, `Password ${auth.password} is not accepted`)),
    });
    const mailer = new SmtpMailer({ uri: `smtp://reports:uri-secret-9@127.0.0.1:${server.port}` });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    const { reason, message, stack } = error as PermanentDeliveryError;
    expect(reason).toContain('Password [redacted] is not accepted');
    for (const text of [reason, message, stack]) expect(text).not.toContain('uri-secret-9');
  });

  it('refuses to send in clear text when STARTTLS is required and the server does not offer it', async () => {
    const server = await startServer();
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: server.port, requireTls: true });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(server.received).toHaveLength(0);
  });
});
