// Class sessions in the web build: the local server of `npm run web` (scripts/serve-web.mjs) answers POST
// /api/class/<route> for pages it serves itself (node/class/classWebApi.ts checks loopback, Host, Origin, JSON and
// size). On any other host the endpoint is missing, `available()` is false and the app explains `parley class`.
import { failure, type ClassSessionPort, type ClassStartResult } from './Platform';

type Answer = { readonly status: number; readonly body: unknown };

export const browserClassSessions = (fetchFn: typeof fetch): ClassSessionPort => {
  const post = async (route: string, body: unknown): Promise<Answer> => {
    const r = await fetchFn(`/api/class/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const type = r.headers.get('content-type') ?? '';
    return {
      status: r.status,
      body: type.startsWith('application/json') ? ((await r.json()) as unknown) : null,
    };
  };
  const result = async (route: string, body: unknown): Promise<ClassStartResult> => {
    try {
      const a = await post(route, body);
      if (a.status === 200 && a.body && typeof a.body === 'object') return a.body as ClassStartResult;
      const error = (a.body as { error?: unknown } | null)?.error;
      return failure(typeof error === 'string' ? error : `the local server answered HTTP ${a.status}`);
    } catch (e) {
      return failure(`the local server did not answer (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  let available: Promise<boolean> | null = null;
  return {
    available: () =>
      (available ??= post('resumable', {}).then(
        (a) => a.status === 200,
        () => false,
      )),
    start: (request) => result('start', request),
    resumable: async () => {
      try {
        const a = await post('resumable', {});
        return a.status === 200 && a.body && typeof a.body === 'object'
          ? (a.body as Awaited<ReturnType<ClassSessionPort['resumable']>>)
          : null;
      } catch {
        return null;
      }
    },
    resume: (sessionId) => result('resume', { sessionId }),
    stop: async () => {
      await post('stop', {}).catch(() => undefined);
    },
  };
};
