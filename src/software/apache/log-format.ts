/**
 * Which parts of an Apache LogFormat / ErrorLogFormat string carry a client's address
 * (httpd 2.4 modules/loggers/mod_log_config.c log_item_keys, server/log.c log_error_items;
 * https://httpd.apache.org/docs/2.4/mod/mod_log_config.html#formats).
 */
export interface IpField {
  /** The format item as written, e.g. `%h`, `%{X-Forwarded-For}i`. */
  item: string;
  /** What it holds, for messages. */
  meaning: string;
  /**
   * 1-based blank-separated column of the logged line where it appears (anonip's --column);
   * undefined when an earlier item can hold blanks (a request header, a custom %{..}t).
   */
  column: number | undefined;
}

/** Request headers that carry a client address set by a proxy or CDN. */
export const IP_HEADERS = [
  'x-forwarded-for',
  'forwarded',
  'x-real-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-client-ip',
  'client-ip',
  'fastly-client-ip',
  'x-cluster-client-ip',
  'x-original-forwarded-for',
];

/** The Common Log Format, used by TransferLog without a default LogFormat (mod_log_config.c DEFAULT_LOG_FORMAT). */
export const DEFAULT_LOG_FORMAT = '%h %l %u %t "%r" %>s %b';

export function ipFields(format: string, hostnameLookups: boolean): IpField[] {
  const out: IpField[] = [];
  // Modifiers (`%!200,304h`, `%<s`) come between % and the optional {arg}; strip them (Apache 2.4 mod_log_config docs, "Custom Log Formats": modifiers).
  const re = /%([!0-9,<>]*)(?:\{([^}]*)\})?([a-zA-Z%])/g;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    const arg = m[2];
    const letter = m[3] as string;
    let meaning: string | undefined;
    if (letter === 'h') {
      meaning = arg === 'c' ? 'the address of the connection peer' : hostnameLookups ? "the client's host name (HostnameLookups is on), or its IP address" : "the client's IP address";
    } else if (letter === 'a') {
      meaning = arg === 'c' ? 'the IP address of the connection peer' : "the client's IP address";
    } else if (letter === 'i' && arg !== undefined && IP_HEADERS.includes(arg.toLowerCase())) {
      meaning = `the ${arg} request header (client addresses set by proxies)`;
    } else if (letter === 'e' && arg !== undefined && /^REMOTE_(ADDR|HOST)$/i.test(arg)) {
      meaning = `the ${arg} environment variable (the client's address)`;
    }
    if (meaning === undefined) continue;
    const prefix = format.slice(0, m.index);
    const wordsBefore = prefix.split(/\s+/).filter((w) => w !== '').length;
    // An item glued to the previous word (`x%h`) shares its column.
    let column: number | undefined = prefix === '' || /\s$/.test(prefix) ? wordsBefore + 1 : wordsBefore;
    for (const earlier of prefix.matchAll(/%[!0-9,<>]*(?:\{([^}]*)\})?([a-zA-Z%])/g)) {
      const [, earlierArg, earlierLetter] = earlier;
      // %t logs `[21/Nov/2026:05:36:28 +0000]` (two words), %r `GET / HTTP/1.1` (three).
      if (earlierLetter === 't' && earlierArg === undefined) column = column === undefined ? undefined : column + 1;
      else if (earlierLetter === 'r') column = column === undefined ? undefined : column + 2;
      else if (earlierArg !== undefined && 'ieCont'.includes(earlierLetter as string)) column = undefined;
    }
    out.push({ item: m[0], meaning, column });
  }
  return out;
}
