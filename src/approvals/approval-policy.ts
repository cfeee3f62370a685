import { isPermission, type Action, type Permission, type Resource } from '../auth/authz/permissions';

/** The rules of one kind in one workspace. */
export interface ApprovalPolicy {
  readonly kind: string;
  /** false: the change applies at once, no request waits (still audited). */
  readonly enabled: boolean;
  /** Distinct approvers needed. */
  readonly requiredApprovals: number;
  /** What an approver must hold in the workspace, e.g. `approvals:approve`, `subscriptions:approve`. */
  readonly approverPermission: Permission;
  /** Four eyes unless true: the requester may not decide their own request. */
  readonly allowSelfApproval: boolean;
  /** null: pending requests never expire. */
  readonly expiresAfterSeconds: number | null;
  /** true when the workspace stored no policy for the kind and these are the defaults. */
  readonly isDefault: boolean;
}

export type StoredApprovalPolicy = Omit<ApprovalPolicy, 'isDefault'>;

export const DEFAULT_APPROVER_PERMISSION: Permission = 'approvals:approve';
export const DEFAULT_EXPIRY_SECONDS = 7 * 24 * 3600;

/** One default for every kind: approval required, one approver who is not the requester, seven days. */
export function defaultPolicy(kind: string): ApprovalPolicy {
  return { kind, enabled: true, requiredApprovals: 1, approverPermission: DEFAULT_APPROVER_PERMISSION, allowSelfApproval: false, expiresAfterSeconds: DEFAULT_EXPIRY_SECONDS, isDefault: true };
}

export function effectivePolicy(kind: string, stored: StoredApprovalPolicy | undefined): ApprovalPolicy {
  return stored ? { ...stored, kind, isDefault: false } : defaultPolicy(kind);
}

export function permissionParts(permission: Permission): { resource: Resource; action: Action } {
  const [resource, action] = permission.split(':') as [Resource, Action];
  return { resource, action };
}

export function asPermission(value: string): Permission {
  if (!isPermission(value)) throw new Error(`not a permission: ${value}`);
  return value;
}

/** Kinds name webhook event segments (`approval.<kind>.approved`) and audit resources. */
export const KIND_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
