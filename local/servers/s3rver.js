#!/usr/bin/env node
// Starts @20minutes/s3rver (an S3 wire-protocol server) on a loopback address, for tests and the
// local stack. Run with `node --openssl-legacy-provider s3rver.js ...` (without the flag its
// ListObjectsV2 paging answers 500).
//
// Usage:
//   node --openssl-legacy-provider s3rver.js --port PORT --directory DIR
//        [--address 127.0.0.1] [--bucket NAME[=CORS_XML_FILE]]... [--exit-with-stdin]
//
//   --port 0           lets the system choose a free port; the ready line tells which.
//   --bucket NAME=FILE creates NAME (if absent) and applies the <CORSConfiguration> in FILE.
//   --exit-with-stdin  stops the server when stdin closes, so it cannot outlive the process
//                      that started it (the JUnit extension passes it).
//
// Stdout carries JSON lines only, one per line:
//   {"ready": {"address": "127.0.0.1", "port": 43123, "endpoint": "http://127.0.0.1:43123"}}
//   {"event": {"Records": [...]}}   one per object created or removed, in any bucket, as
//                                   s3rver builds it (raw key, hex-timestamp sequencer).
// Errors go to stderr; the process exits non-zero when the server cannot start.
// Credentials accepted: S3RVER / S3RVER.
//
// One S3 behaviour s3rver lacks is added here: a conditional PutObject (`If-None-Match: *`) on a
// key that exists answers 412 PreconditionFailed and leaves the object as it was (s3rver ignores
// the header and overwrites). Create-only records (a withdrawal's, LAW-3) rely on it. Unlike S3,
// the check runs before the signature is verified.
'use strict'

const fs = require('node:fs')
const { parseArgs } = require('node:util')
const S3rver = require('@20minutes/s3rver')

function fail(message) {
  process.stderr.write(`s3rver.js: ${message}\n`)
  process.exit(2)
}

let args
try {
  args = parseArgs({
    options: {
      address: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      directory: { type: 'string' },
      bucket: { type: 'string', multiple: true, default: [] },
      'exit-with-stdin': { type: 'boolean', default: false },
    },
    strict: true,
  }).values
} catch (e) {
  fail(e.message)
}

const port = Number(args.port)
if (args.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
  fail('--port PORT is required (0 = any free port)')
}
if (!args.directory) {
  fail('--directory DIR is required (where objects are stored)')
}
fs.mkdirSync(args.directory, { recursive: true })

const buckets = args.bucket.map((spec) => {
  const eq = spec.indexOf('=')
  if (eq < 0) {
    return { name: spec, configs: [] }
  }
  const name = spec.slice(0, eq)
  const corsFile = spec.slice(eq + 1)
  return { name, configs: [fs.readFileSync(corsFile, 'utf8')] }
})

function printLine(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

const server = new S3rver({
  address: args.address,
  port,
  silent: true, // otherwise request logs are written to stdout, mixed with the JSON lines
  directory: args.directory,
  configureBuckets: buckets,
})

server.on('event', (event) => printLine({ event }))

// S3's conditional write, before s3rver's router (the last middleware): see the header.
const S3Error = require('@20minutes/s3rver/lib/models/error')
const router = server.middleware.pop()
server.use(async (ctx, next) => {
  if (
    ctx.method === 'PUT' &&
    ctx.get('if-none-match') === '*' &&
    !ctx.get('x-amz-copy-source') &&
    ctx.query.uploadId === undefined
  ) {
    const [, bucket, ...key] = ctx.path.split('/')
    const name = key.map(decodeURIComponent).join('/')
    if (bucket && name && (await server.store.existsObject(bucket, name))) {
      throw new S3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        { Condition: 'If-None-Match' }
      )
    }
  }
  return next()
})
server.middleware.push(router)

function stop() {
  server.close().then(
    () => process.exit(0),
    () => process.exit(0)
  )
  // Open keep-alive connections would hold close() open: don't wait for them.
  setTimeout(() => process.exit(0), 500).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

if (args['exit-with-stdin']) {
  process.stdin.on('end', stop)
  process.stdin.on('error', stop)
  process.stdin.resume()
}

server.run().then(
  (address) => {
    printLine({
      ready: {
        address: address.address,
        port: address.port,
        endpoint: `http://${address.address}:${address.port}`,
      },
    })
  },
  (err) => fail(`cannot start: ${err.stack || err}`)
)
