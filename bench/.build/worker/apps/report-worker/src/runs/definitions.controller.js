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
import { ReportDefinitionsRepository } from "../../../../libs/persistence/src/index.js";
import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Put, UseGuards, ValidationPipe, } from '@nestjs/common';
import { definitionProblems } from '../reports/definition-rules.js';
import { DEFINITION_NAME, DefinitionInput } from '../reports/report-definition.input.js';
import { ApiTokenGuard } from './api-token.guard.js';
const definitionBody = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
let DefinitionsController = class DefinitionsController {
    definitions;
    constructor(definitions) {
        this.definitions = definitions;
    }
    async list() {
        return { definitions: await this.definitions.listLatest() };
    }
    async get(name) {
        const definition = await this.definitions.find(name);
        if (!definition)
            throw new NotFoundException(`No report definition named "${name}"`);
        return definition;
    }
    /** Saves a new version of the definition (earlier versions stay for the runs that used them). */
    async upsert(name, input) {
        if (!DEFINITION_NAME.test(name)) {
            throw new BadRequestException('definition names are lower-case letters, digits, ".", "_" and "-"');
        }
        const problems = definitionProblems(input);
        if (problems.length > 0)
            throw new BadRequestException({ message: 'Definition refused', problems });
        const saved = await this.definitions.saveNewVersion({
            ...input,
            name,
            parameters: input.parameters ?? [],
            defaultFormats: input.defaultFormats ?? ['csv'],
        });
        return { name: saved.name, version: saved.version };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], DefinitionsController.prototype, "list", null);
__decorate([
    Get(':name'),
    __param(0, Param('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], DefinitionsController.prototype, "get", null);
__decorate([
    Put(':name'),
    HttpCode(HttpStatus.CREATED),
    __param(0, Param('name')),
    __param(1, Body(definitionBody)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, DefinitionInput]),
    __metadata("design:returntype", Promise)
], DefinitionsController.prototype, "upsert", null);
DefinitionsController = __decorate([
    Controller('definitions'),
    UseGuards(ApiTokenGuard),
    __metadata("design:paramtypes", [ReportDefinitionsRepository])
], DefinitionsController);
export { DefinitionsController };
//# sourceMappingURL=definitions.controller.js.map