import { createHash } from 'node:crypto';
import {
  PassThrough,
  type Readable,
  Transform,
  type TransformCallback,
  type Writable,
} from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { GridFSBucket, ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';

export const REPORTS_BUCKET = 'reports';

export interface FileMetadata {
  runId: string;
  format: string;
  filename: string;
  contentType: string;
  /** When the retention sweep removes the file. */
  expiresAt: Date;
}

export interface StoredFile {
  fileId: string;
  bytes: number;
  sha256: string;
}

export interface FileDownload {
  stream: Readable;
  bytes: number;
  sha256: string;
  filename: string;
  contentType: string;
}

/** The output grew past the configured limit; the partial file is removed. */
export class OutputTooLargeError extends Error {
  override readonly name = 'OutputTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`report output exceeds the limit of ${limitBytes} bytes`);
  }
}

/**
 * Report files in the GridFS bucket `reports`. Uploads stream: bytes and
 * sha256 are computed on the way, so a file of any size needs no more memory
 * than a chunk.
 */
@Injectable()
export class ReportFileStorage {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get bucket(): GridFSBucket {
    // Resolved per call: the driver's Db is replaced when Mongoose reconnects.
    return new GridFSBucket(this.connection.db!, { bucketName: REPORTS_BUCKET });
  }

  /**
   * Opens an upload: write the file into `stream` and end it; `stored`
   * resolves once GridFS has every chunk. A file of a previous attempt of
   * the same run and format is removed first, so a retried run leaves one.
   */
  async openUpload(
    metadata: FileMetadata,
    { maxBytes }: { maxBytes?: number } = {},
  ): Promise<{ stream: Writable; stored: Promise<StoredFile> }> {
    await this.deleteFiles({
      'metadata.runId': metadata.runId,
      'metadata.format': metadata.format,
    });
    const fileId = new ObjectId();
    const meter = new ByteMeter(maxBytes);
    const upload = this.bucket.openUploadStreamWithId(fileId, metadata.filename, {
      metadata: { ...metadata },
    });
    const stored = new Promise<StoredFile>((resolve, reject) => {
      const fail = (error: Error) => {
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
          .db!.collection(`${REPORTS_BUCKET}.files`)
          .updateOne({ _id: fileId }, { $set: { 'metadata.sha256': file.sha256 } })
          .then(() => resolve(file), reject);
      });
    });
    meter.pipe(upload);
    return { stream: meter, stored };
  }

  async openDownload(fileId: string): Promise<FileDownload | undefined> {
    if (!ObjectId.isValid(fileId)) return undefined;
    const _id = new ObjectId(fileId);
    const [file] = await this.bucket.find({ _id }).limit(1).toArray();
    if (!file) return undefined;
    const metadata = (file.metadata ?? {}) as Partial<FileMetadata> & { sha256?: string };
    return {
      stream: this.bucket.openDownloadStream(_id).pipe(new PassThrough()),
      bytes: file.length,
      sha256: metadata.sha256 ?? '',
      filename: metadata.filename ?? file.filename,
      contentType: metadata.contentType ?? 'application/octet-stream',
    };
  }

  /** Removes files past their retention; returns how many. */
  async deleteExpired(now = new Date()): Promise<number> {
    return this.deleteFiles({ 'metadata.expiresAt': { $lt: now } });
  }

  private async deleteFiles(filter: Record<string, unknown>): Promise<number> {
    const files = await this.bucket.find(filter).project({ _id: 1 }).toArray();
    for (const file of files) await this.bucket.delete(file._id as ObjectId);
    return files.length;
  }
}

/** Counts and hashes what passes through, and stops the stream past `maxBytes`. */
class ByteMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes?: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.maxBytes !== undefined && this.bytes > this.maxBytes) {
      callback(new OutputTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
