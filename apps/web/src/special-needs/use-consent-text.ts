import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Lang } from '../public/i18n';

/** The consent statement as the server words it (the PDF copy uses the same words). */
export function useConsentText(lang: Lang): string | null {
  const [text, setText] = useState<Record<Lang, string> | null>(null);
  useEffect(() => {
    api<Record<Lang, string>>('GET', '/api/v1/public/special-needs/consent').then(setText, () => setText(null));
  }, []);
  return text?.[lang] ?? null;
}
