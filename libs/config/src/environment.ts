export type Environment = Readonly<Record<string, string | undefined>>;

/** `FOO=` in a shell or compose file means "not set", not "set to nothing". */
export function withoutEmptyValues(env: Environment): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') result[name] = value;
  }
  return result;
}
