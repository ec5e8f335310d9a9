import { AppConfig } from '@lib/config';
import { DryRunMailer, type Mailer, SendGridMailer, SmtpMailer, withRetry } from '@lib/delivery';
import type { FactoryProvider } from '@nestjs/common';

export const MAILER = Symbol('MAILER');

/**
 * The mailer chosen by configuration: dry run, SMTP or SendGrid, retrying
 * transient failures with backoff. Credentials are read at each send, so
 * a refreshed secret applies without a restart. Undefined when e-mail is
 * not configured (monthly reports then fail with that reason).
 */
export const mailerProvider: FactoryProvider<Mailer | undefined> = {
  provide: MAILER,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    const { email, secrets } = config;
    if (email.dryRun) return new DryRunMailer();
    const retry = { attempts: email.maxAttempts };
    if (email.transport === 'smtp') {
      return withRetry(
        new SmtpMailer({
          uri: secrets.get('SMTP_URI') ?? email.smtp.uri,
          host: email.smtp.host,
          port: email.smtp.port,
          secure: email.smtp.secure,
          requireTls: email.smtp.requireTls,
          user: email.smtp.user,
          password: () => secrets.get('SMTP_PASSWORD') ?? email.smtp.password,
        }),
        retry,
      );
    }
    if (email.transport === 'sendgrid') {
      return withRetry(
        new SendGridMailer({
          apiKey: () => secrets.get('SENDGRID_API_KEY') ?? email.sendgridApiKey ?? '',
          baseUrl: email.sendgridBaseUrl,
        }),
        retry,
      );
    }
    return undefined;
  },
};
