/** The whole content of an attachment, reading it when it is a stream. */
export async function attachmentBytes(content) {
    if (Buffer.isBuffer(content))
        return content;
    const chunks = [];
    for await (const chunk of content)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
}
//# sourceMappingURL=attachment-bytes.js.map