import { buffer } from 'node:stream/consumers';
import { AppConfig } from '@lib/config';
import {
  DownloadLinkSigner,
  type MailAttachment,
  type Mailer,
  PermanentDeliveryError,
} from '@lib/delivery';
import {
  type FollowerRecord,
  type ReportRun,
  ReportFileStorage,
  ReportSentRepository,
  type RunFile,
  TradingDataRepository,
} from '@lib/persistence';
import { describeFailure, PermanentError, type PubSubContext } from '@lib/pubsub-transport';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Decimal } from 'decimal.js';
import { ReportGenerator } from '../reports/report-generator.service.js';
import { RunExecutor } from '../reports/run-executor.js';
import { daysOfPeriod, fromCompactDate, parsePeriod, toCompactDate } from './domain/periods.js';
import { commission, dailyPnl, monthlyPnl } from './domain/pnl.js';
import { toDecimal } from './domain/money.js';
import { MAILER } from './mailer.provider.js';
import { type MonthlyFigures, monthlyReportDocument } from './monthly-report.document.js';
import { monthlyReportMail } from './monthly-report.mail.js';
import { FOLLOWER_REPORT, type FollowerReportTask } from './monthly-reports.job.js';

/**
 * One follower's monthly report: figures, a PDF and an XLSX in GridFS, and
 * one e-mail. Runs as a report run keyed by (follower, period), so a
 * redelivered or repeated monthly message never sends a second e-mail; an
 * explicit resend has a key of its own. `report_sent` records each step.
 */
@Injectable()
export class FollowerReportService {
  private readonly logger = new Logger(FollowerReportService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly data: TradingDataRepository,
    private readonly sent: ReportSentRepository,
    private readonly storage: ReportFileStorage,
    private readonly generator: ReportGenerator,
    private readonly executor: RunExecutor,
    private readonly links: DownloadLinkSigner,
    @Inject(MAILER) private readonly mailer: Mailer | undefined,
  ) {}

  async handle(payload: unknown, context: PubSubContext): Promise<ReportRun> {
    const task = parseTask(payload);
    const dryRun = this.config.email.dryRun;
    const key = [
      'monthly-report',
      task.follower_id,
      task.period,
      ...(task.resend ? ['resend', task.resend_key ?? context.getMessageId()] : []),
      ...(dryRun ? ['dry-run'] : []),
    ].join(':');
    return this.executor.execute(
      {
        idempotencyKey: key,
        pattern: FOLLOWER_REPORT,
        definitionName: 'monthly-follower-report',
        parameters: {
          follower_id: task.follower_id,
          period: task.period,
          resend: Boolean(task.resend),
        },
        formats: ['pdf', 'xlsx'],
      },
      context.getMessageId(),
      (run, signal) => this.produce(run, task, key, signal),
    );
  }

  private async produce(
    run: ReportRun,
    task: FollowerReportTask,
    key: string,
    signal: AbortSignal,
  ) {
    const { follower_id: followerId, period } = task;
    await this.sent.transition(
      followerId,
      period,
      'pending',
      { run_id: run._id },
      { countAttempt: true },
    );
    try {
      const follower = await this.data.follower(followerId);
      if (!follower) throw new PermanentError(`No follower ${followerId}`, 'UNKNOWN_FOLLOWER');
      if (!follower.email)
        throw new PermanentError(`Follower ${followerId} has no e-mail address`, 'NO_EMAIL');
      const figures = await this.figures(follower, period);
      const document = monthlyReportDocument(figures, {
        title: this.config.jobs.reportTitle,
        locale: this.config.reports.locale,
        timeZone: this.config.jobs.marketTimeZone,
        currency: this.config.reports.currency,
      });
      await this.sent.transition(followerId, period, 'generated');
      const files = await this.generator.renderDocument(
        run._id,
        document,
        ['pdf', 'xlsx'],
        signal,
        `monthly-report-${period}-${followerId}`,
      );
      const linked = files.map((file) => ({ ...file, ...this.links.sign(run._id, file.format) }));
      await this.sent.transition(followerId, period, 'stored', {
        files: linked.map((file) => ({
          format: file.format,
          file_id: file.fileId,
          url: file.url,
          expires_at: file.expiresAt,
        })),
      });
      await this.deliver(follower, figures, linked, key, period);
      return { rowCount: figures.days.length, files };
    } catch (error) {
      await this.sent.transition(followerId, period, 'failed', {
        last_error: this.config.secrets.redactor.redact(describeFailure(error)),
      });
      throw error;
    }
  }

