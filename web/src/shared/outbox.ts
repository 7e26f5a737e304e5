import type { Submission, SubmissionReceipt } from '../../../server/responses/schema.ts';
import { openStore } from './idb-store.ts';
import { type Answer, judgeAnswer } from './outbox-retry-rule.ts';

/** A submission waiting on the device until the server has it. */
export type OutboxItem = {
  id: string;
  body: Submission;
  /** A kiosk's token travels with its submissions; never a resident's anything. */
  token: string | null;
  attempts: number;
  nextAttemptAt: number;
  /**
   * `rejected`: the server answered a final 4xx (outbox-retry-rule.ts); retrying would only
   * repeat that, so it is shown instead.
   */
  state: 'pending' | 'rejected';
  /** The final status (401: the kiosk's token was refused) and the server's message. */
  status?: number;
  error?: string;
};

/** What became of one item after a try: for a screen that waits on its own response. */
export type ItemOutcome = 'delivered' | 'waiting' | 'rejected';

export type OutboxEvents = {
  /** The server has the response (201, or 200 for a retry it already had). */
  onDelivered?: (item: OutboxItem, receipt: SubmissionReceipt) => void;
  onRejected?: (item: OutboxItem) => void;
  /** Anything changed: a count to redraw. */
  onChange?: (pending: number, rejected: number) => void;
};

/**
 * The offline queue. A response is written to IndexedDB before anything is sent, so a closed
 * tab, a dead battery or no signal loses nothing; it is deleted only when the server answers
 * 201 or 200 with its receipt. What each other answer means is `judgeAnswer`'s: 5xx and no
 * answer wait and retry, other 4xx are final. The server's idempotency (same id, same body
 * → 200) makes every retry safe.
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

  const listeners = new Set<(id: string, outcome: ItemOutcome) => void>();
  const tell = (id: string, outcome: ItemOutcome) => {
    for (const listener of listeners) listener(id, outcome);
  };

  /** One try; the answer is reduced to what the rule needs, the body read only when useful. */
  const post = async (item: OutboxItem): Promise<{ answer: Answer; body: unknown }> => {
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
      return { answer: null, body: null };
    }
    // A body cut off mid-way is no answer to judge: the same as no answer.
    const body: unknown = await res.json().catch(() => null);
    const receiptMatches = (body as { id?: unknown } | null)?.id === item.id;
    return {
      answer: { status: res.status, retryAfter: res.headers.get('retry-after'), receiptMatches },
      body,
    };
  };

  const sendOne = async (item: OutboxItem) => {
    const { answer, body } = await post(item);
    const verdict = judgeAnswer(answer, item.attempts, Date.now());
    if (verdict.kind === 'stored') {
      await store.delete(item.id);
      events.onDelivered?.(item, body as SubmissionReceipt);
      tell(item.id, 'delivered');
      return;
    }
    if (verdict.kind === 'final') {
      const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
      const rejected: OutboxItem = {
        ...item,
        state: 'rejected',
        status: verdict.status,
        error: typeof message === 'string' ? message : `HTTP ${verdict.status}`,
      };
      await store.put(rejected);
      events.onRejected?.(rejected);
      tell(item.id, 'rejected');
      return;
    }
    await store.put({
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt: Date.now() + verdict.delayMs,
    });
    tell(item.id, 'waiting');
  };

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
    /** Calls `listener` after each try of any item; returns the unsubscribe. */
    onOutcome(listener: (id: string, outcome: ItemOutcome) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Forgets a rejected item once a person has seen it. */
    async dismiss(id: string) {
      await store.delete(id);
      await notify();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      listeners.clear();
      store.close();
    },
  };
}

export type Outbox = Awaited<ReturnType<typeof openOutbox>>;
