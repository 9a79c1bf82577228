// report.mjs: the table of bench/run.sh from its results file (lines of
// "LABEL wall user sys maxrss_kb"): medians per client and the ratios.
//
//   node report.mjs RESULTS N_ITEMS
import { readFileSync } from 'node:fs'

const [file, nItems] = process.argv.slice(2)
const runs = new Map()
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const [label, wall, user, sys, rss] = line.trim().split(/\s+/)
  if (!label || rss === undefined) continue
  if (!runs.has(label)) runs.set(label, [])
  runs.get(label).push({ wall: +wall, cpu: +user + +sys, rss: +rss / 1024 })
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const m = new Map()
for (const [label, rs] of runs) {
  m.set(label, { n: rs.length, wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), rss: median(rs.map((r) => r.rss)) })
}

const names = {
  ceiling: 'ceiling (C, reads the bytes)',
  'sdk-js': 'AWS SDK JS v3, paginateScan -> JSONL',
  'aws-cli': 'AWS CLI v2 scan --output json',
  'ours-1': 'dynamo-desk-cli, 1 segment, typed JSONL',
  'ours-4': 'dynamo-desk-cli, 4 segments, typed JSONL',
  'ours-1-plain': 'dynamo-desk-cli, 1 segment, plain JSONL',
  'ddb-sdk-js': 'AWS SDK JS v3 -> JSONL',
  'ddb-ours-1': 'dynamo-desk-cli, 1 segment',
  'ddb-ours-4': 'dynamo-desk-cli, 4 segments'
}
const row = (label) => {
  const r = m.get(label)
  if (!r) return `| ${names[label]} | - | skipped | | |`
  return `| ${names[label]} | ${r.n} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rss.toFixed(0)} |`
}
const head = '| client | runs | wall s | CPU s (user+sys) | peak RSS MB |\n|---|---:|---:|---:|---:|'
console.log(`\nScan of ${nItems} items, medians.\n\nOn the replay server (recorded pages served from memory):\n\n${head}`)
for (const l of ['ceiling', 'sdk-js', 'aws-cli', 'ours-1', 'ours-4', 'ours-1-plain']) console.log(row(l))
console.log(`\nOn the local DynamoDB (dynalite):\n\n${head}`)
for (const l of ['ddb-sdk-js', 'ddb-ours-1', 'ddb-ours-4']) console.log(row(l))

const ratio = (a, b, key) => (m.has(a) && m.has(b) ? m.get(a)[key] / m.get(b)[key] : NaN)
const line = (what, value, target, ok) =>
  console.log(`| ${what} | ${Number.isNaN(value) ? 'n/a' : value.toFixed(3)} | ${target} | ${Number.isNaN(value) ? 'not measured' : ok(value) ? 'met' : 'NOT MET'} |`)
console.log('\n| ratio | value | target | |\n|---|---:|---|---|')
line('CPU ours/SDK JS', ratio('ours-1', 'sdk-js', 'cpu'), '<= 0.1', (v) => v <= 0.1)
line('CPU ours/AWS CLI', ratio('ours-1', 'aws-cli', 'cpu'), '<= 0.025', (v) => v <= 0.025)
line('wall ours/ceiling', ratio('ours-1', 'ceiling', 'wall'), '<= 1.5', (v) => v <= 1.5)
line('wall ours/SDK JS', ratio('ours-1', 'sdk-js', 'wall'), '', () => true)
line('wall ours/AWS CLI', ratio('ours-1', 'aws-cli', 'wall'), '', () => true)
line('wall 4 segments/1 segment (local DynamoDB)', ratio('ddb-ours-4', 'ddb-ours-1', 'wall'), '< 1', (v) => v < 1)
