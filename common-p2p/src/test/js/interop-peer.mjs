// A js-libp2p peer for the Java interop test (InteropWithJsLibp2pTest). It listens on loopback with
// a secp256k1 identity (or the key type given as first argument, e.g. "Ed25519"), TCP, Noise and
// yamux or mplex (yamux preferred), answers /ipfs/ping/1.0.0, and speaks JSON lines. With "eth2"
// as second argument its gossipsub is configured as an eth2 client's (spec-libp2p.md section 13):
// the Altair message id over the decompressed data, and snappy block compression as its data
// transform, so "data" below is then the uncompressed SSZ and "publish" compresses it.
//   stdout, first line: {"peerId": "...", "addrs": ["/ip4/127.0.0.1/tcp/N/p2p/..."]}
//   stdin:  "ping <multiaddr>"  ->  stdout: {"ping": <ms>} or {"error": "..."}
//   stdin:  "echo <multiaddr> <bytes>" -> sends random bytes on /test/echo/1.0.0, half-closes,
//           reads everything back  ->  stdout: {"echoed": <bytes>, "equal": true|false}
// It also answers /test/echo/1.0.0 itself, echoing with backpressure (waits for 'drain').
//   stdin:  "identify <multiaddr>" -> dials, waits for js-libp2p's own identify of that peer
//           ->  stdout: {"identify": {peerId, protocols, agentVersion, ...}}
//   stdin:  "subscribe <topic>"  ->  stdout: {"subscribed": "<topic>"}
//   stdin:  "publish <topic> <hex> <peerId>" -> waits until that peer subscribed, publishes
//           ->  stdout: {"published": <recipients>}
//   stdin:  "mesh <topic>"  ->  stdout: {"mesh": [peer ids in js's mesh for the topic]}
//   stdin:  "connect <multiaddr>" -> dials and keeps the connection (the e2e tests join the
//           broadcaster's and the validator's meshes this way)  ->  stdout: {"connected": "<peer id>"}
//   stdout, for every gossip message: {"gossip": {"topic", "data" (hex), "type", "from", "msgId"}}
//           (msgId as gossipsub reports it: unpadded base64 of the message id)
//   stdout, as it happens: {"connection": "<remote peer id>", "direction": "inbound"|"outbound"}
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { gossipsub, StrictNoSign } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { mplex } from '@libp2p/mplex'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { randomBytes } from 'node:crypto'
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import snappy from 'snappyjs'

const ECHO = '/test/echo/1.0.0'
const CHUNK = 64 * 1024

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const ETH2 = process.argv[3] === 'eth2'
const MAX_PAYLOAD_SIZE = 10 * 1024 * 1024
const DOMAIN_VALID_SNAPPY = Buffer.from([1, 0, 0, 0])

// Altair+ eth2 message id of a valid-snappy message:
// SHA256(domain ‖ uint64_le(len(topic)) ‖ topic ‖ decompressed data)[:20]
function eth2MessageId (msg) {
  const topic = Buffer.from(msg.topic, 'utf8')
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(topic.length))
  return createHash('sha256')
    .update(DOMAIN_VALID_SNAPPY).update(length).update(topic).update(msg.data)
    .digest().subarray(0, 20)
}

const eth2Options = ETH2
  ? {
      msgIdFn: eth2MessageId,
      dataTransform: {
        inboundTransform: (topic, data) => snappy.uncompress(data, MAX_PAYLOAD_SIZE),
        outboundTransform: (topic, data) => snappy.compress(data)
      }
    }
  : {}

const node = await createLibp2p({
  privateKey: await generateKeyPair(process.argv[2] ?? 'secp256k1'),
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux(), mplex()],
  services: {
    identify: identify(),
    ping: ping(),
    pubsub: gossipsub({ globalSignaturePolicy: StrictNoSign, allowPublishToZeroTopicPeers: true, ...eth2Options })
  }
})

node.addEventListener('connection:open', (event) => {
  emit({ connection: event.detail.remotePeer.toString(), direction: event.detail.direction })
})

await node.handle(ECHO, async (stream) => {
  for await (const buf of stream) {
    if (!stream.send(buf)) {
      await stream.onDrain()
    }
  }
  await stream.close()
})

