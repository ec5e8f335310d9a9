export {};
//# sourceMappingURL=report-document.js.map