import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1763860400000 implements MigrationInterface {
  name = 'Webhooks1763860400000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
