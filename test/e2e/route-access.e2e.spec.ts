import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

@Controller('test-undeclared')
class UndeclaredController {
  @Get()
  forgotten(): string {
    return 'should never be served';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('every route declares how it is protected', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({}, [DiscoveryModule, UndeclaredModule]);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('finds an access rule on every controller route, and a :workspaceId on every permission route', () => {
    const routes = listRoutes(subject.app.get(DiscoveryService), [UndeclaredController]).map((route) => ({ route: `${route.name} ${route.method} ${route.path}`, rule: route.rule }));
    expect(routes.length).toBeGreaterThan(40);
    const undeclared = routes.filter(({ rule }) => rule === undefined).map(({ route }) => route);
    expect(undeclared).toEqual([]);
    const unscoped = routes.filter(({ route, rule }) => rule?.kind === 'permission' && !route.includes(':workspaceId')).map(({ route }) => route);
    expect(unscoped).toEqual([]);
    const adminRoutesThatArePublic = routes.filter(({ route, rule }) => / \/admin\//.test(route) && rule?.kind === 'public').map(({ route }) => route);
    expect(adminRoutesThatArePublic).toEqual([]);
  });

  it('refuses to serve a route that forgot its declaration (fails closed)', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/test-undeclared' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe(ErrorCode.INTERNAL);
    expect(response.body).not.toContain('should never be served');
  });

  it('answers 401 without credentials, with a forged token and with an unknown key', async () => {
    for (const authorization of [undefined, 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'Bearer ptk_not_a_key']) {
      const response = await subject.app.inject({ method: 'GET', url: '/auth/me', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect([ErrorCode.UNAUTHENTICATED, ErrorCode.API_KEY_INVALID]).toContain(response.json().error.code);
    }
  });
});
