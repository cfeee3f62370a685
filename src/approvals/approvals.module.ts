import { Global, Module } from '@nestjs/common';
import { APPROVAL_GATEWAY } from './approval-engine.contract';
import { ApprovalExpirySweeper } from './approval-expiry-sweeper';
import { ApprovalKindRegistry } from './approval-kinds';
import { ApprovalPoliciesController } from './approval-policies.controller';
import { ApprovalPoliciesService } from './approval-policies.service';
import { ApprovalRequestsService } from './approval-requests.service';
import { ApprovalService } from './approval.service';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsRepository } from './approvals.repository';
import { BudgetIncreaseKind } from './kinds/budget-increase.kind';
import { BudgetIncreaseRepository } from './kinds/budget-increase.repository';

/**
 * The generic approval engine (#7): requests, policies, decisions, side effects exactly once.
 * Global: modules inject `APPROVAL_GATEWAY` (or `ApprovalService`) and register their kinds in `onModuleInit`.
 */
@Global()
@Module({
  controllers: [ApprovalsController, ApprovalPoliciesController],
  providers: [
    ApprovalsRepository,
    { provide: ApprovalKindRegistry, useFactory: () => new ApprovalKindRegistry() },
    ApprovalService,
    { provide: APPROVAL_GATEWAY, useExisting: ApprovalService },
    ApprovalRequestsService,
    ApprovalPoliciesService,
    ApprovalExpirySweeper,
    BudgetIncreaseRepository,
    BudgetIncreaseKind,
  ],
  exports: [APPROVAL_GATEWAY, ApprovalService],
})
export class ApprovalsModule {}
