// The presentation views' shared keys: which key does what, and when keys are left alone.
import { describe, expect, it, vi } from 'vitest';
import { projectorKeydown } from '../../../renderer/lib/util/projectorKeys';

const actions = () => ({
  next: vi.fn(),
  prev: vi.fn(),
  first: vi.fn(),
  leave: vi.fn(),
  notify: vi.fn(),
  extra: { c: vi.fn() },
});

const press = (
  handler: (e: KeyboardEvent) => void,
  key: string,
  init: KeyboardEventInit = {},
): KeyboardEvent => {
  const e = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
  handler(e);
  return e;
};

describe('projectorKeydown', () => {
  it('maps →/Space/PageDown, ←/PageUp, Home, Esc and a view’s extra letter, and claims the key', () => {
    const a = actions();
    const h = projectorKeydown(() => false, a);
    for (const k of ['ArrowRight', ' ', 'PageDown']) expect(press(h, k).defaultPrevented).toBe(true);
    expect(a.next).toHaveBeenCalledTimes(3);
    press(h, 'ArrowLeft');
    press(h, 'PageUp');
    expect(a.prev).toHaveBeenCalledTimes(2);
    press(h, 'Home');
    expect(a.first).toHaveBeenCalledTimes(1);
    press(h, 'c');
    expect(a.extra.c).toHaveBeenCalledTimes(1);
    press(h, 'Escape'); // not full screen: leaves presentation
    expect(a.leave).toHaveBeenCalledTimes(1);
    const other = press(h, 'x');
    expect(other.defaultPrevented).toBe(false);
  });

  it('leaves keys alone while a dialog is open, with a modifier, or while typing in a field', () => {
    const a = actions();
    let dialog = true;
    const h = projectorKeydown(() => dialog, a);
    press(h, 'ArrowRight');
    dialog = false;
    press(h, 'ArrowRight', { ctrlKey: true });
    press(h, 'ArrowRight', { altKey: true });
    press(h, 'ArrowRight', { metaKey: true });
    const input = document.createElement('input');
    document.body.append(input);
    const typed = new KeyboardEvent('keydown', { key: ' ', cancelable: true });
    Object.defineProperty(typed, 'target', { value: input });
    h(typed);
    input.remove();
    expect(a.next).not.toHaveBeenCalled();
    press(h, 'ArrowRight');
    expect(a.next).toHaveBeenCalledTimes(1);
  });
});
