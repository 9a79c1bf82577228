#!/usr/bin/env node
// Starts dynalite on 127.0.0.1 (never another address) on the given port, or
// a free one with --port 0, prints "PORT <n>" on stdout once it listens, and
// exits when its standard input closes, so it never outlives whoever
// started it.
'use strict'
const dynalite = require('dynalite')

const args = process.argv.slice(2)
let port = 0
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = parseInt(args[++i], 10)
}

const http = require('http')

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

// Asks this server whether a table (or an index) is still changing state.
function tableSettled (name, cb) {
  const body = JSON.stringify({ TableName: name })
  const req = http.request({
    host: '127.0.0.1', port: server.address().port, method: 'POST', path: '/',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.DescribeTable',
      'X-Amz-Date': '20260101T000000Z',
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
  }, (res) => {
    let text = ''
    res.on('data', (chunk) => { text += chunk })
    res.on('end', () => cb(!/"(Table|Index)Status":"(CREATING|UPDATING)"/.test(text)))
  })
  req.on('error', () => cb(true))
  req.end(body)
}

// DynamoDB refuses writes to a table while it is CREATING, and so does
// dynalite, for a moment after it answers CreateTable. So that a client
// that writes straight after creating never races that moment, the answer
// to CreateTable and UpdateTable is held until the table has settled (at
// most two seconds). The answer itself is unchanged.
const handler = server.listeners('request')[0]
server.removeAllListeners('request')
server.on('request', (req, res) => {
  const target = String(req.headers['x-amz-target'] || '')
  if (!/\.(CreateTable|UpdateTable)$/.test(target)) return handler(req, res)
  let body = ''
  req.on('data', (chunk) => { body += chunk })
  const end = res.end.bind(res)
  res.end = (...endArgs) => {
    let name = null
    try { name = JSON.parse(body).TableName } catch (e) { name = null }
    if (res.statusCode !== 200 || !name) return end(...endArgs)
    const deadline = Date.now() + 2000
    const poll = () => tableSettled(name, (settled) => {
      if (settled || Date.now() > deadline) end(...endArgs)
      else setTimeout(poll, 5)
    })
    poll()
  }
  handler(req, res)
})
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`)
})
server.on('error', (err) => {
  process.stderr.write(`local-dynamodb: ${err.message}\n`)
  process.exit(1)
})
// dynalite throws from a request's 'error' handler when a client goes away
// in the middle of a request (a cancelled call): that request is over, the
// server is not. Anything else is a real failure.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    process.stderr.write(`local-dynamodb: a client went away mid-request (${err.message})\n`)
    return
  }
  process.stderr.write(`local-dynamodb: ${err && err.stack ? err.stack : err}\n`)
  process.exit(1)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
