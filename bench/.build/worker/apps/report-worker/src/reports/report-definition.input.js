var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { PARAMETER_TYPES } from "../../../../libs/persistence/src/index.js";
import { REPORT_FORMATS } from "../../../../libs/rendering/src/index.js";
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested, } from 'class-validator';
export const COLUMN_TYPES = ['text', 'integer', 'number', 'money', 'percent', 'date', 'datetime'];
export class ColumnInput {
    key;
    header;
    type;
    align;
    decimals;
    width;
}
__decorate([
    IsString(),
    Length(1, 100),
    __metadata("design:type", String)
], ColumnInput.prototype, "key", void 0);
__decorate([
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], ColumnInput.prototype, "header", void 0);
__decorate([
    IsIn(COLUMN_TYPES),
    __metadata("design:type", Object)
], ColumnInput.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsIn(['left', 'center', 'right']),
    __metadata("design:type", String)
], ColumnInput.prototype, "align", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(0),
    Max(10),
    __metadata("design:type", Number)
], ColumnInput.prototype, "decimals", void 0);
__decorate([
    IsOptional(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], ColumnInput.prototype, "width", void 0);
export class ParameterInput {
    name;
    type;
    required;
    default;
    enum;
    description;
}
__decorate([
    Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'parameter names must be identifiers' }),
    __metadata("design:type", String)
], ParameterInput.prototype, "name", void 0);
__decorate([
    IsIn(PARAMETER_TYPES),
    __metadata("design:type", Object)
], ParameterInput.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsBoolean(),
    __metadata("design:type", Boolean)
], ParameterInput.prototype, "required", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", Object)
], ParameterInput.prototype, "default", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    IsString({ each: true }),
    __metadata("design:type", Array)
], ParameterInput.prototype, "enum", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], ParameterInput.prototype, "description", void 0);
/**
 * A report definition as written by a person: over HTTP (`PUT
 * /definitions/:name`) or inline in a `report.generate` message.
 */
export class DefinitionInput {
    title;
    description;
    sourceCollection;
    pipeline;
    parameters;
    columns;
    defaultFormats;
}
__decorate([
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], DefinitionInput.prototype, "title", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(0, 2000),
    __metadata("design:type", String)
], DefinitionInput.prototype, "description", void 0);
__decorate([
    IsString(),
    __metadata("design:type", String)
], DefinitionInput.prototype, "sourceCollection", void 0);
__decorate([
    IsArray(),
    ArrayMaxSize(50),
    __metadata("design:type", Array)
], DefinitionInput.prototype, "pipeline", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => ParameterInput),
    __metadata("design:type", Array)
], DefinitionInput.prototype, "parameters", void 0);
__decorate([
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(100),
    ValidateNested({ each: true }),
    Type(() => ColumnInput),
    __metadata("design:type", Array)
], DefinitionInput.prototype, "columns", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayNotEmpty(),
    IsIn(REPORT_FORMATS, { each: true }),
    __metadata("design:type", Array)
], DefinitionInput.prototype, "defaultFormats", void 0);
export const DEFINITION_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
//# sourceMappingURL=report-definition.input.js.map