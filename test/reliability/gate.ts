/**
 * A gate in front of the local GitHub API server: a loopback proxy, one per run, that can hold
 * a run's requests until something happened elsewhere (another run's request was answered). It
 * forces an interleaving of two concurrent runs without sleeping on real time.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

interface Matcher {
  method: string;
  /** Tested against path + query. */
  path: RegExp;
}

export interface Gate {
  /** The API URL to give the run (GITHUB_API_URL). */
  url: string;
  /** Requests matching `matcher` wait until `until` settles. */
  hold(matcher: Matcher, until: Promise<unknown>): void;
  /** Settles once a request matching `matcher` has been answered in full. */
  answered(matcher: Matcher): Promise<void>;
  close(): Promise<void>;
}

function matches(m: Matcher, req: IncomingMessage): boolean {
  m.path.lastIndex = 0;
  return req.method === m.method && m.path.test(req.url ?? '');
}

/** Starts a gate forwarding to `origin` (the server's `http://127.0.0.1:port`). */
export async function startGate(origin: string): Promise<Gate> {
  const target = new URL(origin);
  const holds: { matcher: Matcher; until: Promise<unknown> }[] = [];
  const waiters: { matcher: Matcher; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void (async () => {
      for (const h of holds) if (matches(h.matcher, req)) await h.until;
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => {
            for (const w of waiters.filter((x) => matches(x.matcher, req))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          });
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname.replace(/\/+$/, '')}`,
    hold(matcher, until) {
      holds.push({ matcher, until });
    },
    answered(matcher) {
      return new Promise<void>((resolve) => waiters.push({ matcher, resolve }));
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
