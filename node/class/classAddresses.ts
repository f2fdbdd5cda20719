// The class server's addresses, from its bind address, its port and this machine's network addresses: the host the
// students' join URL names, the host the teacher's own screen uses, and the Host headers the server answers (the
// DNS-rebinding guard: a request naming any other host is refused).
import { networkInterfaces } from 'node:os';

export type ClassAddresses = {
  /** Reachable from the local network (the teacher opted in by binding something other than loopback). */
  readonly lan: boolean;
  /** Host part of the join URL (an IPv6 address in brackets). */
  readonly publicHost: string;
  /** Host part of the teacher's URL and WebSocket: the bind address, or 127.0.0.1 for a wildcard bind. */
  readonly teacherHost: string;
  /** The `host:port` values accepted in Host headers (lower case). */
  readonly allowedHosts: ReadonlySet<string>;
};

/** 127.0.0.1, localhost and ::1 (the addresses the server binds by default). */
export const isLoopbackHost = (host: string): boolean =>
  host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]';

/** An address as a URL host: IPv6 in brackets. */
export const urlHost = (host: string): string =>
  host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

/**
 * This machine's addresses a LAN client could use, as URL hosts: IPv4 first, then IPv6; internal (loopback) and
 * link-local IPv6 addresses (fe80::/10, which need a zone id a URL cannot carry) are left out.
 */
export const machineLanAddresses = (
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string[] => {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') v4.push(a.address);
      else if (!/^fe[89ab]/i.test(a.address) && !a.address.includes('%')) v6.push(urlHost(a.address));
    }
  }
  return [...v4, ...v6];
};

/**
 * The addresses of a server bound to `bindHost` on `port`.
 * - loopback (default): join and teacher URLs on 127.0.0.1 (or the name given); 127.0.0.1, localhost and [::1] served;
 * - a wildcard (0.0.0.0, ::): the join URL names the first LAN address (127.0.0.1 when there is none), every LAN
 *   address and the loopback names are served, the teacher's screen stays on 127.0.0.1;
 * - one address of this machine (e.g. 192.168.1.20): only that address is served, for students and teacher alike.
 */
export const classAddresses = (
  bindHost: string,
  port: number,
  lanAddresses: readonly string[],
): ClassAddresses => {
  const host = bindHost.toLowerCase();
  const loopback = isLoopbackHost(host);
  const wildcard = isWildcard(host);
  const publicHost = wildcard ? (lanAddresses[0] ?? '127.0.0.1') : urlHost(host);
  const allowed = new Set<string>([`${publicHost}:${port}`]);
  if (wildcard || loopback) for (const h of ['127.0.0.1', 'localhost', '[::1]']) allowed.add(`${h}:${port}`);
  if (wildcard) for (const a of lanAddresses) allowed.add(`${a.toLowerCase()}:${port}`);
  return {
    lan: !loopback,
    publicHost,
    teacherHost: wildcard ? '127.0.0.1' : publicHost,
    allowedHosts: allowed,
  };
};
