import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CallLogs1763860100000 implements MigrationInterface {
  name = 'CallLogs1763860100000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
