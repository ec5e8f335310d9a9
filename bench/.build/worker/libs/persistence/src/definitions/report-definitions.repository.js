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
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportDefinition } from './report-definition.schema.js';
const DUPLICATE_KEY = 11000;
/** `report_definitions`: every saved version of every definition; the highest version is current. */
let ReportDefinitionsRepository = class ReportDefinitionsRepository {
    definitions;
    constructor(definitions) {
        this.definitions = definitions;
    }
    /** The named definition at `version`, or its latest version. */
    async find(name, version) {
        const query = version === undefined ? { name } : { name, version };
        const found = await this.definitions.findOne(query).sort({ version: -1 }).lean().exec();
        return found && toStored(found);
    }
    /** The latest version of each definition, by name. */
    async listLatest() {
        // Sorted scan rather than $group/$first, which FerretDB (used in tests) lacks.
        const all = await this.definitions.find().sort({ name: 1, version: -1 }).lean().exec();
        return all.filter((definition, index) => index === 0 || all[index - 1].name !== definition.name).map(toStored);
    }
    /** Saves a new version (previous versions stay, for runs that used them). */
    async saveNewVersion(input) {
        for (let attempt = 0;; attempt++) {
            const latest = await this.find(input.name);
            const { pipeline, ...rest } = input;
            const definition = { ...rest, pipelineJson: JSON.stringify(pipeline), version: (latest?.version ?? 0) + 1, createdAt: new Date() };
            try {
                const created = await this.definitions.create(definition);
                return toStored(created.toObject());
            }
            catch (error) {
                // Two saves of one name raced for the same version number: take the next.
                if (error.code !== DUPLICATE_KEY || attempt >= 3)
                    throw error;
            }
        }
    }
};
ReportDefinitionsRepository = __decorate([
    Injectable(),
    __param(0, InjectModel(ReportDefinition.name)),
    __metadata("design:paramtypes", [Function])
], ReportDefinitionsRepository);
export { ReportDefinitionsRepository };
function toStored({ pipelineJson, ...definition }) {
    const { _id, ...rest } = definition;
    void _id;
    return { ...rest, pipeline: JSON.parse(pipelineJson) };
}
//# sourceMappingURL=report-definitions.repository.js.map