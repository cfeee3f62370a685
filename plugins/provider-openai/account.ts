import type { OpenAiAccountSettings } from './config.schema.js';

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new Error(`provider-openai account setting "${name}" must be a non-empty string`);
  return value;
}

function objectSetting(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`provider-openai account setting "${name}" must be an object`);
  return value as Record<string, unknown>;
}

function optionalStringMap(value: unknown, name: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  for (const [key, entry] of Object.entries(objectSetting(value, name))) optionalString(entry, `${name}.${key}`);
  return value as Record<string, string>;
}

function optionalStringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new Error(`provider-openai account setting "${name}" must be a list of strings`);
  return value.map((entry, index) => optionalString(entry, `${name}[${index}]`) as string);
}

/** Reads `account.extra` as `openAiAccountSchema` describes it; a wrong type is an admin's error, said plainly. */
export function readAccountSettings(extra: Record<string, unknown>): OpenAiAccountSettings {
  const settings: OpenAiAccountSettings = {
    organization: optionalString(extra.organization, 'organization'),
    project: optionalString(extra.project, 'project'),
    models: optionalStringList(extra.models, 'models'),
  };
  if (extra.azure !== undefined) {
    const azure = objectSetting(extra.azure, 'azure');
    settings.azure = {
      deployment: optionalString(azure.deployment, 'azure.deployment'),
      deployments: optionalStringMap(azure.deployments, 'azure.deployments'),
      apiVersion: optionalString(azure.apiVersion, 'azure.apiVersion'),
    };
  }
  return settings;
}
