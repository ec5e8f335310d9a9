import type { InboundMessage } from './inbound-message.js';
import { PermanentError } from './permanent.error.js';
import type { PubSubDeserializer, PubSubSerializer } from './pubsub-transport.options.js';

/**
 * Reads the pattern from the pattern attribute, else from Nest's
 * `{ pattern, data }` body, else the subscription's default pattern; the data
 * is the JSON body. Anything that cannot be read is a permanent failure.
 */
export class JsonMessageDeserializer implements PubSubDeserializer {
  deserialize(
    message: InboundMessage,
    { patternAttribute, defaultPattern }: { patternAttribute: string; defaultPattern?: string },
  ): { pattern: string; data: unknown } {
    const body = parseJson(message.data);
    const attributePattern = message.attributes[patternAttribute];
    if (attributePattern) return { pattern: attributePattern, data: body };
    if (isNestPacket(body)) {
      return {
        pattern: typeof body.pattern === 'string' ? body.pattern : JSON.stringify(body.pattern),
        data: body.data,
      };
    }
    if (defaultPattern) return { pattern: defaultPattern, data: body };
    throw new PermanentError(
      `Message carries no pattern: set the "${patternAttribute}" attribute or send {"pattern", "data"}`,
      'NO_PATTERN',
    );
  }
}

export class JsonMessageSerializer implements PubSubSerializer {
  serialize(value: unknown): Buffer {
    return Buffer.from(JSON.stringify(value ?? null));
  }
}

function parseJson(data: Buffer): unknown {
  if (data.length === 0) return undefined;
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new PermanentError(
      `Message data is not JSON (${data.length} bytes): ${(error as Error).message}`,
      'UNDECODABLE',
    );
  }
}

function isNestPacket(body: unknown): body is { pattern: unknown; data?: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { pattern } = body as { pattern?: unknown };
  return (
    (typeof pattern === 'string' && pattern.length > 0) ||
    (typeof pattern === 'object' && pattern !== null)
  );
}
