import type { TimeFigure } from '../inventory/retention.js';
import type { Phrases } from './phrases.js';
import { spellDuration, type DurationWords } from './spell-duration.js';
import type { Statement } from './statements.js';

// German needs its own forms: "nach 21 Tagen" and "bis zu 22 Tagen" take the dative plural,
// "alle 2 Stunden" the accusative.
export const DATIVE: DurationWords = {
  units: {
    y: { one: 'Jahr', many: 'Jahren' },
    w: { one: 'Woche', many: 'Wochen' },
    d: { one: 'Tag', many: 'Tagen' },
    h: { one: 'Stunde', many: 'Stunden' },
    min: { one: 'Minute', many: 'Minuten' },
    s: { one: 'Sekunde', many: 'Sekunden' },
  },
  and: 'und',
  aboutYears: (years) => `etwa ${years} Jahren`,
  decimal: ',',
  group: new Intl.NumberFormat('de-DE', { maximumSignificantDigits: 2 }),
};

const ACCUSATIVE: DurationWords = {
  ...DATIVE,
  units: { ...DATIVE.units, y: { one: 'Jahr', many: 'Jahre' }, d: { one: 'Tag', many: 'Tage' } },
  aboutYears: (years) => `etwa ${years} Jahre`,
};

/** "jeden Tag", "jede Woche": one unit, with the article's gender. */
const EVERY_ONE: Record<string, string> = {
  Jahr: 'jedes Jahr',
  Woche: 'jede Woche',
  Tag: 'jeden Tag',
  Stunde: 'jede Stunde',
  Minute: 'jede Minute',
  Sekunde: 'jede Sekunde',
};

const dative = (seconds: number): string => spellDuration(seconds, DATIVE);

const TO_COMPLETE = '**Zu ergänzen:**';

/**
 * Wie lange etwas gespeichert bleibt, als Satz über `plural` ("Nachrichten im Archiv"), mit
 * `one` ("eine Nachricht") für den ungünstigsten Fall.
 */
function kept(figure: TimeFigure, plural: string, one: string): string {
  if (figure.bound === 'unknown') return `${TO_COMPLETE} Wie lange ${plural} gespeichert bleiben, lässt sich aus der Konfiguration nicht ablesen; was zu prüfen ist, steht in der Fußnote.`;
  if (figure.bound === 'traffic') return `Für ${plural} gibt es keine zeitliche Grenze: Wann sie gelöscht werden, hängt von der Nutzung ab, nicht von der Zeit.`;
  if (figure.nominal === 0) return `${capital(plural)} werden nicht gespeichert.`;
  if (figure.nominal === Infinity) return `${capital(plural)} werden ohne zeitliche Grenze gespeichert: Nichts löscht sie.`;
  const after = `${capital(plural)} werden nach ${dative(figure.nominal)} gelöscht`;
  const worst = figure.worstCase;
  if (worst.kind === 'longer') {
    if (worst.seconds === Infinity) return `${after}; weil die Löschung aber nur unter Umständen läuft, kann ${one} ohne zeitliche Grenze gespeichert bleiben.`;
    return `${after}; weil die Löschung nur in Abständen läuft, kann ${one} bis zu ${dative(worst.seconds)} gespeichert bleiben.`;
  }
  if (worst.kind === 'unknown') return `${after}. ${TO_COMPLETE} Wie viel länger ${one} gespeichert bleiben kann, lässt sich aus der Konfiguration nicht ablesen; was zu prüfen ist, steht in der Fußnote.`;
  return `${after}.`;
}

