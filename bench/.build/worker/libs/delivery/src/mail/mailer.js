export {};
//# sourceMappingURL=mailer.js.map