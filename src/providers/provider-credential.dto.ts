import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';

export const addProviderCredentialSchema = z.strictObject({
  credential: z.string().min(1).max(8192),
});
export type AddProviderCredentialInput = z.infer<typeof addProviderCredentialSchema>;

export class AddProviderCredentialDto {
  @ApiProperty({ writeOnly: true, description: 'Another API key of the same account; stored encrypted, never returned (only `credentialHint`)' })
  credential: string;
}

export class ProviderCredentialDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({ description: 'Masked form of the credential', example: 'sk-…a1b2' })
  credentialHint: string;

  @ApiProperty({ description: 'Order of rotation after the primary credential (on 401 and 429)' })
  position: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
