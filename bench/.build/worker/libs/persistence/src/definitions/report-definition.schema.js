var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
/**
 * A stored report: where its rows come from (a collection and an aggregation
 * pipeline with typed parameters), how its table looks, and its default
 * formats. Versions are kept: a run names the version it used.
 */
let ReportDefinition = class ReportDefinition {
    name;
    version;
    title;
    description;
    sourceCollection;
    /**
     * The pipeline as JSON text: its keys start with `$`, which stored field
     * names should not (and FerretDB, used in tests, refuses).
     */
    pipelineJson;
    parameters;
    columns;
    defaultFormats;
    createdAt;
};
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], ReportDefinition.prototype, "name", void 0);
__decorate([
    Prop({ type: Number, required: true }),
    __metadata("design:type", Number)
], ReportDefinition.prototype, "version", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], ReportDefinition.prototype, "title", void 0);
__decorate([
    Prop({ type: String }),
    __metadata("design:type", String)
], ReportDefinition.prototype, "description", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], ReportDefinition.prototype, "sourceCollection", void 0);
__decorate([
    Prop({ type: String, required: true }),
    __metadata("design:type", String)
], ReportDefinition.prototype, "pipelineJson", void 0);
__decorate([
    Prop({ type: [Object], default: [] }),
    __metadata("design:type", Array)
], ReportDefinition.prototype, "parameters", void 0);
__decorate([
    Prop({ type: [Object], required: true }),
    __metadata("design:type", Array)
], ReportDefinition.prototype, "columns", void 0);
__decorate([
    Prop({ type: [String], default: ['csv'] }),
    __metadata("design:type", Array)
], ReportDefinition.prototype, "defaultFormats", void 0);
__decorate([
    Prop({ type: Date, required: true }),
    __metadata("design:type", Date)
], ReportDefinition.prototype, "createdAt", void 0);
ReportDefinition = __decorate([
    Schema({ collection: 'report_definitions', versionKey: false })
], ReportDefinition);
export { ReportDefinition };
export const ReportDefinitionSchema = SchemaFactory.createForClass(ReportDefinition);
ReportDefinitionSchema.index({ name: 1, version: 1 }, { unique: true });
//# sourceMappingURL=report-definition.schema.js.map