/**
 * Portico plugin SDK: the only module plugins import. Types and small pure helpers; no Nest,
 * no I/O.
 */
export * from './canonical.js';
export * from './guard.js';
export * from './logger.js';
export * from './manifest.js';
export * from './plugin.js';
export * from './provider.js';
export * from './request-errors.js';
export * from './sse.js';
export * from './version.js';
