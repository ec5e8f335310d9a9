/** `FOO=` in a shell or compose file means "not set", not "set to nothing". */
export function withoutEmptyValues(env) {
    const result = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && value !== '')
            result[name] = value;
    }
    return result;
}
//# sourceMappingURL=environment.js.map