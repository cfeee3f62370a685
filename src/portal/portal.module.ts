import { Module } from '@nestjs/common';

/** The developer portal (#8): catalog, OpenAPI 3.1, try-it console, subscriptions. */
@Module({})
export class PortalModule {}
