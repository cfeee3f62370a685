import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import type { JsonSchema } from '../prompts/templates/prompt-variables';
import type { ApiOutputFormat, ApiVersionState, ApiVisibility } from './api-product-catalog';

export interface ApiProductRow {
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string | null;
  readonly tags: readonly string[];
  readonly visibility: ApiVisibility;
  readonly latestVersion: number;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ApiVersionRow {
  readonly id: string;
  readonly productId: string;
  readonly number: number;
  readonly promptId: string;
  /** The prompt's slug (a slug never changes). */
  readonly promptSlug: string;
  readonly promptVersion: number | null;
  readonly promptLabel: string | null;
  readonly output: ApiOutputFormat;
  readonly state: ApiVersionState;
  readonly approvalRequestId: string | null;
  readonly publishedAt: Date | null;
  readonly deprecatedAt: Date | null;
  readonly sunsetAt: Date | null;
  readonly retiredAt: Date | null;
  readonly successorVersion: number | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A non-draft version with what the catalog needs from its prompt version (immutable rows). */
export interface CatalogVersionRow extends ApiVersionRow {
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema | null;
}

export type ProductValues = Pick<ApiProductRow, 'slug' | 'title' | 'description' | 'tags' | 'visibility'>;
export type VersionSource = Pick<ApiVersionRow, 'promptId' | 'promptVersion' | 'promptLabel' | 'output'>;
/** What a lifecycle move changes besides the state. */
export type VersionMove = Partial<Pick<ApiVersionRow, 'promptVersion' | 'approvalRequestId' | 'publishedAt' | 'deprecatedAt' | 'sunsetAt' | 'retiredAt' | 'successorVersion'>>;

const PRODUCT_COLUMNS = `id, workspace_id, slug, title, description, tags, visibility, latest_version, created_by, created_at, updated_at`;
const VERSION_COLUMNS = `id, product_id, number, prompt_id, prompt_version, prompt_label, output, state, approval_request_id, published_at, deprecated_at, sunset_at, retired_at, successor_version, created_by, created_at, updated_at`;
/** Version rows (`v`, or a CTE aliased `v`) with their prompt's slug. */
const withSlug = (from: string) => `SELECT v.*, pr.slug AS prompt_slug FROM ${from} JOIN prompts pr ON pr.id = v.prompt_id`;
const MOVE_COLUMNS: Record<keyof VersionMove, string> = {
  promptVersion: 'prompt_version',
  approvalRequestId: 'approval_request_id',
  publishedAt: 'published_at',
  deprecatedAt: 'deprecated_at',
  sunsetAt: 'sunset_at',
  retiredAt: 'retired_at',
  successorVersion: 'successor_version',
};

/**
 * The only code that touches `api_products` (its `kind = 'prompt'` rows; REST APIs own the others) and
 * `api_product_versions`. Every write publishes an
 * `api_products` change in its transaction, so the catalog reloads the workspace on commit.
 */
@Injectable()
export class PromptApisRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async list(workspaceId: string): Promise<ApiProductRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${PRODUCT_COLUMNS} FROM api_products WHERE workspace_id = $1 AND kind = 'prompt' ORDER BY slug`, [workspaceId]);
    return rows.map(toProduct);
  }

  async find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<ApiProductRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${PRODUCT_COLUMNS} FROM api_products WHERE workspace_id = $1 AND slug = $2 AND kind = 'prompt'${lock ? ' FOR UPDATE' : ''}`, [workspaceId, slug]);
    return rows[0] && toProduct(rows[0]);
  }

  async findById(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<ApiProductRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${PRODUCT_COLUMNS} FROM api_products WHERE workspace_id = $1 AND id = $2 AND kind = 'prompt'${lock ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
    return rows[0] && toProduct(rows[0]);
  }

  async insert(manager: EntityManager, workspaceId: string, values: ProductValues, createdBy: string): Promise<ApiProductRow> {
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO api_products (workspace_id, slug, title, description, tags, visibility, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PRODUCT_COLUMNS}`,
      [workspaceId, values.slug, values.title, values.description, values.tags, values.visibility, createdBy],
    );
    await this.changed(manager, workspaceId, String(rows[0]!.id));
    return toProduct(rows[0]!);
  }

  async update(manager: EntityManager, product: ApiProductRow, values: Omit<ProductValues, 'slug'>): Promise<ApiProductRow> {
    // As a CTE, so the driver answers rows (a bare UPDATE … RETURNING answers [rows, count]).
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH updated AS (UPDATE api_products SET title = $3, description = $4, tags = $5, visibility = $6, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${PRODUCT_COLUMNS}) SELECT * FROM updated`,
      [product.workspaceId, product.id, values.title, values.description, values.tags, values.visibility],
    );
    await this.changed(manager, product.workspaceId, product.id);
    return toProduct(rows[0]!);
  }

  async delete(manager: EntityManager, product: ApiProductRow): Promise<void> {
    await manager.query(`DELETE FROM api_products WHERE workspace_id = $1 AND id = $2`, [product.workspaceId, product.id]);
    await this.changed(manager, product.workspaceId, product.id);
  }

  async versions(manager: EntityManager, productIds: readonly string[]): Promise<ApiVersionRow[]> {
    if (productIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await manager.query(`${withSlug('api_product_versions v')} WHERE v.product_id = ANY($1) ORDER BY v.product_id, v.number`, [productIds]);
    return rows.map(toVersion);
  }

  async version(manager: EntityManager, productId: string, number: number, lock = false): Promise<ApiVersionRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`${withSlug('api_product_versions v')} WHERE v.product_id = $1 AND v.number = $2${lock ? ' FOR UPDATE OF v' : ''}`, [productId, number]);
    return rows[0] && toVersion(rows[0]);
  }

  /** Appends version `latest + 1` of a product locked by the caller, as a draft. */
  async insertVersion(manager: EntityManager, product: ApiProductRow, source: VersionSource, createdBy: string): Promise<ApiVersionRow> {
    const number = product.latestVersion + 1;
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH v AS (INSERT INTO api_product_versions (product_id, number, prompt_id, prompt_version, prompt_label, output, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VERSION_COLUMNS}) ${withSlug('v')}`,
      [product.id, number, source.promptId, source.promptVersion, source.promptLabel, source.output, createdBy],
    );
    await manager.query(`UPDATE api_products SET latest_version = $2, updated_at = now() WHERE id = $1`, [product.id, number]);
    await this.changed(manager, product.workspaceId, product.id);
    return toVersion(rows[0]!);
  }

  /** Replaces a draft's source (prompt, version or label, output); the caller checked it is a draft and locked it. */
  async updateDraft(manager: EntityManager, product: ApiProductRow, version: ApiVersionRow, source: VersionSource): Promise<ApiVersionRow> {
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH v AS (UPDATE api_product_versions SET prompt_id = $3, prompt_version = $4, prompt_label = $5, output = $6, updated_at = now()
                   WHERE product_id = $1 AND id = $2 AND state = 'draft' RETURNING ${VERSION_COLUMNS}) ${withSlug('v')}`,
      [product.id, version.id, source.promptId, source.promptVersion, source.promptLabel, source.output],
    );
    await this.changed(manager, product.workspaceId, product.id);
    return toVersion(rows[0]!);
  }

  /** Deletes a draft (its number is not reused: `latest_version` stays). */
  async deleteDraft(manager: EntityManager, product: ApiProductRow, version: ApiVersionRow): Promise<void> {
    await manager.query(`DELETE FROM api_product_versions WHERE product_id = $1 AND id = $2 AND state = 'draft'`, [product.id, version.id]);
    await this.changed(manager, product.workspaceId, product.id);
  }

  async moveVersion(manager: EntityManager, product: ApiProductRow, version: ApiVersionRow, state: ApiVersionState, move: VersionMove = {}): Promise<ApiVersionRow> {
    const entries = Object.entries(move) as [keyof VersionMove, unknown][];
    const sets = entries.map(([field], index) => `${MOVE_COLUMNS[field]} = $${index + 4}`);
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH v AS (UPDATE api_product_versions SET state = $3, ${[...sets, 'updated_at = now()'].join(', ')} WHERE product_id = $1 AND id = $2 RETURNING ${VERSION_COLUMNS}) ${withSlug('v')}`,
      [product.id, version.id, state, ...entries.map(([, value]) => value)],
    );
    await this.changed(manager, product.workspaceId, product.id);
    return toVersion(rows[0]!);
  }

  /** Products with at least one non-draft version, with those versions and their prompt versions' schemas. */
  async loadCatalog(workspaceIds?: readonly string[]): Promise<{ products: ApiProductRow[]; versions: CatalogVersionRow[] }> {
    const scope = workspaceIds ? `AND p.workspace_id = ANY($1)` : '';
    const params = workspaceIds ? [workspaceIds] : [];
    const versions: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS.split(', ').map((column) => `v.${column}`).join(', ')}, pr.slug AS prompt_slug, pv.input_schema, pv.output_schema
         FROM api_product_versions v
         JOIN api_products p ON p.id = v.product_id
         JOIN prompts pr ON pr.id = v.prompt_id
         JOIN prompt_versions pv ON pv.prompt_id = v.prompt_id AND pv.number = v.prompt_version
        WHERE v.state IN ('published', 'deprecated', 'retired') ${scope}
        ORDER BY v.product_id, v.number`,
      params,
    );
    const productIds = [...new Set(versions.map((row) => String(row.product_id)))];
    const products: Record<string, unknown>[] = productIds.length === 0 ? [] : await this.dataSource.query(`SELECT ${PRODUCT_COLUMNS} FROM api_products WHERE id = ANY($1)`, [productIds]);
    return {
      products: products.map(toProduct),
      versions: versions.map((row) => ({ ...toVersion(row), inputSchema: row.input_schema as JsonSchema, outputSchema: (row.output_schema as JsonSchema | null) ?? null })),
    };
  }

  private changed(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    return publishChange(manager, { topic: 'api_products', id, workspaceId });
  }
}

