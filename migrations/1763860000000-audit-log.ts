import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1763860000000 implements MigrationInterface {
  name = 'AuditLog1763860000000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
