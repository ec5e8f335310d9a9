/**
 * The environment was not usable. Carries every problem at once so an operator
 * fixes them in one go rather than one restart at a time.
 */
export class ConfigValidationError extends Error {
    problems;
    name = 'ConfigValidationError';
    constructor(problems) {
        super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
            problems.map((problem) => `  - ${problem}`).join('\n'));
        this.problems = problems;
    }
}
//# sourceMappingURL=config-validation.error.js.map