export type { CleanupAction, JobOrigin, Schedule, ScheduledJob, ScheduledJobs } from './job-model.js';
export { readScheduledJobs } from './read-scheduled-jobs.js';
export { recogniseCleanup, recogniseCleanupAt, locatorFrom, type Locate } from './recognise-cleanup.js';
export { scheduleFromInterval, scheduleFromCronEntry } from './schedule.js';
export { parseTimespan, readCalendar } from './systemd-time.js';
