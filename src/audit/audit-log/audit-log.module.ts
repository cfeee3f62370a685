import { Global, Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail';

/** The hash-chained audit log (#6): `AuditTrail` for writers, the read/verify/export API. */
@Global()
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditLogModule {}
