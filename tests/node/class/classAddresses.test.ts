// The class server's URL and Host-header rules for loopback, wildcard and LAN binds (no LAN needed: the machine's
// addresses are passed in), and a real server bound to another loopback address standing in for a LAN address.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { networkInterfaces } from 'node:os';
import {
  classAddresses,
  isLoopbackHost,
  machineLanAddresses,
  urlHost,
} from '../../../node/class/classAddresses';
import { startKit, TestClient, type Kit } from './classTestKit';

const LAN = ['192.168.1.20', '10.0.0.5', '[fd00::20]'];

describe('classAddresses', () => {
  it('loopback (the default): 127.0.0.1 for students and teacher; only loopback names are served', () => {
    const a = classAddresses('127.0.0.1', 5179, LAN);
    expect(a.lan).toBe(false);
    expect(a.publicHost).toBe('127.0.0.1');
    expect(a.teacherHost).toBe('127.0.0.1');
    expect([...a.allowedHosts].sort()).toEqual(['127.0.0.1:5179', '[::1]:5179', 'localhost:5179']);
  });

  it('a wildcard bind: students get the first LAN address, the teacher stays on 127.0.0.1, every address is served', () => {
    for (const bind of ['0.0.0.0', '::']) {
      const a = classAddresses(bind, 8080, LAN);
      expect(a.lan).toBe(true);
      expect(a.publicHost).toBe('192.168.1.20');
      expect(a.teacherHost).toBe('127.0.0.1');
      for (const h of ['192.168.1.20', '10.0.0.5', '[fd00::20]', '127.0.0.1', 'localhost', '[::1]'])
        expect(a.allowedHosts.has(`${h}:8080`), h).toBe(true);
      expect(a.allowedHosts.has('evil.example:8080')).toBe(false);
      expect(a.allowedHosts.has('192.168.1.20:80')).toBe(false); // another port is another origin
    }
    // no network at all: still a usable URL
    expect(classAddresses('0.0.0.0', 1, []).publicHost).toBe('127.0.0.1');
  });

  it('one LAN address: only that address is served, for students and teacher alike', () => {
    const a = classAddresses('192.168.1.20', 5179, LAN);
    expect(a.lan).toBe(true);
    expect(a.publicHost).toBe('192.168.1.20');
    expect(a.teacherHost).toBe('192.168.1.20');
    expect([...a.allowedHosts]).toEqual(['192.168.1.20:5179']);
  });

  it('an IPv6 LAN address is bracketed in URLs and Host headers', () => {
    const a = classAddresses('fd00::20', 5179, LAN);
    expect(a.publicHost).toBe('[fd00::20]');
    expect([...a.allowedHosts]).toEqual(['[fd00::20]:5179']);
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('10.0.0.1')).toBe('10.0.0.1');
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
  });

  it("lists the machine's LAN addresses: IPv4 first, no loopback, no link-local IPv6", () => {
    const base = { netmask: '', mac: '00:00:00:00:00:00', cidr: null };
    const fake = {
      lo: [{ ...base, address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { ...base, address: 'fe80::1', family: 'IPv6', internal: false, scopeid: 2 },
        { ...base, address: 'fd00::20', family: 'IPv6', internal: false, scopeid: 0 },
        { ...base, address: '192.168.1.20', family: 'IPv4', internal: false },
      ],
    } as unknown as ReturnType<typeof networkInterfaces>;
    expect(machineLanAddresses(fake)).toEqual(['192.168.1.20', '[fd00::20]']);
  });
});

const get = (port: number, host: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((ok, fail) => {
    const req = request({ host, port, path: '/join', headers }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });

describe('a server bound to one address (127.0.0.2 stands in for a LAN address)', () => {
  let kit: Kit | null = null;
  afterEach(async () => {
    await kit?.cleanup();
    kit = null;
  });

  it('prints URLs on that address and answers only requests that name it', async () => {
    kit = await startKit('chicken', { host: '127.0.0.2' });
    const port = kit.server.port;
    expect(kit.server.lan).toBe(true);
    expect(kit.server.joinUrl).toBe(`http://127.0.0.2:${port}/join#${kit.server.joinCode}`);
    expect(kit.server.teacherUrl.startsWith(`http://127.0.0.2:${port}/teacher#`)).toBe(true);
    expect(kit.server.serverUrl).toBe(`ws://127.0.0.2:${port}/ws`);
    expect(await get(port, '127.0.0.2')).toBe(200);
    // the same socket reached under another name (a rebinding attacker's domain, or loopback) is refused
    expect(await get(port, '127.0.0.2', { host: `127.0.0.1:${port}` })).toBe(421);
    expect(await get(port, '127.0.0.2', { host: `evil.example:${port}` })).toBe(421);
    // nothing listens on 127.0.0.1
    await expect(get(port, '127.0.0.1')).rejects.toThrow(/ECONNREFUSED/);
    const ws = await TestClient.connect(kit.server.serverUrl, { origin: `http://127.0.0.2:${port}` });
    ws.close();
  });

  it('the default bind is loopback: lan is false and the URLs name 127.0.0.1', async () => {
    kit = await startKit('chicken');
    expect(kit.server.lan).toBe(false);
    expect(kit.server.serverUrl).toBe(`ws://127.0.0.1:${kit.server.port}/ws`);
    expect(kit.server.qr).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('allowedOrigins lets the named page origins (the desktop app, the web app) open the WebSocket, and no other', async () => {
    kit = await startKit('chicken', { allowedOrigins: ['app://parley', 'http://127.0.0.1:5178'] });
    for (const origin of ['app://parley', 'http://127.0.0.1:5178']) {
      const c = await TestClient.connect(kit.ws, { origin });
      c.close();
    }
    for (const origin of ['app://evil', 'http://127.0.0.1:5177', 'null', 'http://localhost:5178'])
      await expect(TestClient.connect(kit.ws, { origin }), origin).rejects.toThrow(/403/);
  });
});
