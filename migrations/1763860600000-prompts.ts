import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Prompts1763860600000 implements MigrationInterface {
  name = 'Prompts1763860600000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
