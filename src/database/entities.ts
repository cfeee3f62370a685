import { ApiKeyEntity } from '../auth/entities/api-key.entity';
import { ServiceAccountEntity } from '../auth/entities/service-account.entity';
import { UserEntity } from '../auth/entities/user.entity';
import { WorkspaceMemberEntity } from '../auth/entities/workspace-member.entity';
import { WorkspaceEntity } from '../auth/entities/workspace.entity';
import { AuthThrottleEntity } from '../auth/entities/auth-throttle.entity';
import { CasbinRuleEntity } from '../auth/entities/casbin-rule.entity';
import { CustomRoleEntity } from '../auth/entities/custom-role.entity';
import { RefreshTokenEntity } from '../auth/entities/refresh-token.entity';
import { SsoConnectionEntity } from '../auth/entities/sso-connection.entity';
import { SsoLoginStateEntity } from '../auth/entities/sso-login-state.entity';
import { UserIdentityEntity } from '../auth/entities/user-identity.entity';
import { ProviderAccountEntity } from '../providers/provider-account.entity';
import { ProviderAccountCredentialEntity } from '../providers/provider-account-credential.entity';
import { RouteEntity } from '../gateway/routing/entities/route.entity';
import { RouteTargetEntity } from '../gateway/routing/entities/route-target.entity';
import { ModelPriceEntity } from '../usage/prices/model-price.entity';
import { SystemSettingEntity } from './system-setting.entity';

/** Every core entity. Listed explicitly so that `migration:generate` compares against all of them. */
export const CORE_ENTITIES = [
  WorkspaceEntity,
  UserEntity,
  WorkspaceMemberEntity,
  ServiceAccountEntity,
  ApiKeyEntity,
  SystemSettingEntity,
  CasbinRuleEntity,
  CustomRoleEntity,
  RefreshTokenEntity,
  AuthThrottleEntity,
  SsoConnectionEntity,
  SsoLoginStateEntity,
  UserIdentityEntity,
  ProviderAccountEntity,
  ProviderAccountCredentialEntity,
  RouteEntity,
  RouteTargetEntity,
  ModelPriceEntity,
];
