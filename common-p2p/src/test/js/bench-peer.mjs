// A js-libp2p gossip peer for the common-p2p benchmark (GossipBenchmark), configured the way an
// eth2 client configures js-libp2p (spec-libp2p.md section 13): secp256k1 key, TCP, Noise, yamux,
// identify, gossipsub with StrictNoSign, the eth2 message id over the decompressed data and snappy
// block compression as its data transform. Payloads are SSZ ExecutionProofs whose proof_data
// starts with uint64 BE sequence number and uint64 BE send time (CLOCK_MONOTONIC nanoseconds, the
// clock that Java's System.nanoTime also reads on Linux), so the receiver measures latency.
// JSON lines on stdout; commands on stdin:
//   first line:                          {"peerId", "addrs"}
//   subscribe <topic>                    {"subscribed": topic}   (topic validator: decode, ACCEPT)
//   dial <multiaddr>                     {"dialed": peerId}
//   await-subscriber <topic> <peerId>    {"ready": peerId} once that peer is subscribed
//   publish <topic> <count> <size> <seq> publishes count messages back to back: {"published": n}
//   paced <topic> <count> <size> <seq> <intervalNanos>  ... at a fixed rate: {"published": n}
//   ack-every <n>                        then {"d": delivered} every n deliveries (0: never)
//   count                                {"delivered": n}
//   stats                                {"stats": {delivered, latenciesNanos: [...]}}, then clears
//   now                                  {"now": "<monotonic ns>"}
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { gossipsub, StrictNoSign } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { createHash, randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import snappy from 'snappyjs'

const MAX_PAYLOAD_SIZE = 10 * 1024 * 1024
const SSZ_FIXED = 56
const SUBNET = 7n
const DOMAIN_VALID_SNAPPY = Buffer.from([1, 0, 0, 0])

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

// Altair+ eth2 message id: SHA256(domain ‖ uint64_le(len(topic)) ‖ topic ‖ decompressed)[:20]
function eth2MessageId (msg) {
  const topic = Buffer.from(msg.topic, 'utf8')
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(topic.length))
  return createHash('sha256')
    .update(DOMAIN_VALID_SNAPPY).update(length).update(topic).update(msg.data)
    .digest().subarray(0, 20)
}

const node = await createLibp2p({
  privateKey: await generateKeyPair('secp256k1'),
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    pubsub: gossipsub({
      globalSignaturePolicy: StrictNoSign,
      allowPublishToZeroTopicPeers: true,
      msgIdFn: eth2MessageId,
      dataTransform: {
        inboundTransform: (topic, data) => snappy.uncompress(data, MAX_PAYLOAD_SIZE),
        outboundTransform: (topic, data) => snappy.compress(data)
      }
    })
  }
})
const pubsub = node.services.pubsub

let delivered = 0
let ackEvery = 0
let latencies = []

// The application's check: a well-formed ExecutionProof (offset 56, proof_data present) is ACCEPTed.
function validate (peer, msg) {
  const data = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength)
  if (data.length < SSZ_FIXED + 16 || data.readUInt32LE(44) !== SSZ_FIXED) {
    return 'reject'
  }
  const sentAt = data.readBigUInt64BE(SSZ_FIXED + 8)
  latencies.push(Number(process.hrtime.bigint() - sentAt))
  delivered++
  if (ackEvery > 0 && delivered % ackEvery === 0) {
    emit({ d: delivered })
  }
  return 'accept'
}

// One random tail per size, so a message costs a copy and a header write, not random generation.
const tails = new Map()
function proof (size, seq) {
  if (!tails.has(size)) {
    tails.set(size, randomBytes(size))
  }
  const ssz = Buffer.allocUnsafe(SSZ_FIXED + size)
  ssz.fill(0x42, 0, 32) // block_hash
  ssz.writeBigUInt64LE(SUBNET, 32)
  ssz.writeUInt32LE(1, 40) // version
  ssz.writeUInt32LE(SSZ_FIXED, 44) // proof_data offset
  ssz.writeBigUInt64LE(1764000000n, 48) // timestamp
  tails.get(size).copy(ssz, SSZ_FIXED)
  ssz.writeBigUInt64BE(BigInt(seq), SSZ_FIXED)
  ssz.writeBigUInt64BE(process.hrtime.bigint(), SSZ_FIXED + 8)
  return ssz
}

async function publish (topic, count, size, seq) {
  for (let i = 0; i < count; i++) {
    await pubsub.publish(topic, proof(size, seq + i))
  }
  return { published: count }
}

async function paced (topic, count, size, seq, intervalNanos) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < count; i++) {
    const due = start + BigInt(i) * intervalNanos
    let now = process.hrtime.bigint()
    while (now < due) {
      const waitMs = Number(due - now) / 1e6
      await new Promise((resolve) => waitMs >= 1 ? setTimeout(resolve, Math.floor(waitMs)) : setImmediate(resolve))
      now = process.hrtime.bigint()
    }
    await pubsub.publish(topic, proof(size, seq + i))
  }
  return { published: count }
}

async function awaitSubscriber (topic, peer) {
  for (let i = 0; i < 300; i++) {
    if (pubsub.getSubscribers(topic).some((p) => p.toString() === peer)) {
      return { ready: peer }
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${peer} never subscribed to ${topic}`)
}

emit({ peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) })

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, ...args] = line.trim().split(/\s+/)
  try {
    if (command === 'subscribe') {
      pubsub.topicValidators.set(args[0], validate)
      pubsub.subscribe(args[0])
      emit({ subscribed: args[0] })
    } else if (command === 'dial') {
      const connection = await node.dial(multiaddr(args[0]), { signal: AbortSignal.timeout(10000) })
      emit({ dialed: connection.remotePeer.toString() })
    } else if (command === 'await-subscriber') {
      emit(await awaitSubscriber(args[0], args[1]))
    } else if (command === 'publish') {
      emit(await publish(args[0], Number(args[1]), Number(args[2]), Number(args[3])))
    } else if (command === 'paced') {
      emit(await paced(args[0], Number(args[1]), Number(args[2]), Number(args[3]), BigInt(args[4])))
    } else if (command === 'ack-every') {
      ackEvery = Number(args[0])
      emit({ ackEvery })
    } else if (command === 'count') {
      emit({ delivered })
    } else if (command === 'stats') {
      emit({ stats: { delivered, latenciesNanos: latencies } })
      latencies = []
    } else if (command === 'now') {
      emit({ now: process.hrtime.bigint().toString() })
    }
  } catch (err) {
    emit({ error: String(err && err.stack ? err.stack : err) })
  }
}
await node.stop()
process.exit(0)
