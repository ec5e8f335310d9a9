import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReportDefinition, type StoredDefinition } from './report-definition.schema.js';

const DUPLICATE_KEY = 11000;

export type DefinitionInput = Omit<StoredDefinition, 'version' | 'createdAt'>;

/** `report_definitions`: every saved version of every definition; the highest version is current. */
@Injectable()
export class ReportDefinitionsRepository {
  constructor(
    @InjectModel(ReportDefinition.name) private readonly definitions: Model<ReportDefinition>,
  ) {}

  /** The named definition at `version`, or its latest version. */
  async find(name: string, version?: number): Promise<StoredDefinition | null> {
    const query = version === undefined ? { name } : { name, version };
    const found = await this.definitions
      .findOne(query)
      .sort({ version: -1 })
      .lean<ReportDefinition>()
      .exec();
    return found && toStored(found);
  }

  /** The latest version of each definition, by name. */
  async listLatest(): Promise<StoredDefinition[]> {
    // Sorted scan rather than $group/$first, which FerretDB (used in tests) lacks.
    const all = await this.definitions
      .find()
      .sort({ name: 1, version: -1 })
      .lean<ReportDefinition[]>()
      .exec();
    return all
      .filter((definition, index) => index === 0 || all[index - 1].name !== definition.name)
      .map(toStored);
  }

  /** Saves a new version (previous versions stay, for runs that used them). */
  async saveNewVersion(input: DefinitionInput): Promise<StoredDefinition> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.find(input.name);
      const { pipeline, ...rest } = input;
      const definition = {
        ...rest,
        pipelineJson: JSON.stringify(pipeline),
        version: (latest?.version ?? 0) + 1,
        createdAt: new Date(),
      };
      try {
        const created = await this.definitions.create(definition);
        return toStored(created.toObject<ReportDefinition>());
      } catch (error) {
        // Two saves of one name raced for the same version number: take the next.
        if ((error as { code?: number }).code !== DUPLICATE_KEY || attempt >= 3) throw error;
      }
    }
  }
}

function toStored({
  pipelineJson,
  ...definition
}: ReportDefinition & { _id?: unknown }): StoredDefinition {
  const { _id, ...rest } = definition;
  void _id;
  return { ...rest, pipeline: JSON.parse(pipelineJson) as Record<string, unknown>[] };
}
