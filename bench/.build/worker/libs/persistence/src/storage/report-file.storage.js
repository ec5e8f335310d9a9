var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { createHash } from 'node:crypto';
import { PassThrough, Transform } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { GridFSBucket, ObjectId } from 'mongodb';
export const REPORTS_BUCKET = 'reports';
/** The output grew past the configured limit; the partial file is removed. */
export class OutputTooLargeError extends Error {
    limitBytes;
    name = 'OutputTooLargeError';
    constructor(limitBytes) {
        super(`report output exceeds the limit of ${limitBytes} bytes`);
        this.limitBytes = limitBytes;
    }
}
/**
 * Report files in the GridFS bucket `reports`. Uploads stream: bytes and
 * sha256 are computed on the way, so a file of any size needs no more memory
 * than a chunk.
 */
let ReportFileStorage = class ReportFileStorage {
    connection;
    constructor(connection) {
        this.connection = connection;
    }
    get bucket() {
        // Resolved per call: the driver's Db is replaced when Mongoose reconnects.
        return new GridFSBucket(this.connection.db, { bucketName: REPORTS_BUCKET });
    }
    /**
     * Opens an upload: write the file into `stream` and end it; `stored`
     * resolves once GridFS has every chunk. A file of a previous attempt of
     * the same run and format is removed first, so a retried run leaves one.
     */
    async openUpload(metadata, { maxBytes } = {}) {
        await this.deleteFiles({ 'metadata.runId': metadata.runId, 'metadata.format': metadata.format });
        const fileId = new ObjectId();
        const meter = new ByteMeter(maxBytes);
        const upload = this.bucket.openUploadStreamWithId(fileId, metadata.filename, {
            metadata: { ...metadata },
        });
        const stored = new Promise((resolve, reject) => {
            const fail = (error) => {
                upload.destroy();
                void this.bucket.delete(fileId).catch(() => undefined);
                reject(error);
            };
            meter.once('error', fail);
            upload.once('error', fail);
            upload.once('finish', () => {
                const file = { fileId: fileId.toHexString(), bytes: meter.bytes, sha256: meter.digest() };
                // The digest is known only at the end; kept with the file for downloads' ETag.
                this.connection
                    .db.collection(`${REPORTS_BUCKET}.files`)
                    .updateOne({ _id: fileId }, { $set: { 'metadata.sha256': file.sha256 } })
                    .then(() => resolve(file), reject);
            });
        });
        meter.pipe(upload);
        return { stream: meter, stored };
    }
    async openDownload(fileId) {
        if (!ObjectId.isValid(fileId))
            return undefined;
        const _id = new ObjectId(fileId);
        const [file] = await this.bucket.find({ _id }).limit(1).toArray();
        if (!file)
            return undefined;
        const metadata = (file.metadata ?? {});
        return {
            stream: this.bucket.openDownloadStream(_id).pipe(new PassThrough()),
            bytes: file.length,
            sha256: metadata.sha256 ?? '',
            filename: metadata.filename ?? file.filename,
            contentType: metadata.contentType ?? 'application/octet-stream',
        };
    }
    /** Removes files past their retention; returns how many. */
    async deleteExpired(now = new Date()) {
        return this.deleteFiles({ 'metadata.expiresAt': { $lt: now } });
    }
    async deleteFiles(filter) {
        const files = await this.bucket.find(filter).project({ _id: 1 }).toArray();
        for (const file of files)
            await this.bucket.delete(file._id);
        return files.length;
    }
};
ReportFileStorage = __decorate([
    Injectable(),
    __param(0, InjectConnection()),
    __metadata("design:paramtypes", [Function])
], ReportFileStorage);
export { ReportFileStorage };
/** Counts and hashes what passes through, and stops the stream past `maxBytes`. */
class ByteMeter extends Transform {
    maxBytes;
    bytes = 0;
    hash = createHash('sha256');
    constructor(maxBytes) {
        super();
        this.maxBytes = maxBytes;
    }
    _transform(chunk, _encoding, callback) {
        this.bytes += chunk.length;
        if (this.maxBytes !== undefined && this.bytes > this.maxBytes) {
            callback(new OutputTooLargeError(this.maxBytes));
            return;
        }
        this.hash.update(chunk);
        callback(null, chunk);
    }
    digest() {
        return this.hash.digest('hex');
    }
}
//# sourceMappingURL=report-file.storage.js.map