// The class pages' WebSocket: JSON messages, automatic reconnection with backoff (phones sleep, Wi-Fi drops).
import type { ClientMessage, ServerMessage } from '../../../models/class/protocol';

export type SocketHandlers = {
  /** Connected (or reconnected): authenticate here. */
  readonly onOpen: () => void;
  readonly onMessage: (m: ServerMessage) => void;
  readonly onDown: () => void;
};

export type SocketFactory = (url: string) => WebSocket;

/** WebSocket.OPEN (a literal, so tests can pass a stand-in socket). */
const OPEN = 1;

export class ClassSocket {
  private ws: WebSocket | null = null;
  private stopped = false;
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
    private readonly factory: SocketFactory = (u) => new WebSocket(u),
  ) {}

  connect(): void {
    if (this.stopped) return;
    const ws = this.factory(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.handlers.onOpen();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let m: ServerMessage;
      try {
        m = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.handlers.onMessage(m);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.handlers.onDown();
      if (this.stopped) return;
      const delay = Math.min(5000, 500 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  send(m: ClientMessage): boolean {
    if (this.ws?.readyState !== OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
    this.ws = null;
  }
}

/** The session's WebSocket URL for a page served by the class server. */
export const socketUrlOf = (location: { readonly protocol: string; readonly host: string }): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
