export {};
//# sourceMappingURL=pubsub-transport.options.js.map