  private async deliver(
    follower: FollowerRecord,
    figures: MonthlyFigures,
    files: (RunFile & { url: string; expiresAt: Date })[],
    key: string,
    period: string,
  ): Promise<void> {
    const followerId = String(follower._id);
    const { email } = this.config;
    if (!this.mailer) {
      throw new PermanentError(
        'E-mail delivery is not configured (set EMAIL_TRANSPORT, or DRY_RUN=true)',
        'EMAIL_NOT_CONFIGURED',
      );
    }
    const money = new Intl.NumberFormat(this.config.reports.locale, {
      style: 'currency',
      currency: this.config.reports.currency,
    });
    const mail = monthlyReportMail(
      {
        title: this.config.jobs.reportTitle,
        period,
        followerName: follower.name ?? follower.email!,
        pnl: money.format(Number(figures.pnl.toFixed(2))),
        commission: money.format(Number(figures.commission.toFixed(2))),
        files: files.map((file) => ({
          format: file.format,
          filename: file.filename,
          url: file.url,
          expiresAt: file.expiresAt,
        })),
        attachments: email.delivery === 'attachments' ? await this.attachments(files) : undefined,
      },
      {
        from: email.sender ?? 'reports@localhost',
        to: follower.email!,
        cc: email.admin,
        idempotencyKey: key,
      },
    );
    try {
      const result = await this.mailer.send(mail);
      const dryRun = result.provider === 'dry-run';
      await this.sent.transition(followerId, period, dryRun ? 'stored' : 'sent', {
        dry_run: dryRun,
        ...(dryRun ? {} : { sent_at: new Date() }),
        last_error: undefined,
      });
      this.logger.log({
        message: dryRun
          ? 'monthly report rendered and stored; DRY_RUN, no e-mail sent'
          : 'monthly report e-mailed',
        followerId,
        period,
        provider: result.provider,
        attempts: result.attempts,
      });
    } catch (error) {
      // A rejected address or message is final; anything else is retried through Pub/Sub.
      if (error instanceof PermanentDeliveryError)
        throw new PermanentError(error.reason, 'MAIL_REJECTED', { cause: error });
      throw error;
    }
  }

  private async attachments(files: RunFile[]): Promise<MailAttachment[]> {
    return Promise.all(
      files.map(async (file) => {
        const download = await this.storage.openDownload(file.fileId);
        if (!download) throw new Error(`stored ${file.format} file ${file.fileId} is missing`);
        return {
          filename: file.filename,
          contentType: file.contentType,
          content: await buffer(download.stream),
        };
      }),
    );
  }

  /** The period's days from `daily_pnl`, computed from positions for days it lacks. */
  private async figures(follower: FollowerRecord, period: string): Promise<MonthlyFigures> {
    const days = daysOfPeriod(period);
    const from = toCompactDate(days[0]);
    const to = toCompactDate(days.at(-1)!);
    const stored = new Map(
      (await this.data.dailyPnlOfFollower(follower._id, from, to)).map((day) => [
        day.date,
        { totalPnl: toDecimal(day.total_pnl), positionCount: day.position_count ?? 0 },
      ]),
    );
    const positionsByDay = new Map<string, Parameters<typeof dailyPnl>[0] & unknown[]>();
    for (const position of await this.data.positionsOfFollower(follower._id, from, to)) {
      if (stored.has(position.date)) continue;
      const list = positionsByDay.get(position.date) ?? [];
      list.push(position);
      positionsByDay.set(position.date, list);
    }
    for (const [date, positions] of positionsByDay) stored.set(date, dailyPnl(positions));
    const daily = [...stored.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, day]) => ({
        date: fromCompactDate(date),
        totalPnl: day.totalPnl as Decimal,
        positionCount: day.positionCount,
      }));
    const total = monthlyPnl(daily);
    const {
      pnl,
      rate,
      commission: fee,
    } = commission(total, follower.commission_pct, this.config.jobs.defaultCommissionPercent);
    return {
      period,
      follower: {
        id: String(follower._id),
        email: follower.email!,
        iban: follower.iban,
        name: follower.name,
      },
      pnl,
      rate,
      commission: fee,
      days: daily,
    };
  }
}

function parseTask(payload: unknown): FollowerReportTask {
  const task = payload as Partial<FollowerReportTask> | null;
  if (!task || typeof task.follower_id !== 'string' || typeof task.period !== 'string') {
    throw new PermanentError('A follower report task needs follower_id and period', 'INVALID_JOB');
  }
  parsePeriod(task.period);
  return task as FollowerReportTask;
}
