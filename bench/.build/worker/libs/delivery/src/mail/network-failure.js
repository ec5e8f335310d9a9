/**
 * Codes of a peer that could not be reached or went away: nodemailer's own
 * (`ECONNECTION`, `ESOCKET`, `EDNS`), Node's socket errors and undici's.
 */
const NETWORK_CODES = new Set([
    'ECONNECTION',
    'ESOCKET',
    'EDNS',
    'ETIMEDOUT',
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_SOCKET',
]);
/** True when the error, or one of its causes, is a network failure that may heal by itself. */
export function isNetworkFailure(error) {
    for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
        const { code, name } = current;
        if (typeof code === 'string' && NETWORK_CODES.has(code))
            return true;
        if (name === 'TimeoutError')
            return true;
    }
    return false;
}
//# sourceMappingURL=network-failure.js.map