export { readLogrotate, readLogrotateFrom, type LogrotateReading, type ResolvedBlock } from './read-logrotate.js';
export type { Criterion, Period, RotationSettings } from './rotation-settings.js';
