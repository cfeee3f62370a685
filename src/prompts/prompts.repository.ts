import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import type { LabelTarget } from './labels/label-split';
import type { MessageTemplate } from './templates/prompt-template';
import type { JsonSchema } from './templates/prompt-variables';
import type { PromptParameters, PromptVersion } from './versions/prompt-version';

export interface PromptRow {
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string | null;
  readonly latestVersion: number;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface LabelRow {
  readonly promptId: string;
  readonly name: string;
  readonly targets: readonly LabelTarget[];
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export type VersionValues = Pick<PromptVersion, 'messages' | 'model' | 'parameters' | 'inputSchema' | 'outputSchema' | 'commitMessage'>;

/** Everything the data plane's snapshot holds for some workspaces. */
export interface RegistryRows {
  readonly prompts: PromptRow[];
  readonly versions: PromptVersion[];
  readonly labels: LabelRow[];
}

interface Row {
  id: string;
  workspace_id: string;
  slug: string;
  name: string;
  description: string | null;
  latest_version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

interface VersionRow {
  id: string;
  prompt_id: string;
  number: number;
  messages: MessageTemplate[];
  model: string;
  parameters: PromptParameters;
  input_schema: JsonSchema;
  output_schema: JsonSchema | null;
  commit_message: string;
  author: string;
  created_at: Date;
}

interface LabelDbRow {
  prompt_id: string;
  name: string;
  targets: LabelTarget[];
  updated_by: string;
  updated_at: Date;
}

const COLUMNS = `id, workspace_id, slug, name, description, latest_version, created_by, created_at, updated_at`;
const VERSION_COLUMNS = `v.id, v.prompt_id, v.number, v.messages, v.model, v.parameters, v.input_schema, v.output_schema, v.commit_message, v.author, v.created_at`;
/** A label's targets with each version's number beside its id (the row stores ids and weights). */
const LABEL_SELECT = `
  SELECT l.prompt_id, l.name, l.updated_by, l.updated_at,
         (SELECT jsonb_agg(jsonb_build_object('versionId', v.id, 'version', v.number, 'weight', (t.value ->> 'weight')::integer) ORDER BY t.ordinality)
            FROM jsonb_array_elements(l.targets) WITH ORDINALITY AS t (value, ordinality)
            JOIN prompt_versions v ON v.id = (t.value ->> 'versionId')::uuid) AS targets
    FROM prompt_labels l`;

/**
 * The only code that touches `prompts`, `prompt_versions` and `prompt_labels`. Every write publishes
 * a `prompts` change in its transaction, so the data plane's snapshot reloads the workspace on commit.
 */
@Injectable()
export class PromptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async list(workspaceId: string): Promise<PromptRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM prompts WHERE workspace_id = $1 ORDER BY slug`, [workspaceId]);
    return rows.map(toPrompt);
  }

  async find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<PromptRow | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM prompts WHERE workspace_id = $1 AND slug = $2${lock ? ' FOR UPDATE' : ''}`, [workspaceId, slug]);
    return rows[0] && toPrompt(rows[0]);
  }

  async findById(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<PromptRow | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM prompts WHERE workspace_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
    return rows[0] && toPrompt(rows[0]);
  }

