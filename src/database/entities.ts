import { ApiKeyEntity } from '../auth/entities/api-key.entity';
import { ServiceAccountEntity } from '../auth/entities/service-account.entity';
import { UserEntity } from '../auth/entities/user.entity';
import { WorkspaceMemberEntity } from '../auth/entities/workspace-member.entity';
import { WorkspaceEntity } from '../auth/entities/workspace.entity';
import { SystemSettingEntity } from './system-setting.entity';

/** Every core entity. Listed explicitly so that `migration:generate` compares against all of them. */
export const CORE_ENTITIES = [WorkspaceEntity, UserEntity, WorkspaceMemberEntity, ServiceAccountEntity, ApiKeyEntity, SystemSettingEntity];
