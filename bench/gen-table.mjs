// gen-table.mjs: fills a table in the local DynamoDB and records its Scan
// pages, for bench/run.sh.
//
//   node gen-table.mjs ENDPOINT WORKDIR [N_ITEMS]
//
// Creates the table "bench" (pk: S) on ENDPOINT (a loopback URL), writes
// N_ITEMS (default 100000) items of about 400 bytes with BatchWriteItem,
// then scans it whole, once with one segment and once with four, keeping
// every response body exactly as it came. WORKDIR/pages/NNNN.json are the
// bodies; WORKDIR/index.json maps each request (segment and
// ExclusiveStartKey) to the body that answers it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DynamoDBClient, CreateTableCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb'
import { requestKey } from './request-key.mjs'

const [endpoint, workdir, nArg] = process.argv.slice(2)
const nItems = parseInt(nArg ?? '100000', 10)
const table = 'bench'
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(endpoint ?? '')) {
  console.error('usage: node gen-table.mjs http://127.0.0.1:PORT WORKDIR [N_ITEMS]')
  process.exit(2)
}

const cities = ['Lisbon', 'Oslo', 'Kyoto', 'Quito', 'Accra', 'Perth', 'Austin']

// About 400 bytes of DynamoDB JSON: strings, numbers, a bool, a null, a
// nested map, a list and a string set.
function makeItem (i) {
  return {
    pk: { S: `user#${String(i).padStart(8, '0')}` },
    sk: { N: String(i % 1000) },
    name: { S: `Person ${i}` },
    email: { S: `person${i}@example.org` },
    score: { N: `${(i * 7919) % 100000}.${String(i % 1000).padStart(3, '0')}` },
    active: { BOOL: (i & 1) === 1 },
    deleted: { NULL: true },
    profile: {
      M: {
        city: { S: cities[i % cities.length] },
        zip: { N: String((i * 31) % 100000) },
        langs: { L: [{ S: 'en' }, { S: 'pt' }, { N: String(i % 10) }] }
      }
    },
    history: { L: [{ N: String(i * 3) }, { N: String(i * 5) }, { S: 'signup' }] },
    colors: { SS: ['red', 'green', `blue${i % 17}`] },
    note: { S: `Lorem ipsum dolor ${i}` }
  }
}

const client = new DynamoDBClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' }
})

async function fill () {
  await client.send(new CreateTableCommand({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST'
  }))
  let next = 0
  async function worker () {
    while (next < nItems) {
      const first = next
      next = Math.min(nItems, next + 25)
      const requests = []
      for (let i = first; i < next; i++) requests.push({ PutRequest: { Item: makeItem(i) } })
      let items = { [table]: requests }
      while (Object.keys(items).length > 0) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: items }))
        items = out.UnprocessedItems ?? {}
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

async function scanRaw (body) {
  const text = JSON.stringify(body)
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.Scan',
      'x-amz-date': '20250101T000000Z',
      // The local DynamoDB checks the header's shape, not the signature.
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20250101/us-east-1/dynamodb/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64)
    },
    body: text
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) throw new Error(`Scan: HTTP ${response.status}: ${bytes}`)
  return bytes
}

async function record () {
  const index = {}
  let n = 0
  let count = 0
  mkdirSync(join(workdir, 'pages'), { recursive: true })
  for (const total of [undefined, 4]) {
    for (let segment = 0; segment < (total ?? 1); segment++) {
      let start
      do {
        const body = { TableName: table }
        if (total !== undefined) Object.assign(body, { Segment: segment, TotalSegments: total })
        if (start !== undefined) body.ExclusiveStartKey = start
        const bytes = await scanRaw(body)
        const page = JSON.parse(bytes)
        const file = `${String(n++).padStart(4, '0')}.json`
        writeFileSync(join(workdir, 'pages', file), bytes)
        index[requestKey(body)] = file
        if (total === undefined) count += page.Count
        start = page.LastEvaluatedKey
      } while (start !== undefined)
    }
  }
  writeFileSync(join(workdir, 'index.json'), JSON.stringify({ table, items: count, pages: index }, null, 1))
  return { pages: n, items: count }
}

const t0 = Date.now()
await fill()
const t1 = Date.now()
const { pages, items } = await record()
console.log(`gen-table: ${nItems} items written in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
  `${items} items in ${pages} recorded pages (1 and 4 segments) in ${((Date.now() - t1) / 1000).toFixed(1)} s`)