  async insert(manager: EntityManager, workspaceId: string, values: Pick<PromptRow, 'slug' | 'name' | 'description'>, createdBy: string): Promise<PromptRow> {
    const rows: Row[] = await manager.query(
      `INSERT INTO prompts (workspace_id, slug, name, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [workspaceId, values.slug, values.name, values.description, createdBy],
    );
    await publishChange(manager, { topic: 'prompts', id: rows[0]!.id, workspaceId });
    return toPrompt(rows[0]!);
  }

  async update(manager: EntityManager, prompt: PromptRow, values: Pick<PromptRow, 'name' | 'description'>): Promise<PromptRow> {
    // As a CTE, so the driver answers rows (a bare UPDATE … RETURNING answers [rows, count]).
    const rows: Row[] = await manager.query(
      `WITH updated AS (UPDATE prompts SET name = $3, description = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}) SELECT * FROM updated`,
      [prompt.workspaceId, prompt.id, values.name, values.description],
    );
    await publishChange(manager, { topic: 'prompts', id: prompt.id, workspaceId: prompt.workspaceId });
    return toPrompt(rows[0]!);
  }

  /** The API versions (any state) a prompt serves: while there is one, the prompt stays. */
  async backedApiVersions(manager: EntityManager, prompt: PromptRow): Promise<{ apiProduct: string; version: number; state: string }[]> {
    const rows: { slug: string; number: number; state: string }[] = await manager.query(
      `SELECT p.slug, v.number, v.state FROM api_product_versions v JOIN api_products p ON p.id = v.product_id WHERE v.prompt_id = $1 ORDER BY p.slug, v.number`,
      [prompt.id],
    );
    return rows.map((row) => ({ apiProduct: row.slug, version: Number(row.number), state: row.state }));
  }

  /** Deletes the prompt; its versions and labels go with it (cascade, which the version trigger allows). */
  async delete(manager: EntityManager, prompt: PromptRow): Promise<void> {
    await manager.query(`DELETE FROM prompts WHERE workspace_id = $1 AND id = $2`, [prompt.workspaceId, prompt.id]);
    await publishChange(manager, { topic: 'prompts', id: prompt.id, workspaceId: prompt.workspaceId });
  }

  /** Appends version `latest + 1` of a prompt locked by the caller, and moves the prompt's counter. */
  async insertVersion(manager: EntityManager, prompt: PromptRow, values: VersionValues, author: string): Promise<PromptVersion> {
    const number = prompt.latestVersion + 1;
    const rows: VersionRow[] = await manager.query(
      `INSERT INTO prompt_versions AS v (prompt_id, number, messages, model, parameters, input_schema, output_schema, commit_message, author)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${VERSION_COLUMNS}`,
      [
        prompt.id,
        number,
        JSON.stringify(values.messages),
        values.model,
        JSON.stringify(values.parameters),
        JSON.stringify(values.inputSchema),
        values.outputSchema === null ? null : JSON.stringify(values.outputSchema),
        values.commitMessage,
        author,
      ],
    );
    await manager.query(`UPDATE prompts SET latest_version = $2, updated_at = now() WHERE id = $1`, [prompt.id, number]);
    await publishChange(manager, { topic: 'prompts', id: prompt.id, workspaceId: prompt.workspaceId });
    return toVersion(rows[0]!);
  }

  async versions(manager: EntityManager, promptId: string): Promise<PromptVersion[]> {
    const rows: VersionRow[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = $1 ORDER BY v.number`, [promptId]);
    return rows.map(toVersion);
  }

  async version(manager: EntityManager, promptId: string, number: number): Promise<PromptVersion | undefined> {
    const rows: VersionRow[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = $1 AND v.number = $2`, [promptId, number]);
    return rows[0] && toVersion(rows[0]);
  }

  /** The versions of a prompt with these numbers (unknown numbers are simply absent). */
  async versionsNumbered(manager: EntityManager, promptId: string, numbers: readonly number[]): Promise<PromptVersion[]> {
    const rows: VersionRow[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = $1 AND v.number = ANY($2::integer[])`, [promptId, numbers]);
    return rows.map(toVersion);
  }

  async labels(manager: EntityManager, promptId: string): Promise<LabelRow[]> {
    const rows: LabelDbRow[] = await manager.query(`${LABEL_SELECT} WHERE l.prompt_id = $1 ORDER BY l.name`, [promptId]);
    return rows.map(toLabel);
  }

  /** The labels of several prompts at once, by prompt id. */
  async labelsOf(manager: EntityManager, promptIds: readonly string[]): Promise<Map<string, LabelRow[]>> {
    const rows: LabelDbRow[] = promptIds.length === 0 ? [] : await manager.query(`${LABEL_SELECT} WHERE l.prompt_id = ANY($1::uuid[]) ORDER BY l.name`, [promptIds]);
    const byPrompt = new Map<string, LabelRow[]>();
    for (const row of rows) byPrompt.set(row.prompt_id, [...(byPrompt.get(row.prompt_id) ?? []), toLabel(row)]);
    return byPrompt;
  }

  async label(manager: EntityManager, promptId: string, name: string, lock = false): Promise<LabelRow | undefined> {
    const rows: LabelDbRow[] = await manager.query(`${LABEL_SELECT} WHERE l.prompt_id = $1 AND l.name = $2${lock ? ' FOR UPDATE OF l' : ''}`, [promptId, name]);
    return rows[0] && toLabel(rows[0]);
  }

  /** Points a label at its targets (creating it on first use); the database checks the targets and weights. */
  async moveLabel(manager: EntityManager, prompt: Pick<PromptRow, 'id' | 'workspaceId'>, name: string, targets: readonly LabelTarget[], movedBy: string): Promise<LabelRow> {
    const stored = JSON.stringify(targets.map((target) => ({ versionId: target.versionId, weight: target.weight })));
    await manager.query(
      `INSERT INTO prompt_labels (prompt_id, name, targets, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (prompt_id, name) DO UPDATE SET targets = EXCLUDED.targets, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [prompt.id, name, stored, movedBy],
    );
    await publishChange(manager, { topic: 'prompts', id: prompt.id, workspaceId: prompt.workspaceId });
    return (await this.label(manager, prompt.id, name))!;
  }

  /** Prompts, versions and labels of some workspaces (all when `workspaceIds` is undefined), for the snapshot. */
  async loadRegistry(workspaceIds?: readonly string[]): Promise<RegistryRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const scope = workspaceIds ? `WHERE p.workspace_id = ANY($1::uuid[])` : '';
      const params = workspaceIds ? [workspaceIds] : [];
      const prompts: Row[] = await manager.query(`SELECT ${COLUMNS} FROM prompts p ${scope}`, params);
      const versions: VersionRow[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id ${scope}`, params);
      const labels: LabelDbRow[] = await manager.query(`${LABEL_SELECT} JOIN prompts p ON p.id = l.prompt_id ${scope}`, params);
      return { prompts: prompts.map(toPrompt), versions: versions.map(toVersion), labels: labels.map(toLabel) };
    });
  }
}

function toPrompt(row: Row): PromptRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    latestVersion: row.latest_version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toVersion(row: VersionRow): PromptVersion {
  return {
    id: row.id,
    promptId: row.prompt_id,
    number: row.number,
    messages: row.messages,
    model: row.model,
    parameters: row.parameters,
    inputSchema: row.input_schema,
    outputSchema: row.output_schema,
    commitMessage: row.commit_message,
    author: row.author,
    createdAt: row.created_at,
  };
}

function toLabel(row: LabelDbRow): LabelRow {
  return { promptId: row.prompt_id, name: row.name, targets: row.targets ?? [], updatedBy: row.updated_by, updatedAt: row.updated_at };
}
