export { readFail2ban, readFail2banJails, type Fail2banReading, type Jail } from './read-fail2ban.js';
export { fail2banSeconds } from './fail2ban-time.js';
