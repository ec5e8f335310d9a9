export {};
//# sourceMappingURL=report-renderer.js.map