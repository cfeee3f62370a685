import { Module } from '@nestjs/common';

/** The prompt registry (#7): prompts, immutable versions, labels with A/B weights, rendering. */
@Module({})
export class PromptsModule {}
