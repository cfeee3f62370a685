import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';

export const updateCallLogSettingsSchema = z.strictObject({
  storeBodies: z.boolean(),
});
export type UpdateCallLogSettingsInput = z.infer<typeof updateCallLogSettingsSchema>;

export class UpdateCallLogSettingsDto {
  @ApiProperty({ description: 'Store request and response bodies (after guards ran) with each call log of this workspace' })
  storeBodies: boolean;
}

export class CallLogSettingsDto {
  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ description: 'Whether call logs of this workspace keep request and response bodies; off unless turned on' })
  storeBodies: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: never changed (the default applies)' })
  updatedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, description: '`user:<id>` or `sa:<id>`; null: never changed' })
  updatedBy: string | null;
}
