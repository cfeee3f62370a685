import { Module } from '@nestjs/common';

/** Prompt-to-API encapsulation (#8): API products over prompt versions, their lifecycle and the `/apis/...` runtime. */
@Module({})
export class PromptApisModule {}
