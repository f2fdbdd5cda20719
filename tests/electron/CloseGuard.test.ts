import { describe, expect, it, vi } from 'vitest';
import { CloseGuard, type CloseChoice } from '../../electron/main/CloseGuard';

const make = (choice: CloseChoice) => {
  const deps = {
    ask: vi.fn(async () => choice),
    requestSave: vi.fn(),
    close: vi.fn(),
    discardAutosave: vi.fn(async () => undefined),
    onCancel: vi.fn(),
  };
  return { guard: new CloseGuard(deps), deps };
};
const settle = () => new Promise((ok) => setTimeout(ok, 0));

describe('CloseGuard', () => {
  it('a clean window closes without asking', () => {
    const { guard, deps } = make('cancel');
    expect(guard.onCloseRequested()).toBe(false);
    expect(deps.ask).not.toHaveBeenCalled();
  });

  it('a dirty window asks once, even if close is requested repeatedly', async () => {
    const { guard, deps } = make('cancel');
    guard.setDirty(true);
    expect(guard.onCloseRequested()).toBe(true);
    expect(guard.onCloseRequested()).toBe(true);
    await settle();
    expect(deps.ask).toHaveBeenCalledOnce();
    expect(deps.close).not.toHaveBeenCalled();
    expect(deps.onCancel).toHaveBeenCalledOnce();
    expect(guard.dirty).toBe(true);
  });

  it("Don't Save discards the autosave and closes", async () => {
    const { guard, deps } = make('discard');
    guard.setDirty(true);
    expect(guard.onCloseRequested()).toBe(true);
    await settle();
    expect(deps.discardAutosave).toHaveBeenCalledOnce();
    expect(deps.close).toHaveBeenCalledOnce();
    expect(guard.onCloseRequested()).toBe(false); // the close goes through
  });

  it('Save asks the renderer to save and closes only after the save succeeds', async () => {
    const { guard, deps } = make('save');
    guard.setDirty(true);
    guard.onCloseRequested();
    await settle();
    expect(deps.requestSave).toHaveBeenCalledOnce();
    expect(deps.close).not.toHaveBeenCalled();
    expect(guard.waitingForSave).toBe(true);
    await guard.saveFinished(true);
    expect(deps.discardAutosave).toHaveBeenCalledOnce();
    expect(deps.close).toHaveBeenCalledOnce();
    expect(guard.onCloseRequested()).toBe(false);
  });

  it('Save followed by a failed or canceled save keeps the window open and dirty', async () => {
    const { guard, deps } = make('save');
    guard.setDirty(true);
    guard.onCloseRequested();
    await settle();
    await guard.saveFinished(false);
    expect(deps.close).not.toHaveBeenCalled();
    expect(guard.dirty).toBe(true);
    expect(guard.waitingForSave).toBe(false);
    expect(deps.onCancel).toHaveBeenCalledOnce();
    // a later ordinary save does not close the window by surprise
    await guard.saveFinished(true);
    expect(deps.close).not.toHaveBeenCalled();
    expect(guard.dirty).toBe(false);
  });

  it('a failing dialog counts as Cancel; reset starts a new window clean', async () => {
    const { guard, deps } = make('discard');
    deps.ask.mockRejectedValueOnce(new Error('no dialog'));
    guard.setDirty(true);
    guard.onCloseRequested();
    await settle();
    expect(deps.close).not.toHaveBeenCalled();
    guard.reset();
    expect(guard.dirty).toBe(false);
    expect(guard.onCloseRequested()).toBe(false);
  });
});
