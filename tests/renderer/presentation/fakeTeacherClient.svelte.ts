// A stand-in for TeacherClient in component tests: no socket; the test sets `view` as the server would send it.
import type { TeacherView } from '../../../models/class/classViews';

export class TeacherClient {
  static instances: TeacherClient[] = [];
  view = $state.raw<TeacherView | null>(null);
  disposed = false;
  constructor(
    readonly url: string,
    readonly token: string,
  ) {
    TeacherClient.instances.push(this);
  }
  dispose(): void {
    this.disposed = true;
  }
}
