// Cross-checks our gossipsub RPC codec against @libp2p/gossipsub 17.1.1's own protobuf code
// (GossipRpcInteropTest).
//   node rpc-codec.mjs sample         -> hex of the sample RPC below, encoded by js
//   node rpc-codec.mjs decode <hex>   -> JSON of what js decodes from our bytes
import { RPC } from '@libp2p/gossipsub/message'

const TOPIC = '/eth2/bfe0d3f4/beacon_block/ssz_snappy'
const ID = new Uint8Array(20).fill(0x11)
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const [mode, arg] = process.argv.slice(2)
if (mode === 'sample') {
  const rpc = {
    subscriptions: [{ subscribe: true, topic: TOPIC }, { subscribe: false, topic: '/x' }],
    messages: [{ topic: TOPIC, data: Uint8Array.from([1, 2, 3, 4, 5]) }],
    control: {
      ihave: [{ topicID: TOPIC, messageIDs: [ID, ID] }],
      iwant: [{ messageIDs: [ID] }],
      graft: [{ topicID: TOPIC }],
      prune: [{ topicID: TOPIC, peers: [], backoff: 60 }],
      idontwant: []
    }
  }
  process.stdout.write(hex(RPC.encode(rpc)) + '\n')
} else if (mode === 'decode') {
  const rpc = RPC.decode(Buffer.from(arg, 'hex'))
  process.stdout.write(JSON.stringify({
    subscriptions: rpc.subscriptions,
    messages: rpc.messages.map((m) => ({
      topic: m.topic,
      data: m.data ? hex(m.data) : null,
      signingFields: ['from', 'seqno', 'signature', 'key'].filter((f) => m[f] !== undefined)
    })),
    ihave: (rpc.control?.ihave ?? []).map((i) => ({ topicID: i.topicID, ids: i.messageIDs.map(hex) })),
    iwant: (rpc.control?.iwant ?? []).map((i) => i.messageIDs.map(hex)),
    graft: (rpc.control?.graft ?? []).map((g) => g.topicID),
    prune: (rpc.control?.prune ?? []).map((p) => ({ topicID: p.topicID, backoff: Number(p.backoff) }))
  }) + '\n')
} else {
  process.stderr.write('usage: rpc-codec.mjs sample | decode <hex>\n')
  process.exit(2)
}
