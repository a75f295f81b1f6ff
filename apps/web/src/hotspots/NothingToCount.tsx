/**
 * No live incidents and no imported calls yet: say why and what fills the screen, instead of an
 * empty map. On a first start of the demo the historical calls load in the background for a minute.
 */
export function NothingToCount({ checking, onCheck }: { checking: boolean; onCheck: () => void }) {
  return (
    <section className="panel hs-nothing" aria-labelledby="hs-nothing-title">
      <h2 id="hs-nothing-title">No calls to analyse yet</h2>
      <p>
        Hot spots and camera evaluations count calls: this centre's own incidents once there are some, or historical calls for service
        imported for analysis with <code>psap import cfs</code>.
      </p>
      <p className="muted">
        On a first start of the demo, its historical calls (Montgomery County PA, December 2015 to August 2016) and camera sites
        load in the background after the server is up; they appear here within a minute or two.
      </p>
      <button type="button" onClick={onCheck} disabled={checking}>{checking ? 'Checking…' : 'Check again'}</button>
    </section>
  );
}
