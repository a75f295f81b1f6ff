import { useEffect, useState } from 'react';

export type Lang = 'en' | 'es';

/** The language of a public page: ?lang=es in the link, else the browser's preference, else English. */
export function initialLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'es' || q === 'en') return q;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The page's language, switchable, kept in the address so a shared link opens in the same language. */
export function useLang(): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    const u = new URL(location.href);
    u.searchParams.set('lang', lang);
    history.replaceState(null, '', u);
  }, [lang]);
  return [lang, setLang];
}

/** Picks a page's words in the current language. */
export function words<T>(dict: Record<Lang, T>, lang: Lang): T {
  return dict[lang];
}

export function LanguageSwitch({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  return (
    <div className="lang-switch" role="group" aria-label="Language / Idioma">
      <button type="button" className={lang === 'en' ? 'active' : 'secondary'} aria-pressed={lang === 'en'} onClick={() => onChange('en')} lang="en">English</button>
      <button type="button" className={lang === 'es' ? 'active' : 'secondary'} aria-pressed={lang === 'es'} onClick={() => onChange('es')} lang="es">Español</button>
    </div>
  );
}
