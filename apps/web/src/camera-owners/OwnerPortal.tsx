import { useCallback, useEffect, useState } from 'react';
import type { CameraAccessEntry, CameraOwner, FootageRequest, OwnerCamera } from '@openpsap/contract';
import { LanguageSwitch, useLang, type Lang } from '../public/i18n';
import { AddCameraForm } from './AddCameraForm';
import { OwnerAccessLog } from './OwnerAccessLog';
import { OwnerCameraCard } from './OwnerCameraCard';
import { OwnerEntry } from './OwnerEntry';
import { OwnerFootage } from './OwnerFootage';
import { loadAccess, loadCameras, loadFootage, loadOwner, signOutOwner } from './owner-api';
import { ownerWords, type OwnerNotice } from './owner-words';
import './camera-owners.css';

interface Data {
  cameras: OwnerCamera[];
  footage: FootageRequest[];
  access: CameraAccessEntry[];
}

/** The signed-in owner's page: their cameras and consents, footage requests, every access. */
function OwnerHome({ owner, lang, onSignedOut }: { owner: CameraOwner; lang: Lang; onSignedOut: () => void }) {
  const w = ownerWords(lang);
  const [data, setData] = useState<Data | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Kept as a key, not as text, so it follows a change of language.
  const [notice, setNotice] = useState<OwnerNotice | null>(null);
  const [adding, setAdding] = useState(false);
  const reload = useCallback(() => {
    Promise.all([loadCameras(), loadFootage(), loadAccess()]).then(
      ([cameras, footage, access]) => {
        setData({ cameras, footage, access });
        setProblem(null);
      },
      () => setProblem(w.network),
    );
  }, [w.network]);
  useEffect(reload, [reload]);
  const footageFirst = Boolean(data?.footage.some((f) => f.state === 'requested' || f.state === 'approved'));

  return (
    <>
      <div className="owner-topline">
        <p>{w.hello(owner.organisation ?? owner.name)}</p>
        <button type="button" className="secondary" onClick={() => void signOutOwner().finally(onSignedOut)}>{w.signOut}</button>
      </div>
      <p className="owner-status" role="status">{notice ? w[notice] : ''}</p>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      {!data && !problem && <p>{w.loading}</p>}
      {data && (
        <>
          {/* A request waiting for an answer comes first: it has a deadline, the rest can wait. */}
          {footageFirst && <OwnerFootage requests={data.footage} lang={lang} onChanged={reload} />}
          <h2>{w.yourCameras}</h2>
          {data.cameras.length === 0 && <p className="muted">{w.noCameras}</p>}
          {data.cameras.map((c) => (
            <OwnerCameraCard key={c.id} camera={c} lang={lang} onChanged={reload} onNotice={setNotice} />
          ))}
          {/* With a camera on file the long form waits behind a button, so requests and the log stay near. */}
          {data.cameras.length === 0 || adding ? (
            <AddCameraForm lang={lang} onAdded={() => {
              setNotice('saved');
              setAdding(false);
              reload();
            }} />
          ) : (
            <button type="button" className="secondary owner-add-another" onClick={() => setAdding(true)}>{w.addAnother}</button>
          )}
          {!footageFirst && <OwnerFootage requests={data.footage} lang={lang} onChanged={reload} />}
          <OwnerAccessLog entries={data.access} lang={lang} />
        </>
      )}
    </>
  );
}

/** /public/cameras: the portal's entry when signed out, the owner's page when signed in. */
export function OwnerPortalPage() {
  const [lang, setLang] = useLang();
  const w = ownerWords(lang);
  const [owner, setOwner] = useState<CameraOwner | null | undefined>(undefined);
  const [problem, setProblem] = useState(false);
  useEffect(() => {
    loadOwner().then(setOwner, () => setProblem(true));
  }, []);
  useEffect(() => {
    document.title = w.title;
  }, [w.title]);
  return (
    <main className="public-page owner-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {problem && <p className="field-error" role="alert">{w.network}</p>}
      {owner === undefined && !problem && <p>{w.loading}</p>}
      {owner === null && <OwnerEntry lang={lang} />}
      {owner && <OwnerHome owner={owner} lang={lang} onSignedOut={() => setOwner(null)} />}
    </main>
  );
}
