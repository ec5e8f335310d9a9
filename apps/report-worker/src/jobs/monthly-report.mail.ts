import type { MailAttachment, OutgoingMail } from '@lib/delivery';

export interface MonthlyMailContent {
  title: string;
  period: string;
  followerName: string;
  pnl: string;
  commission: string;
  /** Attached files, or links to them. */
  files: { format: string; filename: string; url: string; expiresAt: Date }[];
  attachments?: MailAttachment[];
}

/** The monthly e-mail: subject "<title> Monthly Report - YYYY-MM", text and HTML bodies. */
export function monthlyReportMail(
  content: MonthlyMailContent,
  addresses: { from: string; to: string; cc?: string; idempotencyKey: string },
): OutgoingMail {
  const subject = `${content.title} Monthly Report - ${content.period}`;
  const linkLines = content.attachments
    ? ['Your report is attached as PDF and Excel files.']
    : [
        'Download your report (links expire on the date shown):',
        ...content.files.map(
          (file) =>
            `${file.format.toUpperCase()}: ${file.url} (until ${file.expiresAt.toISOString().slice(0, 10)})`,
        ),
      ];
  const text = [
    `Hello ${content.followerName},`,
    '',
    `your report for ${content.period}: P&L ${content.pnl}, commission ${content.commission}.`,
    '',
    ...linkLines,
    '',
    content.title,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(content.followerName)},</p>`,
    `<p>your report for <strong>${content.period}</strong>: P&amp;L <strong>${escapeHtml(content.pnl)}</strong>, commission <strong>${escapeHtml(content.commission)}</strong>.</p>`,
    content.attachments
      ? '<p>Your report is attached as PDF and Excel files.</p>'
      : `<ul>${content.files
          .map(
            (file) =>
              `<li><a href="${escapeHtml(file.url)}">${file.format.toUpperCase()}</a> (until ${file.expiresAt.toISOString().slice(0, 10)})</li>`,
          )
          .join('')}</ul>`,
    `<p>${escapeHtml(content.title)}</p>`,
  ].join('\n');
  return {
    from: addresses.from,
    to: [addresses.to],
    cc: addresses.cc ? [addresses.cc] : undefined,
    subject,
    text,
    html,
    attachments: content.attachments,
    idempotencyKey: addresses.idempotencyKey,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
