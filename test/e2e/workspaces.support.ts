import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { tokenFor, type TestUser } from '../support/auth-helpers';
import type { TestApp } from '../support/test-app';

/** Helpers shared by the workspaces, members, roles, providers and secrets e2e specs. */
export interface Reply {
  status: number;
  body: any;
  raw: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function call(app: NestFastifyApplication, method: Method, url: string, headers: Record<string, string>, payload?: unknown): Promise<Reply> {
  const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (method !== 'GET') await settle(app);
  return { status: response.statusCode, body: response.body ? safeJson(response.body) : undefined, raw: response.body };
}

/**
 * Waits for the policy reload a write triggers. AuthorizationService reloads with casbin's
 * `loadPolicy`, which empties the model before refilling it, so a request landing mid-reload is
 * refused; until that is fixed in the core, tests let each reload finish before the next call.
 */
export async function settle(app: NestFastifyApplication): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 25));
  await app.get(AuthorizationService).reload();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first-run administrator (a superadmin and owner of the first workspace). */
export async function firstRunAdmin(subject: TestApp): Promise<TestUser & { workspaceId: string }> {
  const firstRun = subject.runtime.firstRun!;
  const [user] = await subject.app.get(DataSource).query(`SELECT id, email FROM users WHERE email = $1`, [firstRun.adminEmail]);
  return { id: user.id, email: user.email, workspaceId: firstRun.workspaceId, ...(await tokenFor(subject.app, user.id, user.email, true)) };
}

export const OTHER_UUID = '00000000-0000-4000-8000-000000000000';
