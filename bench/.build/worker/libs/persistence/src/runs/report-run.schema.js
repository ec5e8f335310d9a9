var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { randomUUID } from 'node:crypto';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'];
/** A stored output of a run. */
let RunFile = class RunFile {
    format;
    fileId;
    filename;
    contentType;
    bytes;
    sha256;
};
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunFile.prototype, "format", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunFile.prototype, "fileId", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunFile.prototype, "filename", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunFile.prototype, "contentType", void 0);
__decorate([
    Prop({ type: Number, required: true }),
    __metadata("design:type", Number)
], RunFile.prototype, "bytes", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunFile.prototype, "sha256", void 0);
RunFile = __decorate([
    Schema({ _id: false, versionKey: false })
], RunFile);
export { RunFile };
let RunError = class RunError {
    code;
    message;
    /** True when no retry can succeed (invalid request, limits); false when the run may be retried. */
    permanent;
};
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunError.prototype, "code", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], RunError.prototype, "message", void 0);
__decorate([
    Prop({ type: Boolean, required: true }),
    __metadata("design:type", Boolean)
], RunError.prototype, "permanent", void 0);
RunError = __decorate([
    Schema({ _id: false, versionKey: false })
], RunError);
export { RunError };
const RunFileSchema = SchemaFactory.createForClass(RunFile);
const RunErrorSchema = SchemaFactory.createForClass(RunError);
/**
 * One report request and what became of it. The idempotency key is unique:
 * however often Pub/Sub delivers a request, it has one run.
 */
let ReportRun = class ReportRun {
    _id;
    idempotencyKey;
    pattern;
    definitionName;
    definitionVersion;
    parameters;
    formats;
    status;
    attempts;
    messageIds;
    receivedAt;
    startedAt;
    finishedAt;
    /** While running: when another worker may take the run over (this one died). */
    leaseExpiresAt;
    rowCount;
    files;
    error;
    requestedBy;
    correlationId;
    locale;
    timeZone;
};
__decorate([
    Prop({ type: String, default: () => randomUUID() }),
    __metadata("design:type", String)
], ReportRun.prototype, "_id", void 0);
__decorate([
    Prop({ type: String, required: true, unique: true }),
    __metadata("design:type", String)
], ReportRun.prototype, "idempotencyKey", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], ReportRun.prototype, "pattern", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportRun.prototype, "definitionName", void 0);
__decorate([
    Prop({ type: Number }),
    __metadata("design:type", Number)
], ReportRun.prototype, "definitionVersion", void 0);
__decorate([
    Prop({ type: Object, default: {} }),
    __metadata("design:type", Object)
], ReportRun.prototype, "parameters", void 0);
__decorate([
    Prop({ type: [String], default: [] }),
    __metadata("design:type", Array)
], ReportRun.prototype, "formats", void 0);
__decorate([
    Prop({ type: String, required: true, enum: RUN_STATUSES, index: true }),
    __metadata("design:type", String)
], ReportRun.prototype, "status", void 0);
__decorate([
    Prop({ type: Number, default: 0 }),
    __metadata("design:type", Number)
], ReportRun.prototype, "attempts", void 0);
__decorate([
    Prop({ type: [String], default: [] }),
    __metadata("design:type", Array)
], ReportRun.prototype, "messageIds", void 0);
__decorate([
    Prop({ type: Date, required: true }),
    __metadata("design:type", Date)
], ReportRun.prototype, "receivedAt", void 0);
__decorate([
    Prop({ type: Date }),
    __metadata("design:type", Date)
], ReportRun.prototype, "startedAt", void 0);
__decorate([
    Prop({ type: Date }),
    __metadata("design:type", Date)
], ReportRun.prototype, "finishedAt", void 0);
__decorate([
    Prop({ type: Date }),
    __metadata("design:type", Date)
], ReportRun.prototype, "leaseExpiresAt", void 0);
__decorate([
    Prop({ type: Number }),
    __metadata("design:type", Number)
], ReportRun.prototype, "rowCount", void 0);
__decorate([
    Prop({ type: [RunFileSchema], default: [] }),
    __metadata("design:type", Array)
], ReportRun.prototype, "files", void 0);
__decorate([
    Prop({ type: RunErrorSchema }),
    __metadata("design:type", RunError)
], ReportRun.prototype, "error", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportRun.prototype, "requestedBy", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportRun.prototype, "correlationId", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportRun.prototype, "locale", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportRun.prototype, "timeZone", void 0);
ReportRun = __decorate([
    Schema({ collection: 'report_runs', versionKey: false })
], ReportRun);
export { ReportRun };
export const ReportRunSchema = SchemaFactory.createForClass(ReportRun);
ReportRunSchema.index({ status: 1, receivedAt: -1 });
ReportRunSchema.index({ receivedAt: -1, _id: -1 });
//# sourceMappingURL=report-run.schema.js.map