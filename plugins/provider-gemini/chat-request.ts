import {
  UnsupportedParameterError,
  type ChatCompletionRequest,
  type ChatMessage,
  type ContentPart,
  type ProviderTarget,
  type ToolChoice,
  type UpstreamRequest,
} from '../../src/plugin-sdk/index.js';
import { geminiHeaders, modelUrl, type GeminiContext } from './api.js';
import type { GeminiProviderConfig } from './config.schema.js';
import { toGeminiSchema } from './schema.js';
import type { GeminiContent, GeminiGenerateContentRequest, GeminiGenerationConfig, GeminiPart, GeminiToolConfig } from './wire.js';

const FILES_API_URI = /^https:\/\/generativelanguage\.googleapis\.com\/v1[a-z0-9]*\/files\/[^/?#]+$/;

export function buildChatRequest(request: ChatCompletionRequest, target: ProviderTarget, context: GeminiContext): UpstreamRequest {
  const streaming = request.stream === true;
  return {
    method: 'POST',
    url: modelUrl(target, context.config, streaming ? 'streamGenerateContent' : 'generateContent', streaming ? '?alt=sse' : ''),
    headers: geminiHeaders(target, streaming ? 'text/event-stream' : 'application/json'),
    body: JSON.stringify(toGenerateContentRequest(request, context.config)),
  };
}

/** Canonical (OpenAI-shaped) chat request → Gemini `GenerateContentRequest`. */
export function toGenerateContentRequest(request: ChatCompletionRequest, config: GeminiProviderConfig): GeminiGenerateContentRequest {
  refuseUnsupported(request);
  const body: GeminiGenerateContentRequest = { contents: toContents(request.messages, config) };
  const system = systemInstruction(request.messages);
  if (system) body.systemInstruction = system;
  if (request.tools && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool, index) => {
          const declaration: { name: string; description?: string; parameters?: ReturnType<typeof toGeminiSchema> } = { name: tool.function.name };
          if (tool.function.description) declaration.description = tool.function.description;
          const parameters = tool.function.parameters && toGeminiSchema(tool.function.parameters, `tools[${index}].function.parameters`);
          if (parameters && !(parameters.type === 'OBJECT' && Object.keys(parameters.properties ?? {}).length === 0)) declaration.parameters = parameters;
          return declaration;
        }),
      },
    ];
  }
  if (request.tool_choice !== undefined) body.toolConfig = toToolConfig(request.tool_choice);
  const generationConfig = toGenerationConfig(request);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function refuseUnsupported(request: ChatCompletionRequest): void {
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) {
    throw new UnsupportedParameterError('logit_bias', 'Gemini has no token bias');
  }
  if (request.parallel_tool_calls === false) {
    throw new UnsupportedParameterError('parallel_tool_calls', 'Gemini cannot be told to call at most one function per turn');
  }
}

function toToolConfig(choice: ToolChoice): GeminiToolConfig {
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
}

function toGenerationConfig(request: ChatCompletionRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) {
    const stops = typeof request.stop === 'string' ? [request.stop] : request.stop;
    if (stops.length > 0) config.stopSequences = stops;
  }
  if (request.n != null) config.candidateCount = request.n;
  if (request.seed != null) config.seed = request.seed;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema) config.responseSchema = toGeminiSchema(format.json_schema.schema, 'response_format.json_schema.schema');
  }
  return config;
}

function isSystem(message: ChatMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}

/** Every system/developer message, wherever it stands, joins Gemini's one system instruction. */
function systemInstruction(messages: ChatMessage[]): GeminiContent | undefined {
  const parts = messages.flatMap((message, index) => (isSystem(message) ? textParts(message.content, `messages[${index}].content`) : []));
  return parts.length > 0 ? { parts } : undefined;
}

function textParts(content: ChatMessage['content'], param: string): GeminiPart[] {
  if (content == null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map((part) => {
    if (part.type !== 'text') throw new UnsupportedParameterError(param, 'only text parts are allowed here');
    return { text: part.text };
  });
}

function toContents(messages: ChatMessage[], config: GeminiProviderConfig): GeminiContent[] {
  const toolNames = new Map<string, string>();
  const contents: GeminiContent[] = [];
  messages.forEach((message, index) => {
    if (isSystem(message)) return;
    const content = toContent(message, `messages[${index}]`, toolNames, config);
    const previous = contents[contents.length - 1];
    // Gemini wants turns to alternate; consecutive messages of one side (e.g. several tool results) share a turn.
    if (previous && previous.role === content.role) previous.parts.push(...content.parts);
    else contents.push(content);
  });
  return contents;
}

function toContent(message: ChatMessage, param: string, toolNames: Map<string, string>, config: GeminiProviderConfig): GeminiContent {
  if (message.role === 'assistant') {
    const parts = textParts(message.content, `${param}.content`);
    for (const call of message.tool_calls ?? []) {
      toolNames.set(call.id, call.function.name);
      parts.push({ functionCall: { name: call.function.name, args: parseArguments(call.function.arguments, `${param}.tool_calls`) } });
    }
    return { role: 'model', parts: parts.length > 0 ? parts : [{ text: '' }] };
  }
  if (message.role === 'tool') {
    const name = message.tool_call_id === undefined ? undefined : toolNames.get(message.tool_call_id);
    if (!name) throw new UnsupportedParameterError(`${param}.tool_call_id`, 'a tool result must answer a tool call of an earlier assistant message');
    return { role: 'user', parts: [{ functionResponse: { name, response: toFunctionResponse(message.content) } }] };
  }
  return { role: 'user', parts: userParts(message.content, `${param}.content`, config) };
}

function parseArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new UnsupportedParameterError(param, 'function arguments must be a JSON object');
}

/** Gemini wants an object: a JSON-object result goes as is, anything else is wrapped as `{content}`. */
function toFunctionResponse(content: ChatMessage['content']): Record<string, unknown> {
  const text = typeof content === 'string' ? content : (content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return { content: value };
  } catch {
    return { content: text };
  }
}

function userParts(content: ChatMessage['content'], param: string, config: GeminiProviderConfig): GeminiPart[] {
  if (content == null || content === '') return [{ text: '' }];
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part, index) => toUserPart(part, `${param}[${index}]`, config));
}

function toUserPart(part: ContentPart, param: string, config: GeminiProviderConfig): GeminiPart {
  if (part.type === 'text') return { text: part.text };
  const url = part.image_url.url;
  const data = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1], data: data[2] } };
  if (url.startsWith('data:')) throw new UnsupportedParameterError(`${param}.image_url.url`, 'data URLs must be base64-encoded');
  if (FILES_API_URI.test(url)) return { fileData: { fileUri: url } };
  if (/^https?:\/\//.test(url) && config.remoteImages === 'file-data') {
    const mimeType = imageMimeType(url);
    return { fileData: mimeType ? { mimeType, fileUri: url } : { fileUri: url } };
  }
  throw new UnsupportedParameterError(`${param}.image_url.url`, 'send images as base64 data URLs or Gemini Files API URIs');
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

function imageMimeType(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension ? IMAGE_TYPES[extension] : undefined;
}
