// View 3: look hashes up by hand (they jump the queue), or hash a local file here and look that up.
import { FileLookup } from './FileLookup';
import { PasteLookup } from './PasteLookup';
import { ResultsTable } from './ResultsTable';
import './lookup.css';

export function LookupView() {
  return (
    <div className="page lookup">
      <h1>Look up</h1>
      <div className="lookup__inputs">
        <PasteLookup />
        <FileLookup />
      </div>
      <section className="card" aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <ResultsTable />
      </section>
    </div>
  );
}
