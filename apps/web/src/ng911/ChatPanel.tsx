import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CallText } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { FloorStore } from '../state/floor-store';
import { loadTexts, sendText } from './ng911-api';

function deliveryWord(t: CallText): string {
  if (t.direction === 'in') return '';
  if (t.deliveryStatus === null) return 'sending…';
  if (t.deliveryStatus >= 200 && t.deliveryStatus < 300) return 'delivered';
  return t.deliveryStatus === 408 ? 'not delivered (no answer from the caller’s network)' : `not delivered (SIP ${t.deliveryStatus})`;
}

/**
 * Text to 9-1-1 on a call: the conversation as it happens and a reply box. Enter sends, Shift+Enter
 * starts a new line; the list is a live region so a screen reader hears new messages.
 */
export function ChatPanel({ callId, store, ended }: { callId: number; store: FloorStore; ended: boolean }) {
  const [texts, setTexts] = useState<CallText[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  const refresh = useCallback(async () => {
    try {
      setTexts(await loadTexts(callId));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [callId]);
  useEffect(() => {
    setTexts(null);
    void refresh();
    return store.onEvent((e) => {
      if (e.type === 'call.text' && e.data.text.callId === callId) void refresh();
    });
  }, [callId, store, refresh]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [texts]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = draft.trim();
    if (!body || sending) return;
    setSending(true);
    try {
      await sendText(callId, body);
      setDraft('');
      setError(null);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.fields['body'] ?? err.message : (err as Error).message);
    } finally {
      setSending(false);
    }
  };
  const keys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <section className="ng911-chat" aria-labelledby={`chat-h-${callId}`}>
      <h3 id={`chat-h-${callId}`}>Text conversation</h3>
      {texts === null && !error && <p className="muted">Loading messages…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {texts && texts.length === 0 && <p className="muted">No messages yet.</p>}
      {texts && texts.length > 0 && (
        <ol ref={list} className="ng911-messages" role="log" aria-live="polite" aria-label="Messages with the caller">
          {texts.map((t) => (
            <li key={t.id} className={`ng911-msg ${t.direction}`}>
              <span className="ng911-msg-who">{t.direction === 'in' ? 'Caller' : t.sentBy ?? 'Centre'}</span>{' '}
              <span className="mono muted">{new Date(t.at).toLocaleTimeString([], { hour12: false })}</span>
              <p>{t.body}</p>
              {t.direction === 'out' && <span className={`ng911-delivery ${t.deliveryStatus !== null && (t.deliveryStatus < 200 || t.deliveryStatus >= 300) ? 'error' : 'muted'}`}>{deliveryWord(t)}</span>}
            </li>
          ))}
        </ol>
      )}
      {ended ? (
        <p className="muted">The call has ended; the caller can no longer receive texts on it.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="ng911-reply">
          <label htmlFor={`reply-${callId}`}>Reply to caller</label>
          <textarea id={`reply-${callId}`} rows={2} maxLength={1000} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={keys} placeholder="Type a reply; Enter sends, Shift+Enter for a new line" />
          <button type="submit" disabled={sending || !draft.trim()}>{sending ? 'Sending…' : 'Send'}</button>
        </form>
      )}
    </section>
  );
}
