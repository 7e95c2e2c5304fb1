// A js-libp2p peer for the Java interop test (InteropWithJsLibp2pTest). It listens on loopback with
// a secp256k1 identity, TCP, Noise and yamux, answers /ipfs/ping/1.0.0, and speaks JSON lines:
//   stdout, first line: {"peerId": "...", "addrs": ["/ip4/127.0.0.1/tcp/N/p2p/..."]}
//   stdin:  "ping <multiaddr>"  ->  stdout: {"ping": <ms>} or {"error": "..."}
//   stdout, as it happens: {"connection": "<remote peer id>", "direction": "inbound"|"outbound"}
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { createInterface } from 'node:readline'

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const node = await createLibp2p({
  privateKey: await generateKeyPair('secp256k1'),
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { ping: ping() }
})

node.addEventListener('connection:open', (event) => {
  emit({ connection: event.detail.remotePeer.toString(), direction: event.detail.direction })
})

emit({ peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) })

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, arg] = line.trim().split(/\s+/)
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
