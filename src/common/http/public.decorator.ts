import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'portico:public';

/**
 * Marks a route that needs no credentials (health probes, docs). Every other route must declare
 * the permission it requires; the identity module enforces that with a test over all routes.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
