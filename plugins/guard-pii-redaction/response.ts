import type { ChatCompletionResponse } from '../../src/plugin-sdk/index.js';
import type { OutputProcessor } from './output.js';

/** Rehydrates (and, when configured, redacts) every text of a complete response: contents, refusals, tool call arguments. */
export function processResponse(response: ChatCompletionResponse, output: OutputProcessor): ChatCompletionResponse {
  if (!Array.isArray(response.choices)) return response;
  let changed = false;
  const text = (value: string | null | undefined, json = false) => {
    if (typeof value !== 'string' || value === '') return value;
    const next = output.process(value, json);
    if (next !== value) changed = true;
    return next;
  };
  const choices = response.choices.map((choice) => {
    const message = choice?.message;
    if (!message) return choice;
    const toolCalls = message.tool_calls?.map((call) =>
      call?.function ? { ...call, function: { ...call.function, arguments: text(call.function.arguments, true) as string } } : call,
    );
    const refusal = text(message.refusal);
    return {
      ...choice,
      message: {
        ...message,
        content: text(message.content) ?? message.content,
        ...(refusal !== undefined ? { refusal } : {}),
        ...(toolCalls ? { tool_calls: toolCalls } : {}),
      },
    };
  });
  return changed ? { ...response, choices } : response;
}
