import { Injectable } from '@nestjs/common';
import { ErrorCode, PorticoError } from '../../common/errors';
import type { RequestContext } from '../principal';
import type { MeDto } from './sessions.dto';
import { SessionUsersRepository } from './session-users.repository';

/** "Who am I": the caller and the workspaces it may act in, with its role in each. */
@Injectable()
export class MeService {
  constructor(private readonly users: SessionUsersRepository) {}

  async describe(context: RequestContext): Promise<MeDto> {
    const { principal } = context;
    const base = { kind: principal.kind, via: principal.via, ...(principal.apiKeyId ? { apiKeyId: principal.apiKeyId } : {}) };
    if (principal.kind === 'service_account') {
      const account = await this.users.findServiceAccount(principal.id);
      if (!account || account.disabledAt) throw gone();
      return { ...base, serviceAccount: { id: account.id, name: account.name, role: account.role }, workspaces: [account.workspace] };
    }
    const user = await this.users.findById(principal.id);
    if (!user || user.disabledAt) throw gone();
    const memberships = await this.users.membershipsOf(user.id);
    return {
      ...base,
      user: { id: user.id, email: user.email, displayName: user.displayName, isSuperadmin: user.isSuperadmin },
      workspaces: principal.workspaceId ? memberships.filter((workspace) => workspace.id === principal.workspaceId) : memberships,
    };
  }
}

function gone(): PorticoError {
  return new PorticoError(ErrorCode.UNAUTHENTICATED, 'the account behind this credential no longer exists or is disabled', { status: 401 });
}
