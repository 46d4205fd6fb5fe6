import type { TimeFigure } from '../inventory/retention.js';
import type { Phrases } from './phrases.js';
import { spellDuration, type DurationWords } from './spell-duration.js';
import type { Statement } from './statements.js';

const WORDS: DurationWords = {
  units: {
    y: { one: 'year', many: 'years' },
    w: { one: 'week', many: 'weeks' },
    d: { one: 'day', many: 'days' },
    h: { one: 'hour', many: 'hours' },
    min: { one: 'minute', many: 'minutes' },
    s: { one: 'second', many: 'seconds' },
  },
  and: 'and',
  aboutYears: (years) => `about ${years} years`,
  decimal: '.',
  group: new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 }),
};

const span = (seconds: number): string => spellDuration(seconds, WORDS);

const TO_COMPLETE = '**To be completed:**';

/**
 * How long something is kept, as a sentence about `plural` ("messages in the archive"), with
 * `one` ("a message") for the worst case. What cannot be told says so and points at the footnote.
 */
function kept(figure: TimeFigure, plural: string, one: string): string {
  const Plural = capital(plural);
  if (figure.bound === 'unknown') return `${TO_COMPLETE} how long ${plural} are kept cannot be told from the configuration; the footnote says what to check.`;
  if (figure.bound === 'traffic') return `${Plural} are kept without a time limit: when they are deleted depends on use, not on time.`;
  if (figure.nominal === 0) return `${Plural} are not kept.`;
  if (figure.nominal === Infinity) return `${Plural} are kept without a time limit: nothing deletes them.`;
  const after = `${Plural} are deleted after ${span(figure.nominal)}`;
  const worst = figure.worstCase;
  if (worst.kind === 'longer') {
    if (worst.seconds === Infinity) return `${after}; but because of how the deletion runs, ${one} can stay without a time limit.`;
    return `${after}; because of how the deletion runs, ${one} can stay up to ${span(worst.seconds)}.`;
  }
  if (worst.kind === 'unknown') return `${after}. ${TO_COMPLETE} how much longer ${one} can stay cannot be told from the configuration; the footnote says what to check.`;
  return `${after}.`;
}

