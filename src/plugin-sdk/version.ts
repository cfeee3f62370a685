/**
 * Version of this SDK. A plugin's manifest names the range it works with (`sdk: '^1.0.0'`) and the
 * host refuses it at boot when this version is outside that range.
 *
 * @example
 * import { SDK_VERSION } from '../../src/plugin-sdk/index.js';
 * console.log(SDK_VERSION); // '1.0.0'
 */
export const SDK_VERSION = '1.0.0';
