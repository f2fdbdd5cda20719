// The teacher screen's state: authenticate with the teacher token, follow the teacher views, send the controls
// (each names the round on screen, so a double click or a stale screen cannot act twice).
import type { TeacherView } from '../../../models/class/classViews';
import type { JoinInfo, ServerMessage, SessionFiles } from '../../../models/class/protocol';
import { ClassSocket, type SocketFactory } from './ClassSocket';

export type TeacherAction = 'start' | 'reveal' | 'next' | 'end';

export class TeacherClient {
  status = $state<'connecting' | 'ready' | 'offline' | 'refused'>('connecting');
  view = $state<TeacherView | null>(null);
  join = $state<JoinInfo | null>(null);
  files = $state<SessionFiles>(null);
  error = $state<string | null>(null);
  /** The control sent and not yet reflected in a view. */
  busy = $state<TeacherAction | null>(null);
  private readonly socket: ClassSocket;

  constructor(url: string, token: string, factory?: SocketFactory) {
    this.socket = new ClassSocket(
      url,
      {
        onOpen: () => this.socket.send({ type: 'teacher', token }),
        onMessage: (m) => this.onMessage(m),
        onDown: () => {
          if (this.status !== 'refused') this.status = 'offline';
          this.busy = null;
        },
      },
      factory,
    );
    this.socket.connect();
  }

  private onMessage(m: ServerMessage): void {
    if (m.type === 'teacher') {
      this.view = m.view;
      this.join = m.join;
      this.files = m.files;
      this.status = 'ready';
      this.busy = null;
    } else if (m.type === 'error') {
      this.busy = null;
      if (m.code === 'bad-token') this.status = 'refused';
      this.error = m.message;
    }
  }

  /** What the buttons may do now. */
  get can(): Record<TeacherAction, boolean> {
    const s = this.view?.session;
    const idle = this.busy === null && this.status === 'ready';
    return {
      start: idle && s?.phase === 'lobby',
      reveal: idle && s?.phase === 'open',
      next: idle && s?.phase === 'revealed' && s.round < s.rounds,
      end: idle && s !== undefined && s.phase !== 'ended',
    };
  }

  control(action: TeacherAction): void {
    const v = this.view;
    if (!v || !this.can[action]) return;
    this.error = null;
    if (this.socket.send({ type: 'control', action, round: v.session.round })) this.busy = action;
  }

  dispose(): void {
    this.socket.close();
  }
}
