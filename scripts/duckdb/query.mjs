// query.mjs runs SQL in an in-memory DuckDB for yusuan's dataset tests
// (dataset/duckdb_test.go): it reads a JSON array of SQL texts on stdin
// (a text may hold several statements), runs them in order, and prints a
// JSON array with the rows of each (every value as DuckDB's JSON form:
// numbers and decimals as strings). A failing statement prints its error
// on stderr and exits 1.
//
// Install once with `npm ci --prefix scripts/duckdb` (scripts/setup.sh does
// when npm is there): @duckdb/node-api ships DuckDB itself in its npm
// package, so nothing is downloaded at run time.
import { DuckDBInstance } from '@duckdb/node-api';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const texts = JSON.parse(input);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const out = [];
for (const sql of texts) {
  try {
    const reader = await con.runAndReadAll(sql);
    out.push(reader.getRowObjectsJson());
  } catch (e) {
    process.stderr.write(`duckdb: ${e.message}\nin: ${sql.slice(0, 400)}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out) + '\n');
