import { Global, Module } from '@nestjs/common';
import { InstanceAuditController, WorkspaceAuditController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { AuditRetention } from './audit-retention';
import { AuditTrail } from './audit-trail';

/**
 * The hash-chained audit log (#6): `AuditTrail` for every module that changes something, the
 * read/export/verify API (`/admin/workspaces/:id/audit`, `/admin/audit`) and the daily retention purge.
 */
@Global()
@Module({
  controllers: [WorkspaceAuditController, InstanceAuditController],
  providers: [AuditLogRepository, AuditTrail, AuditLogService, AuditRetention],
  exports: [AuditTrail],
})
export class AuditLogModule {}
