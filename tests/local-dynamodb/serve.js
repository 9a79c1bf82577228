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

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
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
