import { connect } from 'node:net';

const REPLY_TIMEOUT_MS = 5_000;
const CLOSE_TIMEOUT_MS = 2_000;

export interface StreamExchange {
  /** What the server sent before we closed (its stream header, features or a stream error). */
  received: string;
  /** The address and port the server saw us connect from. */
  localAddress: string;
  localPort: number;
}

/**
 * One TCP connection from `from` to `server:port`: sends a client stream header for `domain`,
 * reads until the server has answered with its own stream header (or REPLY_TIMEOUT_MS), closes
 * the stream and the socket. Never retries: each call is exactly one connection.
 */
export function openXmppStream(server: string, port: number, from: string, domain: string): Promise<StreamExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server, port, localAddress: from });
    let received = '';
    let local: { localAddress: string; localPort: number } | undefined;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(replyTimer);
      clearTimeout(closeTimer);
      socket.destroy();
      if (error) reject(error);
      else if (!local) reject(new Error(`never connected to ${server}:${String(port)}`));
      else resolve({ received, ...local });
    };
    const replyTimer = setTimeout(() => finish(new Error(`no stream header from ${server}:${String(port)} within ${String(REPLY_TIMEOUT_MS)} ms (got ${JSON.stringify(received)})`)), REPLY_TIMEOUT_MS);
    let closeTimer: NodeJS.Timeout | undefined;

    socket.once('connect', () => {
      local = { localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0 };
      socket.write(`<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (closeTimer === undefined && received.includes('<stream:stream')) {
        clearTimeout(replyTimer);
        // Say goodbye politely, then give the server a bounded moment to close its side.
        socket.end('</stream:stream>');
        closeTimer = setTimeout(() => finish(), CLOSE_TIMEOUT_MS);
      }
    });
    socket.once('error', (error) => finish(closeTimer === undefined ? error : undefined));
    socket.once('close', () => finish());
  });
}
