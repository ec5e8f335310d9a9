const DEFAULT_CHUNK_CHARS = 64 * 1024;
/**
 * Collects small pieces of text (a CSV line, an HTML row) into chunks of
 * about 64 KiB before writing, so the output sees a few large writes, and
 * waits for `drain` whenever the output asks for it.
 */
export class TextSink {
    flow;
    chunkChars;
    pending = '';
    constructor(flow, chunkChars = DEFAULT_CHUNK_CHARS) {
        this.flow = flow;
        this.chunkChars = chunkChars;
    }
    /** Await the result: it is where back-pressure holds the producer. */
    async write(text) {
        this.pending += text;
        if (this.pending.length >= this.chunkChars)
            await this.flush();
    }
    async flush() {
        if (this.pending === '')
            return;
        this.flow.check();
        this.flow.output.write(this.pending, 'utf8');
        this.pending = '';
        await this.flow.drained();
    }
    /** Writes what is left, ends the output and waits until it has finished. */
    async end() {
        await this.flush();
        await this.flow.end();
    }
}
//# sourceMappingURL=text-sink.js.map