import type { EntityManager } from 'typeorm';
import { ErrorCode, PorticoError } from '../common/errors';
import type { ApprovalKindHandler } from './approval-engine.contract';
import { KIND_PATTERN } from './approval-policy';

/**
 * A kind whose requests may also be filed through `POST …/approvals` (e.g. `budget_increase`). Other
 * kinds are filed only by their module through `ApprovalGateway.submit`, which checks the subject
 * first (the version exists, the caller wrote it, …): a body posted to the generic endpoint cannot.
 */
export interface DirectlyRequestableKind<TSubject = unknown> extends ApprovalKindHandler<TSubject> {
  /** Validates a posted `subject` (throwing a 422 problem) and names its subject key. */
  prepareRequest(manager: EntityManager, workspaceId: string, subject: unknown): Promise<{ subject: TSubject; subjectKey: string }>;
}

/** The handlers registered in this process, by kind. */
export class ApprovalKindRegistry {
  private readonly handlers = new Map<string, ApprovalKindHandler<unknown>>();

  register<TSubject>(handler: ApprovalKindHandler<TSubject>): void {
    if (!KIND_PATTERN.test(handler.kind)) throw new Error(`approval kind "${handler.kind}" must match ${KIND_PATTERN}`);
    if (this.handlers.has(handler.kind)) throw new Error(`approval kind "${handler.kind}" is registered twice`);
    this.handlers.set(handler.kind, handler as ApprovalKindHandler<unknown>);
  }

  find(kind: string): ApprovalKindHandler<unknown> | undefined {
    return this.handlers.get(kind);
  }

  require(kind: string): ApprovalKindHandler<unknown> {
    const handler = this.handlers.get(kind);
    if (!handler) throw unknownKind(kind);
    return handler;
  }

  requireDirect(kind: string): DirectlyRequestableKind<unknown> {
    const handler = this.require(kind);
    if (!isDirectlyRequestable(handler)) {
      throw new PorticoError(ErrorCode.APPROVAL_KIND_UNKNOWN, `requests of kind ${kind} are filed by their own module, not through this endpoint`, {
        status: 422,
        details: { kind, directKinds: this.directKinds() },
      });
    }
    return handler;
  }

  kinds(): string[] {
    return [...this.handlers.keys()].sort();
  }

  directKinds(): string[] {
    return this.kinds().filter((kind) => isDirectlyRequestable(this.handlers.get(kind)!));
  }

  /** One line for lists and webhooks; a handler that cannot describe a subject does not hide the request. */
  describe(kind: string, subject: unknown, subjectKey: string): string {
    try {
      return this.handlers.get(kind)?.describe(subject) ?? `${kind} ${subjectKey}`;
    } catch {
      return `${kind} ${subjectKey}`;
    }
  }
}

function isDirectlyRequestable(handler: ApprovalKindHandler<unknown>): handler is DirectlyRequestableKind<unknown> {
  return typeof (handler as Partial<DirectlyRequestableKind>).prepareRequest === 'function';
}

/** A body named a kind nobody registered (422); a path that does answers {@link kindNotFound}. */
export function unknownKind(kind: string): PorticoError {
  return new PorticoError(ErrorCode.APPROVAL_KIND_UNKNOWN, `no approval kind ${JSON.stringify(kind)} is registered`, { status: 422, details: { kind } });
}

export function kindNotFound(): PorticoError {
  return new PorticoError(ErrorCode.APPROVAL_KIND_UNKNOWN, 'approval kind not found', { status: 404 });
}
