export {};
//# sourceMappingURL=resolved-request.js.map