/** How often something runs: "every day", "every 2 hours". */
function every(figure: TimeFigure): string {
  if (figure.bound !== 'time' || figure.nominal === Infinity || figure.nominal === 0) return 'at intervals that cannot be told from the configuration';
  const nominal = span(figure.nominal);
  const often = nominal.startsWith('1 ') && !nominal.includes(' and ') ? `every ${nominal.slice(2)}` : `every ${nominal}`;
  const worst = figure.worstCase;
  if (worst.kind === 'longer' && worst.seconds !== Infinity) return `${often} (two backups can be up to ${span(worst.seconds)} apart)`;
  return often;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function on(where: string | undefined): string {
  return where === undefined ? '' : `${where}: `;
}

const UNCERTAIN = `${TO_COMPLETE} whether this is so depends on values known only when the server runs; the footnote says which.`;

function sentence(s: Statement): string {
  switch (s.kind) {
    case 'passwords':
      if (s.hashed === true) return `${on(s.where)}Passwords are stored only as salted hashes, never in plain text.`;
      if (s.hashed === false) return `${on(s.where)}Passwords are stored in a form from which they can be read back (not hashed).`;
      return `${on(s.where)}${TO_COMPLETE} how passwords are stored cannot be told from the configuration; the footnote says what to check.`;
    case 'inactive-accounts':
      return `${on(s.where)}${kept(s.figure, 'accounts that are no longer used', 'an unused account')}`;
    case 'ip-record': {
      const whose = { all: 'The IP addresses of all connections', 'failed-logins': 'The IP addresses of failed login attempts', registrations: 'The IP addresses of new registrations', some: 'Some IP addresses' }[s.which];
      const where = { log: `are written to the log ${s.place}`, storage: `are stored by the server (${s.place})`, message: `are sent to the administrators (${s.place})` }[s.medium];
      return `${whose} ${where}. ${kept(s.figure, 'these records', 'a record')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    }
    case 'no-ip-records':
      return 'IP addresses are not written to logs and not stored.';
    case 'login-times':
      return `${on(s.where)}The server records when you log in.${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-login-times':
      return 'The time you log in is not stored.';
    case 'archive': {
      const one = s.scope === 'one-to-one';
      const policy = one
        ? {
            always: 'By default, the server keeps an archive of your messages, so that all your devices can fetch them; you can turn it off in your client.',
            roster: 'By default, the server archives your messages with the contacts in your contact list; you can turn it off in your client.',
            never: 'Your messages are archived only if you turn the archive on in your client.',
            unknown: `${TO_COMPLETE} whether messages are archived by default cannot be told from the configuration.`,
          }[s.policy]
        : {
            always: 'By default, group chats keep an archive of their messages.',
            roster: 'By default, group chats keep an archive of their messages.',
            never: 'Group chats keep an archive of their messages only when their owners turn it on.',
            unknown: `${TO_COMPLETE} whether group chats keep an archive by default cannot be told from the configuration.`,
          }[s.policy];
      const figure = kept(s.figure, one ? 'messages in the archive' : 'group chat messages in the archive', 'a message');
      return `${on(s.where)}${policy} ${figure}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    }
    case 'no-archive':
      return s.scope === 'one-to-one' ? 'The server keeps no archive of your messages.' : 'The server keeps no archive of group chats.';
    case 'offline':
      return `${on(s.where)}Messages sent to you while you are offline are stored until you come online. ${kept(s.figure, 'these messages', 'a message')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-offline':
      return 'Messages sent to you while you are offline are not stored on the server.';
    case 'uploads':
      return `${on(s.where)}Files you share are uploaded to the server. ${kept(s.figure, 'uploaded files', 'a file')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-uploads':
      return 'The server offers no file upload.';
    case 'log': {
      const content = s.content === true ? ' It can contain the text of messages.' : s.content === 'unknown' ? ` ${TO_COMPLETE} whether it contains the text of messages cannot be told from the configuration.` : '';
      return `The server writes a log to ${s.place}.${content} ${kept(s.figure, 'entries in this log', 'an entry')}`;
    }
    case 'no-logs':
      return 'The server writes no logs.';
    case 'backup': {
      const encrypted = { true: 'They are encrypted.', false: 'They are not encrypted.', unknown: `${TO_COMPLETE} whether they are encrypted cannot be told from the configuration.` }[String(s.encrypted) as 'true' | 'false' | 'unknown'];
      return `Backups (${s.tool}) are made ${every(s.interval)}. ${encrypted} ${kept(s.retention, 'backups', 'a backup')}`;
    }
    case 'no-backups':
      return `${TO_COMPLETE} no backup configuration was found; if backups are made, say how often, whether they are encrypted and how long they are kept.`;
    case 'push': {
      const parts = s.body === false && s.sender === false
        ? 'They contain neither the text of your messages nor their sender.'
        : [
            s.body === true ? 'They can contain the text of your messages.' : s.body === false ? 'They do not contain the text of your messages.' : `${TO_COMPLETE} whether they contain the text of your messages cannot be told from the configuration.`,
            s.sender === true ? 'They can contain the sender.' : s.sender === false ? 'They do not contain the sender.' : `${TO_COMPLETE} whether they contain the sender cannot be told from the configuration.`,
          ].join(' ');
      return `${on(s.where)}To wake your app on a phone, the server sends push notifications through the push service of the app's maker (for example Apple's or Google's). ${parts}`;
    }
    case 'no-push':
      return 'The server sends no push notifications.';
    case 'transport': {
      const between = s.channel === 'c2s' ? 'Connections between your app and the server' : 'Connections between the server and other servers';
      if (s.required === true) return `${on(s.where)}${between} are always encrypted.`;
      if (s.required === false) return `${on(s.where)}${between} are not required to be encrypted.`;
      return `${on(s.where)}${TO_COMPLETE} whether ${between.charAt(0).toLowerCase()}${between.slice(1)} must be encrypted cannot be told from the configuration.`;
    }
    case 'nothing-read':
      return `${TO_COMPLETE} no configuration of the XMPP server (Prosody or ejabberd) was read, so what it keeps here cannot be told.`;
  }
}

export const ENGLISH: Phrases = {
  title: 'What we store and for how long',
  intro:
    "This section was generated by privacy-lint from the server's configuration. Each statement's footnote names the configuration lines it rests on. Where the configuration does not tell, the text says **To be completed** and what to check.",
  headings: {
    accounts: 'Account data and passwords',
    ipAddresses: 'IP addresses',
    loginTimes: 'Login times',
    messageArchive: 'Message archive (one-to-one and group chats)',
    offlineMessages: 'Offline messages',
    fileUploads: 'Uploaded files',
    logs: 'Server logs',
    backups: 'Backups',
    push: 'Push notifications',
    transport: 'Transport encryption',
  },
  sentence,
  footnote: {
    default: (software, release, source) => `default of ${software} ${release} (${source})`,
    worstCase: (reason) => `Worst case: ${reason}.`,
    worstUnknown: (reason) => `What could not be told: ${reason}.`,
    noTimeBound: (reason) => `No time limit: ${reason}.`,
    cannotTell: (reason) => `To check: ${reason}.`,
    filesRead: (files) => `Read: ${files}; none of them sets this up.`,
    lookedFor: (paths) => `Looked for: ${paths}.`,
  },
};
