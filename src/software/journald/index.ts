export { readJournald } from './read-journald.js';
