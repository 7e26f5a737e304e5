import type { Submission, SubmissionReceipt } from '../../../server/responses/schema.ts';
import { openStore } from './idb-store.ts';

/** A submission waiting on the device until the server has it. */
export type OutboxItem = {
  id: string;
  body: Submission;
  /** A kiosk's token travels with its submissions; never a resident's anything. */
  token: string | null;
  attempts: number;
  nextAttemptAt: number;
  /** `rejected`: the server said 400 or 409; retrying would only repeat that, so it is shown instead. */
  state: 'pending' | 'rejected';
  error?: string;
};

export type OutboxEvents = {
  /** The server has the response (201, or 200 for a retry it already had). */
  onDelivered?: (item: OutboxItem, receipt: SubmissionReceipt) => void;
  onRejected?: (item: OutboxItem) => void;
  /** Anything changed: a count to redraw. */
  onChange?: (pending: number, rejected: number) => void;
};

/** 2 s, 4 s, 8 s … up to 5 minutes, with jitter so a village's phones do not retry in step. */
export function retryDelay(attempts: number, random = Math.random) {
  const base = Math.min(2000 * 2 ** attempts, 5 * 60_000);
  return base / 2 + random() * (base / 2);
}

/**
 * The offline queue. A response is written to IndexedDB before anything is sent, so a closed
 * tab, a dead battery or no signal loses nothing; it is deleted only when the server answers
 * 201 or 200. The server's idempotency (same id, same body → 200) makes every retry safe.
 */
export async function openOutbox(dbName: string, events: OutboxEvents = {}) {
  const store = await openStore<OutboxItem>(dbName, 'outbox');
  let flushing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const notify = async () => {
    const items = await store.all();
    events.onChange?.(
      items.filter((i) => i.state === 'pending').length,
      items.filter((i) => i.state === 'rejected').length,
    );
  };

  const sendOne = async (item: OutboxItem) => {
    let res: Response;
    try {
      res = await fetch('/api/responses', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(item.token ? { authorization: `Bearer ${item.token}` } : {}),
        },
        body: JSON.stringify(item.body),
      });
    } catch {
      return reschedule(item);
    }
    if (res.status === 201 || res.status === 200) {
      const receipt = (await res.json()) as SubmissionReceipt;
      await store.delete(item.id);
      events.onDelivered?.(item, receipt);
      return;
    }
    if (res.status === 400 || res.status === 409) {
      const body = await res.json().catch(() => null);
      const rejected = {
        ...item,
        state: 'rejected' as const,
        error: body?.error?.message ?? res.statusText,
      };
      await store.put(rejected);
      events.onRejected?.(rejected);
      return;
    }
    // 401 (a kiosk not paired yet), 413, 429, 5xx: the server may take it later.
    return reschedule(item);
  };

  const reschedule = (item: OutboxItem) =>
    store.put({
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt: Date.now() + retryDelay(item.attempts),
    });

  const schedule = async () => {
    clearTimeout(timer);
    if (closed) return;
    const pending = (await store.all()).filter((i) => i.state === 'pending');
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((i) => i.nextAttemptAt));
    timer = setTimeout(() => void flush(), Math.max(next - Date.now(), 250));
  };

  /** Sends every item that is due, one at a time (a kiosk on a weak line sends little at once). */
  const flush = (force = false): Promise<void> => {
    flushing ??= (async () => {
      try {
        const due = (await store.all())
          .filter((i) => i.state === 'pending' && (force || i.nextAttemptAt <= Date.now()))
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
        for (const item of due) {
          if (closed) break;
          await sendOne(item);
        }
      } finally {
        flushing = null;
        await notify();
        await schedule();
      }
    })();
    return flushing;
  };

  const onOnline = () => void flush(true);
  window.addEventListener('online', onOnline);
  await notify();
  void flush();

  return {
    /** Queues a submission durably, then tries to send it at once. */
    async add(body: Submission, token: string | null = null) {
      await store.put({
        id: body.id,
        body,
        token,
        attempts: 0,
        nextAttemptAt: Date.now(),
        state: 'pending',
      });
      await notify();
      void flush(true);
    },
    flush,
    items: () => store.all(),
    /** Forgets a rejected item once a person has seen it. */
    async dismiss(id: string) {
      await store.delete(id);
      await notify();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      store.close();
    },
  };
}

export type Outbox = Awaited<ReturnType<typeof openOutbox>>;
