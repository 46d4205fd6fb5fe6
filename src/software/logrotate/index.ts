export { readLogrotate, readLogrotateFrom } from './read-logrotate.js';
