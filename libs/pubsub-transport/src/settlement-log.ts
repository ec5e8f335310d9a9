import type { LoggerService } from '@nestjs/common';
import type { InboundMessage } from './inbound-message.js';

export type Outcome = 'acked' | 'nacked' | 'dead-lettered' | 'ack-failed' | 'given-back';

export interface SettledMessage {
  message: InboundMessage;
  pattern?: string;
  outcome: Outcome;
  durationMs: number;
  reason?: string;
}

/** One line per settled message: what happened to it, and why if it was not acked. */
export function logSettlement(logger: LoggerService, settled: SettledMessage): void {
  const { message, pattern, outcome, durationMs, reason } = settled;
  const line = {
    message: `message ${outcome}`,
    messageId: message.id,
    pattern,
    subscription: message.subscription,
    deliveryAttempt: message.deliveryAttempt,
    transport: message.transport,
    outcome,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(reason ? { reason } : {}),
  };
  if (outcome === 'acked') logger.log(line);
  else if (outcome === 'nacked' || outcome === 'given-back') logger.warn(line);
  else logger.error(line);
}
