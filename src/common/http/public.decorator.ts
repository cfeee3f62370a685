import { SetMetadata } from '@nestjs/common';

export const ACCESS_RULE = 'portico:access';

/** A route that needs no credentials (health probes, login). Every other route declares its permission. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' });
