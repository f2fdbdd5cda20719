// Toasts: short messages about what just happened (saved, exported, failed). Errors stay until dismissed; the rest
// fade after 4 s. At most four are shown.
export type ToastKind = 'info' | 'success' | 'error';
export type Toast = { readonly id: number; readonly kind: ToastKind; readonly message: string };

export class NotificationsState {
  toasts = $state.raw<readonly Toast[]>([]);
  #seq = 0;
  readonly #schedule: (fn: () => void, ms: number) => unknown;

  constructor(schedule: (fn: () => void, ms: number) => unknown) {
    this.#schedule = schedule;
  }

  notify(message: string, kind: ToastKind = 'info'): void {
    const id = ++this.#seq;
    this.toasts = [...this.toasts.slice(-3), { id, kind, message }];
    if (kind !== 'error') this.#schedule(() => this.dismiss(id), 4000);
  }

  error(message: string): void {
    this.notify(message, 'error');
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}
