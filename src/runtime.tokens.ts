/** Injection tokens for what the runtime started before Nest (see bootstrap/runtime.ts). */
export const RUNTIME = Symbol('PorticoRuntime');
export const PORTICO_CONFIG = Symbol('PorticoConfig');
export const PINO_LOGGER = Symbol('PinoLogger');