async function echo (address, size) {
  const data = randomBytes(size)
  const stream = await node.dialProtocol(multiaddr(address), ECHO, { signal: AbortSignal.timeout(10000) })
  const chunks = []
  const closed = new Promise((resolve, reject) => {
    stream.addEventListener('message', (evt) => { chunks.push(Buffer.from(evt.data.subarray())) })
    stream.addEventListener('close', (evt) => { evt.error ? reject(evt.error) : resolve() })
  })
  for (let offset = 0; offset < size; offset += CHUNK) {
    if (!stream.send(data.subarray(offset, offset + CHUNK))) {
      await stream.onDrain()
    }
  }
  await stream.close()
  await closed
  const received = Buffer.concat(chunks)
  return { echoed: received.length, equal: received.equals(data) }
}

node.services.pubsub.addEventListener('gossipsub:message', (event) => {
  const { msg, msgId, propagationSource } = event.detail
  emit({
    gossip: {
      topic: msg.topic,
      data: Buffer.from(msg.data).toString('hex'),
      type: msg.type,
      from: propagationSource.toString(),
      msgId
    }
  })
})

async function publishWhenSubscribed (topic, data, peer) {
  for (let i = 0; i < 100; i++) {
    if (node.services.pubsub.getSubscribers(topic).some((p) => p.toString() === peer)) {
      const bytes = Buffer.from(data, 'hex')
      const result = await node.services.pubsub.publish(topic, bytes)
      const published = { published: result.recipients.length }
      if (ETH2) {
        published.msgId = eth2MessageId({ topic, data: bytes }).toString('base64').replace(/=+$/, '')
      }
      return published
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${peer} never subscribed to ${topic}`)
}

emit({ peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) })

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, arg, second, third] = line.trim().split(/\s+/)
  if (command === 'subscribe') {
    node.services.pubsub.subscribe(arg)
    emit({ subscribed: arg })
  }
  if (command === 'connect') {
    try {
      const connection = await node.dial(multiaddr(arg), { signal: AbortSignal.timeout(10000) })
      emit({ connected: connection.remotePeer.toString() })
    } catch (err) {
      emit({ error: String(err && err.stack ? err.stack : err) })
    }
  }
  if (command === 'mesh') {
    emit({ mesh: node.services.pubsub.getMeshPeers(arg) })
  }
  if (command === 'publish') {
    try {
      emit(await publishWhenSubscribed(arg, second, third))
    } catch (err) {
      emit({ error: String(err && err.stack ? err.stack : err) })
    }
  }
  if (command === 'echo') {
    try {
      emit(await echo(arg, Number(second)))
    } catch (err) {
      emit({ error: String(err && err.stack ? err.stack : err) })
    }
  }
  if (command === 'identify') {
    try {
      // js-libp2p identifies every new connection by itself; report what that produced.
      const target = multiaddr(arg)
      const identified = new Promise((resolve) => {
        const listener = (event) => {
          if (event.detail.peerId.toString() === target.getComponents().find((c) => c.name === 'p2p')?.value) {
            node.removeEventListener('peer:identify', listener)
            resolve(event.detail)
          }
        }
        node.addEventListener('peer:identify', listener)
      })
      // A fresh connection, so that identify runs again even if we were already connected.
      await node.hangUp(target)
      await node.dial(target, { signal: AbortSignal.timeout(10000) })
      const result = await Promise.race([
        identified,
        new Promise((resolve, reject) => setTimeout(() => reject(new Error('no peer:identify within 10 s')), 10000))
      ])
      emit({
        identify: {
          peerId: result.peerId.toString(),
          protocols: result.protocols,
          protocolVersion: result.protocolVersion ?? null,
          agentVersion: result.agentVersion ?? null,
          listenAddrs: result.listenAddrs.map(String),
          observedAddr: result.observedAddr?.toString() ?? null
        }
      })
    } catch (err) {
      emit({ error: String(err && err.stack ? err.stack : err) })
    }
  }
  if (command === 'ping') {
    try {
      emit({ ping: await node.services.ping.ping(multiaddr(arg), { signal: AbortSignal.timeout(10000) }) })
    } catch (err) {
      emit({ error: String(err && err.stack ? err.stack : err) })
    }
  }
}
await node.stop()
process.exit(0)
