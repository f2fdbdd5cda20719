// The student page's state: join with a nickname (a pseudonym offered), keep the reconnect token in the page's
// storage (a reload or a dropped connection keeps the identity), choose, follow the views the server sends.
import type { StudentView } from '../../../models/class/classViews';
import type { ServerMessage } from '../../../models/class/protocol';
import { ClassSocket, type SocketFactory } from './ClassSocket';

export type StudentStatus = 'connecting' | 'join' | 'joining' | 'ready' | 'offline';

/** Minimal storage (localStorage in the page, a Map in tests). */
export type TokenStore = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export class StudentClient {
  status = $state<StudentStatus>('connecting');
  view = $state<StudentView | null>(null);
  error = $state<string | null>(null);
  name = $state('');
  code = $state('');
  /** The strategy sent and not yet confirmed by the server. */
  pending = $state<number | null>(null);
  private readonly socket: ClassSocket;
  private readonly key: string;

  constructor(
    url: string,
    code: string,
    suggestedName: string,
    private readonly store: TokenStore | null,
    factory?: SocketFactory,
  ) {
    this.code = code;
    this.name = suggestedName;
    // One token per join code: another session in the same browser does not clash.
    this.key = `parley.class.token.${code.toUpperCase()}`;
    this.socket = new ClassSocket(
      url,
      {
        onOpen: () => this.onOpen(),
        onMessage: (m) => this.onMessage(m),
        onDown: () => {
          this.status = 'offline';
          this.pending = null;
        },
      },
      factory,
    );
    this.socket.connect();
  }

  private token(): string | null {
    try {
      return this.store?.getItem(this.key) ?? null;
    } catch {
      return null;
    }
  }

  private onOpen(): void {
    const token = this.token();
    if (token) {
      this.status = 'joining';
      this.socket.send({ type: 'resume', token });
    } else this.status = 'join';
  }

  private onMessage(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome':
        try {
          this.store?.setItem(this.key, m.token);
        } catch {
          // storage refused (private mode): the identity lasts as long as the page
        }
        this.name = m.name;
        this.error = null;
        return;
      case 'student':
        this.view = m.view;
        this.status = 'ready';
        this.pending = null;
        return;
      case 'error':
        this.pending = null;
        if (m.code === 'bad-token') {
          try {
            this.store?.removeItem(this.key);
          } catch {
            // nothing stored
          }
          this.status = 'join';
          return;
        }
        if (this.status === 'joining' && !this.view) this.status = 'join';
        this.error = m.message;
        return;
      case 'teacher':
        return;
    }
  }

  join(): void {
    this.error = null;
    if (this.socket.send({ type: 'join', code: this.code.trim(), name: this.name.trim() }))
      this.status = 'joining';
  }

  choose(strategy: number): void {
    const v = this.view;
    if (!v || v.session.phase !== 'open') return;
    this.error = null;
    if (this.socket.send({ type: 'choose', round: v.session.round, strategy })) this.pending = strategy;
  }

  dispose(): void {
    this.socket.close();
  }
}
