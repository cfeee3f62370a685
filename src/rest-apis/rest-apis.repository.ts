import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import type { ApiVersionState, ApiVisibility } from '../prompt-apis/api-product-catalog';

export interface RestApiRow {
  /** The API product's id (subscriptions and call logs name it). */
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string | null;
  readonly tags: readonly string[];
  readonly visibility: ApiVisibility;
  readonly latestVersion: number;
  /** The header the upstream credential is sent in; null: no credential. */
  readonly credentialHeader: string | null;
  /** The credential sealed with the SecretBox (never leaves the process unsealed). */
  readonly credentialSealed: string | null;
  readonly credentialHint: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RestVersionRow {
  readonly id: string;
  readonly productId: string;
  readonly number: number;
  readonly baseUrl: string;
  readonly document: Record<string, unknown>;
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

export type RestApiValues = Pick<RestApiRow, 'slug' | 'title' | 'description' | 'tags' | 'visibility'>;
export type RestCredential = { readonly header: string; readonly sealed: string; readonly hint: string } | null;
export type RestVersionMove = Partial<Pick<RestVersionRow, 'approvalRequestId' | 'publishedAt' | 'deprecatedAt' | 'sunsetAt' | 'retiredAt' | 'successorVersion'>>;

const API_COLUMNS = `p.id, p.workspace_id, p.slug, p.title, p.description, p.tags, p.visibility, p.latest_version, p.created_by, p.created_at, p.updated_at,
  r.credential_header, r.credential_enc, r.credential_hint`;
const API_FROM = `api_products p JOIN rest_apis r ON r.product_id = p.id`;
const VERSION_COLUMNS = `id, product_id, number, base_url, openapi, state, approval_request_id, published_at, deprecated_at, sunset_at, retired_at, successor_version, created_by, created_at, updated_at`;
const MOVE_COLUMNS: Record<keyof RestVersionMove, string> = {
  approvalRequestId: 'approval_request_id',
  publishedAt: 'published_at',
  deprecatedAt: 'deprecated_at',
  sunsetAt: 'sunset_at',
  retiredAt: 'retired_at',
  successorVersion: 'successor_version',
};

/**
 * The only code that touches `rest_apis`, `rest_api_versions` and the `kind = 'rest'` rows of
 * `api_products`. Every read is scoped by workspace; every write publishes a `rest_apis` change in
 * its transaction, so the catalog reloads the workspace on commit.
 */
@Injectable()
export class RestApisRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async list(workspaceId: string): Promise<RestApiRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${API_COLUMNS} FROM ${API_FROM} WHERE p.workspace_id = $1 AND p.kind = 'rest' ORDER BY p.slug`, [workspaceId]);
    return rows.map(toApi);
  }

  async find(manager: EntityManager, workspaceId: string, slug: string, lock = false): Promise<RestApiRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${API_COLUMNS} FROM ${API_FROM} WHERE p.workspace_id = $1 AND p.slug = $2 AND p.kind = 'rest'${lock ? ' FOR UPDATE OF p, r' : ''}`, [workspaceId, slug]);
    return rows[0] && toApi(rows[0]);
  }

  async findById(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<RestApiRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${API_COLUMNS} FROM ${API_FROM} WHERE p.workspace_id = $1 AND p.id = $2 AND p.kind = 'rest'${lock ? ' FOR UPDATE OF p, r' : ''}`, [workspaceId, id]);
    return rows[0] && toApi(rows[0]);
  }

  /** The product row (shared with prompt APIs, so slugs are unique across both kinds) and its upstream row. */
  async insert(manager: EntityManager, workspaceId: string, values: RestApiValues, credential: RestCredential, createdBy: string): Promise<RestApiRow> {
    const products: Record<string, unknown>[] = await manager.query(
      `INSERT INTO api_products (workspace_id, slug, title, description, tags, visibility, created_by, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, 'rest') RETURNING id`,
      [workspaceId, values.slug, values.title, values.description, values.tags, values.visibility, createdBy],
    );
    const id = String(products[0]!.id);
    await manager.query(`INSERT INTO rest_apis (product_id, credential_header, credential_enc, credential_hint) VALUES ($1, $2, $3, $4)`, [id, credential?.header ?? null, credential?.sealed ?? null, credential?.hint ?? null]);
    await this.changed(manager, workspaceId, id);
    return (await this.findById(manager, workspaceId, id))!;
  }

  async update(manager: EntityManager, api: RestApiRow, values: Omit<RestApiValues, 'slug'>, credential: RestCredential | undefined): Promise<RestApiRow> {
    await manager.query(`UPDATE api_products SET title = $3, description = $4, tags = $5, visibility = $6, updated_at = now() WHERE workspace_id = $1 AND id = $2 AND kind = 'rest'`, [
      api.workspaceId,
      api.id,
      values.title,
      values.description,
      values.tags,
      values.visibility,
    ]);
    if (credential !== undefined) {
      await manager.query(`UPDATE rest_apis SET credential_header = $2, credential_enc = $3, credential_hint = $4, updated_at = now() WHERE product_id = $1`, [
        api.id,
        credential?.header ?? null,
        credential?.sealed ?? null,
        credential?.hint ?? null,
      ]);
    }
    await this.changed(manager, api.workspaceId, api.id);
    return (await this.findById(manager, api.workspaceId, api.id))!;
  }

  async delete(manager: EntityManager, api: RestApiRow): Promise<void> {
    await manager.query(`DELETE FROM api_products WHERE workspace_id = $1 AND id = $2 AND kind = 'rest'`, [api.workspaceId, api.id]);
    await this.changed(manager, api.workspaceId, api.id);
  }

  async versions(manager: EntityManager, productIds: readonly string[]): Promise<RestVersionRow[]> {
    if (productIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM rest_api_versions WHERE product_id = ANY($1) ORDER BY product_id, number`, [productIds]);
    return rows.map(toVersion);
  }

  async version(manager: EntityManager, productId: string, number: number, lock = false): Promise<RestVersionRow | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${VERSION_COLUMNS} FROM rest_api_versions WHERE product_id = $1 AND number = $2${lock ? ' FOR UPDATE' : ''}`, [productId, number]);
    return rows[0] && toVersion(rows[0]);
  }

  /** Appends version `latest + 1` of an API locked by the caller, as a draft. */
  async insertVersion(manager: EntityManager, api: RestApiRow, source: { baseUrl: string; document: Record<string, unknown> }, createdBy: string): Promise<RestVersionRow> {
    const number = api.latestVersion + 1;
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO rest_api_versions (product_id, number, base_url, openapi, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${VERSION_COLUMNS}`,
      [api.id, number, source.baseUrl, JSON.stringify(source.document), createdBy],
    );
    await manager.query(`UPDATE api_products SET latest_version = $2, updated_at = now() WHERE id = $1`, [api.id, number]);
    await this.changed(manager, api.workspaceId, api.id);
    return toVersion(rows[0]!);
  }

  async moveVersion(manager: EntityManager, api: RestApiRow, version: RestVersionRow, state: ApiVersionState, move: RestVersionMove = {}): Promise<RestVersionRow> {
    const entries = Object.entries(move) as [keyof RestVersionMove, unknown][];
    const sets = entries.map(([field], index) => `${MOVE_COLUMNS[field]} = $${index + 4}`);
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH v AS (UPDATE rest_api_versions SET state = $3, ${[...sets, 'updated_at = now()'].join(', ')} WHERE product_id = $1 AND id = $2 RETURNING ${VERSION_COLUMNS}) SELECT * FROM v`,
      [api.id, version.id, state, ...entries.map(([, value]) => value)],
    );
    await this.changed(manager, api.workspaceId, api.id);
    return toVersion(rows[0]!);
  }

  /** APIs with at least one non-draft version, with those versions. */
  async loadCatalog(workspaceIds?: readonly string[]): Promise<{ apis: RestApiRow[]; versions: RestVersionRow[] }> {
    const scope = workspaceIds ? `AND p.workspace_id = ANY($1)` : '';
    const params = workspaceIds ? [workspaceIds] : [];
    const versions: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS.split(', ').map((column) => `v.${column}`).join(', ')}
         FROM rest_api_versions v JOIN api_products p ON p.id = v.product_id
        WHERE v.state IN ('published', 'deprecated', 'retired') ${scope}
        ORDER BY v.product_id, v.number`,
      params,
    );
    const ids = [...new Set(versions.map((row) => String(row.product_id)))];
    const apis: Record<string, unknown>[] = ids.length === 0 ? [] : await this.dataSource.query(`SELECT ${API_COLUMNS} FROM ${API_FROM} WHERE p.id = ANY($1)`, [ids]);
    return { apis: apis.map(toApi), versions: versions.map(toVersion) };
  }

  private changed(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    return publishChange(manager, { topic: 'rest_apis', id, workspaceId });
  }
}

function toApi(row: Record<string, unknown>): RestApiRow {
  return {
    id: String(row.id),
    workspaceId: String(row.workspace_id),
    slug: String(row.slug),
    title: String(row.title),
    description: (row.description as string | null) ?? null,
    tags: (row.tags as string[]) ?? [],
    visibility: row.visibility as ApiVisibility,
    latestVersion: Number(row.latest_version),
    credentialHeader: (row.credential_header as string | null) ?? null,
    credentialSealed: (row.credential_enc as string | null) ?? null,
    credentialHint: (row.credential_hint as string | null) ?? null,
    createdBy: String(row.created_by),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function toVersion(row: Record<string, unknown>): RestVersionRow {
  return {
    id: String(row.id),
    productId: String(row.product_id),
    number: Number(row.number),
    baseUrl: String(row.base_url),
    document: row.openapi as Record<string, unknown>,
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
