import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LimitsAndBudgets1763860300000 implements MigrationInterface {
  name = 'LimitsAndBudgets1763860300000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
