import { RpcException } from '@nestjs/microservices';

/** What Nest's exception filter hands the transport when a handler throws a `PermanentError`. */
export interface PermanentFailure {
  status: 'error';
  permanent: true;
  code: string;
  message: string;
}

/**
 * A failure that no retry can fix: invalid payload, unknown definition, a
 * report that can never render. The transport dead-letters the message with
 * the reason and acks it instead of retrying. Any other error is retryable.
 *
 * It extends `RpcException` because Nest's exception filter replaces every
 * other error with "Internal server error" before the transport sees it;
 * an `RpcException` keeps its payload, which carries `permanent: true`.
 */
export class PermanentError extends RpcException {
  override readonly name: string = 'PermanentError';

  constructor(
    message: string,
    readonly code = 'PERMANENT_FAILURE',
    options?: { cause?: unknown },
  ) {
    super({ status: 'error', permanent: true, code, message } satisfies PermanentFailure);
    this.message = message;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** True for a `PermanentError` and for what Nest's filter made of one. */
export function isPermanentFailure(error: unknown): error is PermanentError | PermanentFailure {
  if (error instanceof PermanentError) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { permanent?: unknown }).permanent === true
  );
}

/** A readable one-line reason for any failure value, for logs and the `x-error` attribute. */
export function describeFailure(error: unknown): string {
  if (error instanceof PermanentError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string')
      return typeof code === 'string' ? `${code}: ${message}` : message;
  }
  return String(error);
}

/**
 * A `ValidationPipe` `exceptionFactory` that makes an invalid payload a
 * permanent failure (dead-lettered with the list of problems) rather than a
 * retried one: `new ValidationPipe({ exceptionFactory: invalidPayload })`.
 */
export function invalidPayload(
  errors: { property: string; constraints?: Record<string, string>; children?: unknown[] }[],
): PermanentError {
  const problems = flattenValidationErrors(errors);
  return new PermanentError(`Invalid payload: ${problems.join('; ')}`, 'INVALID_PAYLOAD');
}

type ValidationErrorLike = {
  property: string;
  constraints?: Record<string, string>;
  children?: unknown[];
};

function flattenValidationErrors(errors: ValidationErrorLike[], path = ''): string[] {
  return errors.flatMap((error) => {
    const at = path ? `${path}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) && path ? `${path}.${text}` : text,
    );
    return [
      ...own,
      ...flattenValidationErrors((error.children ?? []) as ValidationErrorLike[], at),
    ];
  });
}
