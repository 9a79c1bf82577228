// replay.mjs: serves recorded Scan pages from memory, for bench/run.sh.
//
//   node replay.mjs WORKDIR [--port N]
//
// Listens on 127.0.0.1 (a free port with 0, the default), prints
// "PORT <n>", and exits when its standard input closes. Each Scan request
// is answered with the page recorded for its segment and
// ExclusiveStartKey (gen-table.mjs), byte for byte, with x-amz-crc32 and a
// request id, so any client paginates through the same data. Other
// actions get the UnknownOperationException a DynamoDB endpoint sends.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { requestKey } from './request-key.mjs'

const args = process.argv.slice(2)
const workdir = args[0]
const port = args.includes('--port') ? parseInt(args[args.indexOf('--port') + 1], 10) : 0
const index = JSON.parse(readFileSync(join(workdir, 'index.json'), 'utf8'))
const pages = new Map()
for (const [key, file] of Object.entries(index.pages)) {
  const body = readFileSync(join(workdir, 'pages', file))
  pages.set(key, { body, crc: String(crc32(body) >>> 0) })
}

let served = 0
function reply (res, status, body, crc) {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': body.length,
    'x-amz-crc32': crc ?? String(crc32(body) >>> 0),
    'x-amzn-requestid': `replay-${++served}`
  })
  res.end(body)
}

function error (res, status, type, message) {
  reply(res, status, Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message })))
}

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const target = req.headers['x-amz-target'] ?? ''
    if (target !== 'DynamoDB_20120810.Scan') return error(res, 400, 'UnknownOperationException', `replay serves Scan only, not ${target}`)
    let body
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return error(res, 400, 'SerializationException', 'request body is not JSON')
    }
    if (body.TableName !== index.table) return error(res, 400, 'ResourceNotFoundException', 'Requested resource not found')
    const page = pages.get(requestKey(body))
    if (page === undefined) return error(res, 400, 'ValidationException', `no recorded page for ${requestKey(body)}`)
    reply(res, 200, page.body, page.crc)
  })
})
server.keepAliveTimeout = 30000
server.listen(port, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`))
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
