import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import semver from 'semver';
import { ErrorCode, PorticoError } from '../common/errors.js';
import { SDK_VERSION, type PluginConfigSchema, type PluginDefinition, type PluginManifest } from '../plugin-sdk/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const KEBAB_ID = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

const objectSchemaShape = {
  type: 'object',
  required: ['type', 'properties'],
  properties: { type: { const: 'object' }, properties: { type: 'object' } },
};

const manifestShape = {
  type: 'object',
  required: ['id', 'kind', 'version', 'sdk', 'displayName', 'description', 'configSchema'],
  properties: {
    id: { type: 'string', pattern: KEBAB_ID, maxLength: 64 },
    kind: { enum: ['provider', 'guard'] },
    version: { type: 'string' },
    sdk: { type: 'string' },
    displayName: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    configSchema: objectSchemaShape,
    bindingSchema: objectSchemaShape,
    priority: { type: 'integer' },
  },
  if: { properties: { kind: { const: 'guard' } } },
  then: { required: ['priority'] },
};

/** Config schemas compile in strict mode, so a typo in a keyword is a manifest error. */
export function createSchemaCompiler(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
  addFormats(ajv);
  return ajv;
}

export type SchemaProblem = { path: string; message: string };

export function describeAjvErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => {
    const base = error.instancePath || '/';
    const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
    const path = missing ? `${error.instancePath}${missing}` : base;
    return { path, message: error.message ?? error.keyword };
  });
}

function invalid(label: string, problem: string, details: Record<string, unknown> = {}): PorticoError {
  return new PorticoError(ErrorCode.PLUGIN_MANIFEST_INVALID, `plugin ${label}: ${problem}`, {
    details: { plugin: label, ...details },
  });
}

/** Every property, at every depth, must explain itself (STYLE rule 3). */
export function findUndescribedProperties(schema: unknown, path = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found: string[] = [];
  const properties = node.properties;
  if (properties && typeof properties === 'object') {
    for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
      const propertyPath = `${path}/${name}`;
      const description = (property as { description?: unknown } | null)?.description;
      if (typeof description !== 'string' || description.trim() === '') found.push(propertyPath);
      found.push(...findUndescribedProperties(property, propertyPath));
    }
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (node[key] && typeof node[key] === 'object') found.push(...findUndescribedProperties(node[key], `${path}/${key}`));
  }
  return found;
}

/**
 * Checks a module's exported definition: a manifest with the right fields, a valid semver version
 * and sdk range, described config properties, and a `create` function.
 */
export class ManifestChecker {
  private readonly validateShape: ValidateFunction;

  constructor(private readonly ajv: Ajv) {
    this.validateShape = new Ajv({ allErrors: true, strict: false }).compile(manifestShape);
  }

  checkDefinition(label: string, definition: Record<string, unknown>): PluginDefinition {
    const manifest = definition.manifest;
    if (!this.validateShape(manifest)) {
      const problems = describeAjvErrors(this.validateShape.errors);
      const list = problems.map((problem) => `${problem.path} ${problem.message}`).join('; ');
      throw invalid(label, `manifest is invalid: ${list}`, { problems });
    }
    const checked = manifest as PluginManifest;
    if (!semver.valid(checked.version)) throw invalid(label, `version "${checked.version}" is not semver`);
    if (!semver.validRange(checked.sdk)) throw invalid(label, `sdk range "${checked.sdk}" is not a semver range`);
    this.checkSchema(label, 'configSchema', checked.configSchema);
    if (checked.kind === 'guard' && checked.bindingSchema) this.checkSchema(label, 'bindingSchema', checked.bindingSchema);
    if (typeof definition.create !== 'function') throw invalid(label, 'the definition has no create() function');
    return definition as unknown as PluginDefinition;
  }

  checkSdk(label: string, manifest: PluginManifest): void {
    if (semver.satisfies(SDK_VERSION, manifest.sdk, { includePrerelease: true })) return;
    throw new PorticoError(
      ErrorCode.PLUGIN_SDK_INCOMPATIBLE,
      `plugin ${label} needs SDK ${manifest.sdk}, this host provides ${SDK_VERSION}`,
      { details: { plugin: label, required: manifest.sdk, provided: SDK_VERSION } },
    );
  }

  /** Validates and returns a copy of `config` with the schema's defaults applied. */
  validateConfig(label: string, schema: PluginConfigSchema, config: unknown): Record<string, unknown> {
    const copy = config === undefined ? {} : structuredClone(config);
    const validate = this.ajv.compile(schema);
    if (validate(copy)) return copy as Record<string, unknown>;
    const problems = describeAjvErrors(validate.errors);
    const list = problems.map((problem) => `${problem.path} ${problem.message}`).join('; ');
    throw new PorticoError(ErrorCode.PLUGIN_CONFIG_INVALID, `plugin ${label}: config is invalid: ${list}`, {
      details: { plugin: label, problems },
    });
  }

  private checkSchema(label: string, field: string, schema: PluginConfigSchema): void {
    const undescribed = findUndescribedProperties(schema);
    if (undescribed.length > 0) {
      throw invalid(label, `${field} properties without a description: ${undescribed.join(', ')}`, { undescribed });
    }
    try {
      this.ajv.compile(schema);
    } catch (error) {
      throw invalid(label, `${field} does not compile: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
