import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReportDefinition } from './report-definition.schema.js';

const DUPLICATE_KEY = 11000;

export type DefinitionInput = Omit<ReportDefinition, 'version' | 'createdAt'>;

/** `report_definitions`: every saved version of every definition; the highest version is current. */
@Injectable()
export class ReportDefinitionsRepository {
  constructor(@InjectModel(ReportDefinition.name) private readonly definitions: Model<ReportDefinition>) {}

  /** The named definition at `version`, or its latest version. */
  async find(name: string, version?: number): Promise<ReportDefinition | null> {
    const query = version === undefined ? { name } : { name, version };
    return this.definitions.findOne(query).sort({ version: -1 }).lean<ReportDefinition>().exec();
  }

  /** The latest version of each definition, by name. */
  async listLatest(): Promise<ReportDefinition[]> {
    // Sorted scan rather than $group/$first, which FerretDB (used in tests) lacks.
    const all = await this.definitions.find().sort({ name: 1, version: -1 }).lean<ReportDefinition[]>().exec();
    return all.filter((definition, index) => index === 0 || all[index - 1].name !== definition.name);
  }

  /** Saves a new version (previous versions stay, for runs that used them). */
  async saveNewVersion(input: DefinitionInput): Promise<ReportDefinition> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.find(input.name);
      const definition = { ...input, version: (latest?.version ?? 0) + 1, createdAt: new Date() };
      try {
        const created = await this.definitions.create(definition);
        return created.toObject<ReportDefinition>();
      } catch (error) {
        // Two saves of one name raced for the same version number: take the next.
        if ((error as { code?: number }).code !== DUPLICATE_KEY || attempt >= 3) throw error;
      }
    }
  }
}
