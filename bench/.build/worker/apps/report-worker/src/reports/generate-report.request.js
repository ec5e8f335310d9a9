var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { REPORT_FORMATS } from "../../../../libs/rendering/src/index.js";
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateIf, ValidateNested, } from 'class-validator';
import { DEFINITION_NAME, DefinitionInput } from './report-definition.input.js';
/**
 * The `report.generate` message: a stored definition (by name, optionally a
 * version) or an inline one, its parameters, the formats wanted.
 */
export class GenerateReportRequest {
    definition;
    definitionVersion;
    inlineDefinition;
    parameters;
    formats;
    locale;
    timeZone;
    currency;
    /** Requests with the same key produce one run. Default: the message id. */
    idempotencyKey;
    requestedBy;
    correlationId;
}
__decorate([
    ValidateIf((request) => request.inlineDefinition === undefined),
    Matches(DEFINITION_NAME, { message: 'definition must name a stored definition (or give inlineDefinition)' }),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "definition", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], GenerateReportRequest.prototype, "definitionVersion", void 0);
__decorate([
    ValidateIf((request) => request.definition === undefined),
    ValidateNested(),
    Type(() => DefinitionInput),
    __metadata("design:type", DefinitionInput)
], GenerateReportRequest.prototype, "inlineDefinition", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], GenerateReportRequest.prototype, "parameters", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayNotEmpty(),
    IsIn(REPORT_FORMATS, { each: true, message: `each format must be one of ${REPORT_FORMATS.join(', ')}` }),
    __metadata("design:type", Array)
], GenerateReportRequest.prototype, "formats", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(2, 35),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "locale", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 64),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "timeZone", void 0);
__decorate([
    IsOptional(),
    Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' }),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "currency", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "idempotencyKey", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "requestedBy", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], GenerateReportRequest.prototype, "correlationId", void 0);
//# sourceMappingURL=generate-report.request.js.map