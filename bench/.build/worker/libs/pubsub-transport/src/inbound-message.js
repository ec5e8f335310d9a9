export function fromPulledMessage(message, subscription) {
    return {
        id: message.id,
        data: message.data,
        attributes: message.attributes ?? {},
        orderingKey: message.orderingKey || undefined,
        publishTime: message.publishTime ? new Date(message.publishTime.getTime()) : undefined,
        deliveryAttempt: message.deliveryAttempt || undefined,
        subscription: shortName(subscription),
        transport: 'pull',
    };
}
/** `projects/p/subscriptions/s` → `s`; a short name is returned as is. */
export function shortName(name) {
    return name.slice(name.lastIndexOf('/') + 1);
}
//# sourceMappingURL=inbound-message.js.map