/** Wie oft etwas läuft: "jeden Tag", "alle 2 Stunden". */
function every(figure: TimeFigure): string {
  if (figure.bound !== 'time' || figure.nominal === Infinity || figure.nominal === 0) return 'in Abständen, die sich aus der Konfiguration nicht ablesen lassen,';
  const nominal = spellDuration(figure.nominal, ACCUSATIVE);
  const single = nominal.startsWith('1 ') && !nominal.includes(' und ') ? EVERY_ONE[nominal.slice(2)] : undefined;
  const often = single ?? `alle ${nominal}`;
  const worst = figure.worstCase;
  if (worst.kind === 'longer' && worst.seconds !== Infinity) return `${often} (zwischen zwei Sicherungen können bis zu ${dative(worst.seconds)} liegen)`;
  return often;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function on(where: string | undefined): string {
  return where === undefined ? '' : `${where}: `;
}

const UNCERTAIN = `${TO_COMPLETE} Ob das zutrifft, hängt von Werten ab, die erst zur Laufzeit des Servers feststehen; die Fußnote nennt sie.`;

function sentence(s: Statement): string {
  switch (s.kind) {
    case 'passwords':
      if (s.hashed === true) return `${on(s.where)}Passwörter werden nur als gesalzene Hashes gespeichert, nie im Klartext.`;
      if (s.hashed === false) return `${on(s.where)}Passwörter werden in einer Form gespeichert, aus der sie sich wieder lesen lassen (nicht gehasht).`;
      return `${on(s.where)}${TO_COMPLETE} Wie Passwörter gespeichert werden, lässt sich aus der Konfiguration nicht ablesen; was zu prüfen ist, steht in der Fußnote.`;
    case 'inactive-accounts':
      return `${on(s.where)}${kept(s.figure, 'nicht mehr genutzte Konten', 'ein nicht mehr genutztes Konto')}`;
    case 'ip-record': {
      const whose = { all: 'Die IP-Adressen aller Verbindungen', 'failed-logins': 'Die IP-Adressen fehlgeschlagener Anmeldeversuche', registrations: 'Die IP-Adressen neuer Registrierungen', some: 'Einige IP-Adressen' }[s.which];
      const where = { log: `werden in das Protokoll ${s.place} geschrieben`, storage: `werden vom Server gespeichert (${s.place})`, message: `werden an die Administratoren geschickt (${s.place})` }[s.medium];
      return `${whose} ${where}. ${kept(s.figure, 'diese Einträge', 'ein Eintrag')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    }
    case 'no-ip-records':
      return 'IP-Adressen werden weder in Protokolle geschrieben noch gespeichert.';
    case 'login-times':
      return `${on(s.where)}Der Server speichert, wann Sie sich anmelden.${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-login-times':
      return 'Der Zeitpunkt Ihrer Anmeldung wird nicht gespeichert.';
    case 'archive': {
      const one = s.scope === 'one-to-one';
      const policy = one
        ? {
            always: 'Standardmäßig speichert der Server Ihre Nachrichten in einem Archiv, damit alle Ihre Geräte sie abrufen können; Sie können das in Ihrem Client abschalten.',
            roster: 'Standardmäßig archiviert der Server Ihre Nachrichten mit den Kontakten aus Ihrer Kontaktliste; Sie können das in Ihrem Client abschalten.',
            never: 'Ihre Nachrichten werden nur archiviert, wenn Sie das Archiv in Ihrem Client einschalten.',
            unknown: `${TO_COMPLETE} Ob Nachrichten standardmäßig archiviert werden, lässt sich aus der Konfiguration nicht ablesen.`,
          }[s.policy]
        : {
            always: 'Standardmäßig speichern Gruppenchats ihre Nachrichten in einem Archiv.',
            roster: 'Standardmäßig speichern Gruppenchats ihre Nachrichten in einem Archiv.',
            never: 'Gruppenchats speichern ihre Nachrichten nur dann in einem Archiv, wenn ihre Besitzer das einschalten.',
            unknown: `${TO_COMPLETE} Ob Gruppenchats ihre Nachrichten standardmäßig archivieren, lässt sich aus der Konfiguration nicht ablesen.`,
          }[s.policy];
      const figure = kept(s.figure, one ? 'Nachrichten im Archiv' : 'Gruppenchat-Nachrichten im Archiv', 'eine Nachricht');
      return `${on(s.where)}${policy} ${figure}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    }
    case 'no-archive':
      return s.scope === 'one-to-one' ? 'Der Server führt kein Archiv Ihrer Nachrichten.' : 'Der Server führt kein Archiv von Gruppenchats.';
    case 'offline':
      return `${on(s.where)}Nachrichten, die Sie erhalten, während Sie offline sind, werden gespeichert, bis Sie wieder online sind. ${kept(s.figure, 'diese Nachrichten', 'eine Nachricht')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-offline':
      return 'Nachrichten, die Sie erhalten, während Sie offline sind, werden nicht auf dem Server gespeichert.';
    case 'uploads':
      return `${on(s.where)}Dateien, die Sie teilen, werden auf den Server hochgeladen. ${kept(s.figure, 'hochgeladene Dateien', 'eine Datei')}${s.uncertain ? ` ${UNCERTAIN}` : ''}`;
    case 'no-uploads':
      return 'Der Server bietet kein Hochladen von Dateien an.';
    case 'log': {
      const content = s.content === true ? ' Es kann den Text von Nachrichten enthalten.' : s.content === 'unknown' ? ` ${TO_COMPLETE} Ob es den Text von Nachrichten enthält, lässt sich aus der Konfiguration nicht ablesen.` : '';
      return `Der Server schreibt ein Protokoll nach ${s.place}.${content} ${kept(s.figure, 'Einträge in diesem Protokoll', 'ein Eintrag')}`;
    }
    case 'no-logs':
      return 'Der Server schreibt keine Protokolle.';
    case 'backup': {
      const encrypted = { true: 'Sie sind verschlüsselt.', false: 'Sie sind nicht verschlüsselt.', unknown: `${TO_COMPLETE} Ob sie verschlüsselt sind, lässt sich aus der Konfiguration nicht ablesen.` }[String(s.encrypted) as 'true' | 'false' | 'unknown'];
      return `Sicherungen (${s.tool}) werden ${every(s.interval)} erstellt. ${encrypted} ${kept(s.retention, 'Sicherungen', 'eine Sicherung')}`;
    }
    case 'no-backups':
      return `${TO_COMPLETE} Es wurde keine Konfiguration für Sicherungen gefunden; falls Sicherungen erstellt werden, ist anzugeben, wie oft, ob sie verschlüsselt sind und wie lange sie aufbewahrt werden.`;
    case 'push': {
      const parts = s.body === false && s.sender === false
        ? 'Sie enthalten weder den Text Ihrer Nachrichten noch deren Absender.'
        : [
            s.body === true ? 'Sie können den Text Ihrer Nachrichten enthalten.' : s.body === false ? 'Sie enthalten nicht den Text Ihrer Nachrichten.' : `${TO_COMPLETE} Ob sie den Text Ihrer Nachrichten enthalten, lässt sich aus der Konfiguration nicht ablesen.`,
            s.sender === true ? 'Sie können den Absender enthalten.' : s.sender === false ? 'Sie enthalten nicht den Absender.' : `${TO_COMPLETE} Ob sie den Absender enthalten, lässt sich aus der Konfiguration nicht ablesen.`,
          ].join(' ');
      return `${on(s.where)}Um Ihre App auf dem Telefon zu wecken, schickt der Server Push-Benachrichtigungen über den Push-Dienst des App-Herstellers (zum Beispiel von Apple oder Google). ${parts}`;
    }
    case 'no-push':
      return 'Der Server verschickt keine Push-Benachrichtigungen.';
    case 'transport': {
      const between = s.channel === 'c2s' ? 'Verbindungen zwischen Ihrer App und dem Server' : 'Verbindungen zwischen dem Server und anderen Servern';
      if (s.required === true) return `${on(s.where)}${between} sind immer verschlüsselt.`;
      if (s.required === false) return `${on(s.where)}${between} müssen nicht verschlüsselt sein.`;
      return `${on(s.where)}${TO_COMPLETE} Ob ${between} verschlüsselt sein müssen, lässt sich aus der Konfiguration nicht ablesen.`;
    }
    case 'nothing-read':
      return `${TO_COMPLETE} Es wurde keine Konfiguration des XMPP-Servers (Prosody oder ejabberd) gelesen; was er hier speichert, lässt sich daher nicht sagen.`;
  }
}

export const GERMAN: Phrases = {
  title: 'Was wir speichern und wie lange',
  intro:
    'Dieser Abschnitt wurde von privacy-lint aus der Konfiguration des Servers erzeugt. Die Fußnote zu jeder Aussage nennt die Zeilen der Konfiguration, auf denen sie beruht. Wo die Konfiguration es nicht zeigt, steht **Zu ergänzen** und was zu prüfen ist.',
  headings: {
    accounts: 'Kontodaten und Passwörter',
    ipAddresses: 'IP-Adressen',
    loginTimes: 'Anmeldezeiten',
    messageArchive: 'Nachrichtenarchiv (Einzel- und Gruppenchats)',
    offlineMessages: 'Offline-Nachrichten',
    fileUploads: 'Hochgeladene Dateien',
    logs: 'Server-Protokolle',
    backups: 'Sicherungen',
    push: 'Push-Benachrichtigungen',
    transport: 'Transportverschlüsselung',
  },
  sentence,
  footnote: {
    default: (software, release, source) => `Standardwert von ${software} ${release} (${source})`,
    worstCase: (reason) => `Ungünstigster Fall: ${reason}.`,
    worstUnknown: (reason) => `Nicht zu ermitteln: ${reason}.`,
    noTimeBound: (reason) => `Keine zeitliche Grenze: ${reason}.`,
    cannotTell: (reason) => `Zu prüfen: ${reason}.`,
    filesRead: (files) => `Gelesen: ${files}; keine dieser Dateien richtet das ein.`,
    lookedFor: (paths) => `Gesucht: ${paths}.`,
  },
};
