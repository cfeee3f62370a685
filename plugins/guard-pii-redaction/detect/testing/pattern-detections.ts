/**
 * The pattern detectors (every type but names and addresses, which need compromise) with the default binding, read the way the
 * detector specs compare them: one detector built once for every spec file that imports it.
 */
import { DEFAULT_BINDING, ENTITY_TYPES } from '../../config.schema.js';
import { createTextDetector } from '../index.js';

const detect = createTextDetector({ types: ENTITY_TYPES.filter((type) => type !== 'person' && type !== 'address'), binding: DEFAULT_BINDING });

/** Every detection of `text` as `[label, value]`, in the detector's order. */
export const foundIn = (text: string) => detect(text).map((detection) => [detection.label, text.slice(detection.start, detection.end)]);

/** Every detection of `text` as `LABEL:value`, in the detector's order. */
export const labelledIn = (text: string) => detect(text).map((detection) => `${detection.label}:${text.slice(detection.start, detection.end)}`);

/** The values of the SECRET detections of `text`, in order. */
export const secretsIn = (text: string) =>
  detect(text).flatMap((detection) => (detection.label === 'SECRET' ? [text.slice(detection.start, detection.end)] : []));
