import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PromptApis1763860800000 implements MigrationInterface {
  name = 'PromptApis1763860800000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
