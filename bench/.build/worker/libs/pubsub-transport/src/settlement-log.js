/** One line per settled message: what happened to it, and why if it was not acked. */
export function logSettlement(logger, settled) {
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
    if (outcome === 'acked')
        logger.log(line);
    else if (outcome === 'nacked' || outcome === 'given-back')
        logger.warn(line);
    else
        logger.error(line);
}
//# sourceMappingURL=settlement-log.js.map