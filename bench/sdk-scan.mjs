// sdk-scan.mjs: the AWS SDK for JavaScript v3 peer of bench/run.sh: a whole
// Scan with paginateScan, each item written as a line of DynamoDB JSON.
//
//   node sdk-scan.mjs ENDPOINT TABLE OUTPUT
import { createWriteStream } from 'node:fs'
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb'

const [endpoint, table, output] = process.argv.slice(2)
const client = new DynamoDBClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' }
})
const out = createWriteStream(output)
let n = 0
for await (const page of paginateScan({ client }, { TableName: table })) {
  let chunk = ''
  for (const item of page.Items ?? []) chunk += JSON.stringify(item) + '\n'
  n += page.Items?.length ?? 0
  if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
}
await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())))
process.stderr.write(`sdk-scan: ${n} items\n`)
