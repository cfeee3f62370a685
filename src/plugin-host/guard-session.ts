import type { ChatCompletionRequest, ChatCompletionResponse } from '../plugin-sdk/index.js';
import { type ActiveGuard, type GuardRunResult, runActiveGuards } from './guard-runner.js';
import { GuardStream } from './guard-stream.js';
import type { PluginHost } from './plugin-host.js';

/**
 * The guards bound to one call, activated once, so each guard's hooks share one `callState`
 * from `onRequest` to the last stream chunk. Open it with `PluginHost.openGuardSession`.
 */
export class GuardSession {
  constructor(
    private readonly host: PluginHost,
    readonly active: readonly ActiveGuard[],
  ) {}

  get empty(): boolean {
    return this.active.length === 0;
  }

  request(request: ChatCompletionRequest): Promise<GuardRunResult<ChatCompletionRequest>> {
    return runActiveGuards(this.host, 'request', this.active, request);
  }

  response(response: ChatCompletionResponse): Promise<GuardRunResult<ChatCompletionResponse>> {
    return runActiveGuards(this.host, 'response', this.active, response);
  }

  stream(): GuardStream {
    return new GuardStream(this.host, { active: this.active });
  }
}
