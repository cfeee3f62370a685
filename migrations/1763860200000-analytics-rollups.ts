import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsRollups1763860200000 implements MigrationInterface {
  name = 'AnalyticsRollups1763860200000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
