import { PermanentError } from './permanent.error.js';
/**
 * Reads the pattern from the pattern attribute, else from Nest's
 * `{ pattern, data }` body, else the subscription's default pattern; the data
 * is the JSON body. Anything that cannot be read is a permanent failure.
 */
export class JsonMessageDeserializer {
    deserialize(message, { patternAttribute, defaultPattern }) {
        const body = parseJson(message.data);
        const attributePattern = message.attributes[patternAttribute];
        if (attributePattern)
            return { pattern: attributePattern, data: body };
        if (isNestPacket(body)) {
            return {
                pattern: typeof body.pattern === 'string' ? body.pattern : JSON.stringify(body.pattern),
                data: body.data,
            };
        }
        if (defaultPattern)
            return { pattern: defaultPattern, data: body };
        throw new PermanentError(`Message carries no pattern: set the "${patternAttribute}" attribute or send {"pattern", "data"}`, 'NO_PATTERN');
    }
}
export class JsonMessageSerializer {
    serialize(value) {
        return Buffer.from(JSON.stringify(value ?? null));
    }
}
function parseJson(data) {
    if (data.length === 0)
        return undefined;
    try {
        return JSON.parse(data.toString('utf8'));
    }
    catch (error) {
        throw new PermanentError(`Message data is not JSON (${data.length} bytes): ${error.message}`, 'UNDECODABLE');
    }
}
function isNestPacket(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        return false;
    const { pattern } = body;
    return (typeof pattern === 'string' && pattern.length > 0) || (typeof pattern === 'object' && pattern !== null);
}
//# sourceMappingURL=message-codec.js.map