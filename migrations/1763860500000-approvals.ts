import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Approvals1763860500000 implements MigrationInterface {
  name = 'Approvals1763860500000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
