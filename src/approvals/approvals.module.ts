import { Module } from '@nestjs/common';

/** The generic approval engine (#7): requests, policies, decisions, side effects exactly once. */
@Module({})
export class ApprovalsModule {}
