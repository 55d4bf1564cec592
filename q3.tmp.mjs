import Database from 'better-sqlite3';
const db = new Database('/tmp/fimv-bench-scale/n100000-s15-schema5-a7729dd1-b1/data/fim-verdict.sqlite', { readonly: true });
const q = (s, ...a) => { const t = performance.now(); const r = db.prepare(s).all(...a); console.log((performance.now()-t).toFixed(1)+'ms', s.slice(0,120), JSON.stringify(r).slice(0, 400)); };
q('select count(*), sum(after_hashes_id is not null), sum(before_hashes_id is not null), sum(file_id is null) from alert_rows');
q('select count(*) from alert_hashes');
q('select event, count(*) from alert_rows where after_hashes_id is not null group by event');
q('select a.hash_mask, f.md5 is null, f.sha1 is null, count(*) from alert_rows a join files f on f.id=a.file_id where after_hashes_id is not null group by 1,2,3');
q("select * from alert_rows where after_hashes_id is not null limit 2");
q("select count(*) from alert_paths"); q("select count(*) from alert_shapes"); q("select count(*) from alert_agents");
