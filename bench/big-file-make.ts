// Writes a large synthetic credit table as CSV (and Parquet) for bench/big-file.ts. Never commit the output.
// Run: npx tsx bench/big-file-make.ts [rows=12000000] [dir=/tmp/understudy-big]
// Every value is a hash of the row number, so the same command writes the same bytes.
import { mkdirSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const rows = Number(process.argv[2] ?? 12_000_000);
const dir = process.argv[3] ?? "/tmp/understudy-big";
mkdirSync(dir, { recursive: true });

// u(k): a uniform number in [0, 1) from the row number and a column salt.
const u = (k: number) => `(hash(i, ${k}) % 1000003) / 1000003.0`;
const select = `
  SELECT i AS id,
    18 + floor(${u(1)} * 60)::INT AS age,
    round(15000 + ${u(2)} * 135000, 2) AS income,
    round(${u(3)} * 0.9, 4) AS debt_ratio,
    (['north','south','east','west','central','coast','hills','islands'])[1 + floor(${u(4)} * 8)::INT] AS region,
    (['basic','plus','premium'])[1 + floor(${u(5)} * 3)::INT] AS plan,
    floor(${u(6)} * 240)::INT AS tenure_months,
    floor(${u(7)} * ${u(8)} * 9)::INT AS late_payments,
    round(${u(9)} * 100, 3) AS score_a,
    CASE WHEN ${u(10)} < 0.02 THEN 'n/a' ELSE round(${u(11)} * 50 - 25, 3)::VARCHAR END AS score_b,
    ${u(12)} < 0.4 AS has_card,
    'C' || lpad((hash(i, 20) % 1000000000)::VARCHAR, 9, '0') AS customer_ref,
    'city_' || floor(${u(14)} * 500)::INT AS city,
    DATE '2015-01-01' + floor(${u(15)} * 3650)::INT AS signup_date,
    'mail' || floor(${u(16)} * 40)::INT || '.example.org' AS email_domain,
    (['branch','online','phone','partner'])[1 + floor(${u(17)} * 4)::INT] AS channel,
    CASE WHEN (${u(3)} * 0.9 > 0.55 AND ${u(7)} * ${u(8)} * 9 >= 2) OR (${u(2)} < 0.1 AND ${u(3)} > 0.5) OR ${u(13)} < 0.05
      THEN 'default' ELSE 'repaid' END AS outcome
  FROM range(${rows}) t(i)`;

const instance = await DuckDBInstance.create(":memory:", { memory_limit: "1GB" });
const con = await instance.connect();
let t = performance.now();
await con.run(`COPY (${select}) TO '${dir}/big.csv' (HEADER, DELIMITER ',')`);
console.log(`wrote ${dir}/big.csv (${rows} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
await con.run(`COPY (SELECT * FROM read_csv('${dir}/big.csv', all_varchar = false)) TO '${dir}/big.parquet' (FORMAT parquet)`);
console.log(`wrote ${dir}/big.parquet in ${((performance.now() - t) / 1000).toFixed(1)} s`);
