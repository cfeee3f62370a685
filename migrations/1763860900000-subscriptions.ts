import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Subscriptions1763860900000 implements MigrationInterface {
  name = 'Subscriptions1763860900000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