function toProduct(row: Record<string, unknown>): ApiProductRow {
  return {
    id: String(row.id),
    workspaceId: String(row.workspace_id),
    slug: String(row.slug),
    title: String(row.title),
    description: (row.description as string | null) ?? null,
    tags: (row.tags as string[]) ?? [],
    visibility: row.visibility as ApiVisibility,
    latestVersion: Number(row.latest_version),
    createdBy: String(row.created_by),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function toVersion(row: Record<string, unknown>): ApiVersionRow {
  return {
    id: String(row.id),
    productId: String(row.product_id),
    number: Number(row.number),
    promptId: String(row.prompt_id),
    promptSlug: String(row.prompt_slug),
    promptVersion: row.prompt_version === null ? null : Number(row.prompt_version),
    promptLabel: (row.prompt_label as string | null) ?? null,
    output: row.output as ApiOutputFormat,
    state: row.state as ApiVersionState,
    approvalRequestId: (row.approval_request_id as string | null) ?? null,
    publishedAt: (row.published_at as Date | null) ?? null,
    deprecatedAt: (row.deprecated_at as Date | null) ?? null,
    sunsetAt: (row.sunset_at as Date | null) ?? null,
    retiredAt: (row.retired_at as Date | null) ?? null,
    successorVersion: row.successor_version === null ? null : Number(row.successor_version),
    createdBy: String(row.created_by),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
